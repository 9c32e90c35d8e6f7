import Foundation
import ProxySyncCore
import TestSupport
import Testing

/// Every broken export in the reader's corpus, fed to the real commands against a populated store.
@Suite struct BrokenExportCorpusTests {
  static let corpus = repositoryRoot.appendingPathComponent("Tests/ProxySyncReadersTests/Fixtures/invalid")
  static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()

  func data(_ cli: CLIHarness) -> String {
    ["people", "groups"].map { cli.run($0, "list", "--format", "json").out }.joined()
      + cli.run("org", "list", "--format", "json").out
  }

  @Test(arguments: cases)
  func brokenExportExitsOneAndLeavesTheStoreAsItWas(name: String) throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let folder = Self.corpus.appendingPathComponent(name).path
    let expected = try String(contentsOfFile: "\(folder)/expected.txt", encoding: .utf8)

    let bytes = cli.storeBytes()
    let plan = cli.run("plan", "--source", folder)
    #expect(plan.status == 1)
    #expect(plan.err.hasPrefix(expected))
    #expect(cli.storeBytes() == bytes, "plan must never write")

    let before = data(cli)
    let sync = cli.run("sync", "--source", folder)
    #expect(sync.status == 1)
    #expect(sync.err.hasPrefix(expected))
    #expect(data(cli) == before, "a refused sync must not touch people, groups or the revision")
    #expect(cli.run("runs", "list").out.contains("refused"))
    // Members missing from the users file get the likely cause and its fix.
    let hinted = expected.contains("membership names user")
    #expect(sync.err.contains("hint: Okta leaves DEPROVISIONED users out") == hinted, "\(sync.err)")
  }
}
