import Foundation
import TestSupport
import Testing

/// A neighbour who can write to the folder we write to (a sticky `/tmp`, a team share) plants
/// links and files there first. Private files are never written through them. (One user plays
/// both parts: what matters is what is there before we write.)
@Suite struct PlantedFilesTests {
  let day2 = "\(CLIHarness.samples)/day2"

  func mode(_ path: String) -> Int {
    var status = stat()
    return lstat(path, &status) == 0 ? Int(status.st_mode & 0o7777) : -1
  }

  func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
  }

  /// Every kind of private file `--out` writes: a saved plan, an HTML report.
  @Test(arguments: [["--out"], ["--format", "html", "--out"]])
  func outReplacesAPlantedLinkInsteadOfWritingThroughIt(options: [String]) throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let keys = cli.directory.write("keys", "ssh-ed25519 AAAA… victim@host\n")
    let out = cli.directory.file("plan.out")
    #expect(symlink(keys, out) == 0)
    let result = cli.run(["plan", "--source", day2] + options + [out])
    #expect(result.status == 0, "\(result.err)")
    #expect(try String(contentsOfFile: keys, encoding: .utf8) == "ssh-ed25519 AAAA… victim@host\n")
    #expect(isRegularFile(out))
    #expect(mode(out) == 0o600)
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("acme-robotics.example"))
  }

  @Test func outNeverWritesIntoAFileSomeoneElseCreatedReadableByAll() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let out = cli.directory.write("plan.out", "")
    chmod(out, 0o666)
    // The neighbour keeps a way to its file (here a hard link; an open descriptor works alike).
    let neighbours = cli.directory.file("neighbours-view")
    #expect(link(out, neighbours) == 0)
    #expect(cli.run("plan", "--source", day2, "--out", out).status == 0)
    #expect(try String(contentsOfFile: neighbours, encoding: .utf8) == "")
    #expect(mode(out) == 0o600)
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("acme-robotics.example"))
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".plan.out") }.isEmpty)
  }

  @Test func aPlantedImportMarkerLinkIsNeverFollowed() throws {
    let cli = CLIHarness()
    let victim = cli.directory.write("precious", "do not truncate me\n")
    #expect(symlink(victim, cli.storePath + "-import") == 0)
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let imported = cli.run("import", "--source", CLIHarness.samples + "/day1")
    #expect(imported.status == 0, "\(imported.err)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "do not truncate me\n")
    #expect(cli.run("people", "list").out.contains("acme-robotics.example"))
  }

  @Test(.enabled(if: geteuid() == 0, "needs root to give a file to another user"))
  func aTokenFileOwnedBySomeoneElseIsRefused() throws {
    let okta = try FakeOkta(people: 5)
    let cli = CLIHarness()
    let tokenFile = cli.directory.write("okta-token", FakeOkta.token + "\n")
    chmod(tokenFile, 0o600)
    #expect(chown(tokenFile, 65_534, 65_534) == 0)
    let refused = cli.run("fetch", "--okta-url", okta.url, "--app-id", okta.appID, "--out", cli.directory.file("export"), "--token-file", tokenFile)
    #expect(refused.status == 1)
    #expect(refused.err.contains("the token file \(tokenFile) belongs to user 65534, not to the user running proxysync (0)"), "\(refused.err)")
    #expect(okta.requests.isEmpty)
  }
}
