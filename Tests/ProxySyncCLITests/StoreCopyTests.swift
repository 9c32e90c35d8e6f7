import Foundation
import TestSupport
import Testing

/// `proxysync store copy`: a whole store moved, and everything a person reads of it unchanged.
@Suite struct StoreCopyTests {
  /// Everything the store shows about the sample company: people, groups, runs, and each
  /// person's and group's history.
  static func view(_ cli: CLIHarness) -> String {
    var text = ["people", "groups"].map { cli.run($0, "list", "--format", "json").out }.joined()
    text += cli.run("runs", "list", "--format", "json").out.replacingOccurrences(of: #""durationSeconds" : [0-9.]+"#, with: "", options: .regularExpression)
    let people = cli.run("people", "list").out.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
    for person in people { text += cli.run("audit", "--person", person, "--format", "json").out }
    for group in ["00g1engineering00001", "00g1sales00000000002"] { text += cli.run("audit", "--group", group, "--format", "json").out }
    return text
  }

  /// The demo company after its three days.
  func demo() -> CLIHarness {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    for day in ["day2", "day3"] { cli.run("sync", "--source", "\(CLIHarness.samples)/\(day)", "--force") }
    return cli
  }

  @Test func aCopiedStoreReadsExactlyAsTheOriginalAndRefusesToOverwrite() throws {
    let original = demo()
    let copy = CLIHarness()
    let copied = original.run("store", "copy", "--from", original.store, "--to", copy.store)
    #expect(copied.status == 0, "\(copied.err)")
    #expect(copied.out.hasPrefix("copied 1 organization, 13 people, 4 groups, 9 memberships, 8 runs, 50 audit rows from"), "\(copied.out)")
    copy.environment["PROXYSYNC_ORG"] = "acme"
    let view = Self.view(original)
    #expect(view.contains("createUser") && view.contains("addMember"))
    #expect(Self.view(copy) == view)
    // The copy goes on as the original would.
    #expect(copy.run("sync", "--source", "\(CLIHarness.samples)/day3").out.hasPrefix("acme: no changes"))
    #expect(copy.run("people", "add", "new@example.com").status == 0)
    let again = original.run("store", "copy", "--from", original.store, "--to", copy.store)
    #expect(again.status == 1)
    #expect(again.err.contains("already holds organizations; copy into an empty store"))
  }

  @Test(.enabled(if: PostgresTestServer.isAvailable, "needs PROXYSYNC_TEST_POSTGRES and the PostgreSQL trait"))
  func theDemoStoreRoundTripsThroughPostgreSQL() throws {
    let original = demo()
    let postgres = CLIHarness(store: try PostgresTestServer.newDatabase())
    let back = CLIHarness()
    #expect(original.run("store", "copy", "--from", original.store, "--to", postgres.store).status == 0)
    postgres.environment["PROXYSYNC_ORG"] = "acme"
    let view = Self.view(original)
    #expect(Self.view(postgres) == view)
    let returned = original.run("store", "copy", "--from", postgres.store, "--to", back.store)
    #expect(returned.status == 0, "\(returned.err)")
    back.environment["PROXYSYNC_ORG"] = "acme"
    #expect(Self.view(back) == view)
    // New ids on the server continue after the copied ones.
    #expect(postgres.run("people", "add", "new@example.com").status == 0)
    #expect(postgres.run("sync", "--source", "\(CLIHarness.samples)/day3").out.hasPrefix("acme: no changes"))
  }
}
