import Foundation
import ProxySyncCore
import TestSupport
import Testing

@Suite struct ExitStatusTests {
  @Test(arguments: [["frobnicate"], ["plan", "--bogus"], ["plan", "--org"], ["sync", "--org", "acme"], []])
  func usageErrorsExitTwo(arguments: [String]) {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    let result = cli.run(arguments)
    #expect(result.status == 2)
    #expect(!result.err.isEmpty)
  }

  @Test func unknownOrganizationExitsOneWithoutCreatingIt() {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    let result = cli.run("sync", "--org", "initech", "--source", "\(CLIHarness.samples)/day1")
    #expect(result.status == 1)
    #expect(result.err.contains(#"unknown organization "initech""#))
    #expect(cli.run("org", "list").out.contains("initech") == false)
  }

  @Test func missingStoreIsAnErrorAndNoFileIsLeftBehind() {
    let cli = CLIHarness()
    let result = cli.run("plan", "--org", "acme", "--source", "\(CLIHarness.samples)/day1")
    #expect(result.status == 1)
    #expect(!FileManager.default.fileExists(atPath: cli.storePath))
  }

  @Test func brokenExportExitsOneNamesTheLineAndWritesNothingButTheRefusedRun() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let peopleBefore = cli.run("people", "list", "--format", "json").out
    let broken = cli.directory.url.appendingPathComponent("broken")
    try? FileManager.default.copyItem(atPath: "\(CLIHarness.samples)/day2", toPath: broken.path)
    cli.directory.write("broken/users.json", "[{\"id\": \"00u1\", \"status\": \"ACTIVE\"}, oops]")
    let result = cli.run("sync", "--source", broken.path)
    #expect(result.status == 1)
    #expect(result.err.contains(#"users.json:1: error: record 1 (user "00u1"): missing field "profile.email""#))
    #expect(cli.run("people", "list", "--format", "json").out == peopleBefore)
    #expect(cli.run("runs", "list").out.contains("refused"))
  }

  @Test func guardRefusalExitsFourWritesNothingAndForceApplies() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let limit = ["--max-deactivations", "2"]
    let plan = cli.run(["plan", "--source", "\(CLIHarness.samples)/day2"] + limit)
    #expect(plan.status == 4)
    #expect(plan.out.contains("guard: deactivates 3 of 7 active people (42.9%), limit 2 — REFUSED without --force"))
    let before = cli.run("people", "list", "--format", "json").out
    let refused = cli.run(["sync", "--source", "\(CLIHarness.samples)/day2"] + limit)
    #expect(refused.status == 4)
    #expect(refused.err.contains("refused by the guard"))
    #expect(cli.run("people", "list", "--format", "json").out == before)
    let forced = cli.run(["sync", "--source", "\(CLIHarness.samples)/day2", "--force"] + limit)
    #expect(forced.status == 0)
    #expect(cli.run("people", "list", "--format", "json").out != before)
  }

  @Test func emptyExportIsRefusedWhileLinkedPeopleAreActive() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let empty = cli.directory.url.appendingPathComponent("empty")
    for name in ["users", "groups", "group-members", "app-users", "app-groups"] { cli.directory.write("empty/\(name).json", "[]") }
    let result = cli.run("sync", "--source", empty.path, "--max-deactivations", "100%")
    #expect(result.status == 4)
    #expect(result.err.contains("the export has no users"))
  }

  @Test func helpIsAvailableForEveryCommand() {
    let cli = CLIHarness()
    for command in ["plan", "sync", "import", "apply", "org", "people", "groups", "runs", "audit", "explain"] {
      let result = cli.run(command, "--help")
      #expect(result.status == 0, "\(command) --help")
      #expect(result.out.contains("usage: proxysync \(command)"), "\(command) --help")
      // Help wins wherever it stands, and never touches a store.
      #expect(cli.run(command, "--org", "acme", "-h").out == result.out, "\(command) -h")
    }
    #expect(cli.run("--help").out.contains("commands:"))
    for command in ["org", "people", "groups", "runs"] {
      let bare = cli.run(command)
      #expect(bare.status == 2, "\(command) without a subcommand")
      #expect(bare.err.contains("usage: proxysync \(command)"))
    }
    #expect(!FileManager.default.fileExists(atPath: cli.storePath))
  }
}

@Suite struct RunHistoryTests {
  @Test func guardRefusalIsRecordedWithThePlansCountsAndEveryRunHasADuration() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--max-deactivations", "1").status == 4)
    let json = cli.run("runs", "list", "--format", "json").out
    let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    let refused = try #require(runs.first)
    #expect(refused["outcome"] as? String == "refused")
    #expect((refused["counts"] as? [String: Int])?["deactivateUser"] == 3)
    #expect(runs.allSatisfy { ($0["durationSeconds"] as? Double).map { $0 >= 0 } ?? false })
    #expect(cli.run("runs", "show", refused["id"] as? String ?? "").out.contains("duration: "))
  }
}
