import Foundation
import ProxySyncCore
import TestSupport
import Testing

/// The scenarios that run against SQLite, against a PostgreSQL store: the same outputs, the
/// same guarantees, with real processes where the promise is about them.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "needs PROXYSYNC_TEST_POSTGRES and the PostgreSQL trait"))
struct PostgresScenarioTests {
  func harnesses() throws -> (sqlite: CLIHarness, postgres: CLIHarness) {
    (CLIHarness(), CLIHarness(store: try PostgresTestServer.newDatabase()))
  }

  /// What a person reading the store sees; run ids differ between stores, so runs are compared by kind.
  func view(_ cli: CLIHarness) -> String {
    cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out
      + cli.run("runs", "list").out.split(separator: "\n").map { $0.split(separator: " ").suffix(3).joined(separator: " ") }.joined(separator: "\n")
  }

  @Test func theSampleCompanysThreeDaysReadAndPlanAsOnSQLite() throws {
    let (sqlite, postgres) = try harnesses()
    for cli in [sqlite, postgres] { cli.prepareSampleCompany() }
    let plans = [sqlite, postgres].map { $0.run("plan", "--source", "\(CLIHarness.samples)/day2", "--format", "json").out }
    #expect(plans[0] == plans[1])
    #expect(plans[1].contains(#""changes": 19"#))
    for day in ["day2", "day3", "day3"] {
      let outputs = [sqlite, postgres].map { $0.run("sync", "--source", "\(CLIHarness.samples)/\(day)") }
      #expect(outputs[1].status == 0, "\(outputs[1].err)")
      #expect(outputs[0].out.split(separator: "\n").dropLast() == outputs[1].out.split(separator: "\n").dropLast())
    }
    #expect(view(sqlite) == view(postgres))
    let audits = [sqlite, postgres].map { $0.run("audit", "--person", "ann.lee@acme-robotics.example", "--format", "json").out }
    #expect(audits[0].replacingOccurrences(of: #""runId": "run-\d+""#, with: "", options: .regularExpression)
      == audits[1].replacingOccurrences(of: #""runId": "run-\d+""#, with: "", options: .regularExpression))
    let explained = [sqlite, postgres].map { $0.run("explain", "--source", "\(CLIHarness.samples)/day3", "eve.moss@acme-robotics.example").out }
    #expect(explained[0] == explained[1])
  }

  @Test func aSavedPlanAppliesOnceAndIsRefusedWhenTheDataMoved() throws {
    let (_, cli) = try harnesses()
    cli.prepareSampleCompany()
    let planFile = cli.directory.file("plan.json")
    #expect(cli.run("plan", "--source", "\(CLIHarness.samples)/day2", "--out", planFile).status == 0)
    let applied = cli.run("apply", planFile, "--force")
    #expect(applied.status == 0, "\(applied.err)")
    #expect(cli.run("apply", planFile, "--force").status == 6)
    #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day2").out.hasPrefix("acme: no changes"))
  }

  @Test func eightProcessesSyncEightOrganizationsIntoOneDatabaseAtOnce() throws {
    let store = try PostgresTestServer.newDatabase()
    let cli = CLIHarness(store: store)
    let names = (1...8).map { "org\($0)" }
    for name in names { #expect(cli.run("org", "create", name).status == 0) }
    let children = try names.map { name in
      try ChildProcess(["sync", "--org", name, "--source", "\(CLIHarness.samples)/day1"], environment: ["PROXYSYNC_STORE": store])
    }
    let results = children.map { $0.finish() }
    #expect(results.map(\.status) == Array(repeating: 0, count: 8), "\(children.map(\.stderrText))")
    #expect(results.allSatisfy { $0.out.hasPrefix("org") && $0.out.contains(": 18 changes") })
    let listings = names.map { cli.run("people", "list", "--org", $0, "--format", "json").out }
    #expect(Set(listings).count == 1)
    #expect(listings[0].contains("ann.lee@acme-robotics.example"))
  }

  @Test func aSecondRunOfTheSameOrganizationExitsFiveNamingTheHolder() throws {
    let store = try PostgresTestServer.newDatabase()
    let cli = CLIHarness(store: store)
    cli.run("org", "create", "acme")
    let holder = try ChildProcess(
      ["sync", "--org", "acme", "--source", "\(CLIHarness.samples)/day1"], environment: ["PROXYSYNC_STORE": store, "PROXYSYNC_PAUSE": "locked"])
    #expect(holder.waitForStderr("paused at locked"))
    let refused = cli.run("sync", "--org", "acme", "--source", "\(CLIHarness.samples)/day1")
    #expect(refused.status == 5)
    #expect(refused.err.contains("is locked by process \(holder.pid) on"), "\(refused.err)")
    holder.resume()
    #expect(holder.finish().status == 0)
    #expect(cli.run("sync", "--org", "acme", "--source", "\(CLIHarness.samples)/day1").out.hasPrefix("acme: no changes"))
  }

  @Test func aRunKilledInTheMiddleOfApplyingLeavesTheOrganizationAsItWasAndTheNextTakesOver() throws {
    let store = try PostgresTestServer.newDatabase()
    let cli = CLIHarness(store: store)
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    cli.run("people", "add", "hand@example.com")
    let source = UnattendedTests().writeExport(cli.directory, size: 3_000)
    let before = cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out
    let child = try ChildProcess(
      ["sync", "--source", source], environment: ["PROXYSYNC_STORE": store, "PROXYSYNC_ORG": "acme", "PROXYSYNC_PAUSE": "apply:4000"])
    #expect(child.waitForStderr("paused at apply:4000"))
    child.kill()
    #expect(cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out == before)
    // The server ends the killed client's session (and its lock) once it notices the closed
    // connection: at once on an idle server, a moment later on a busy one.
    let next = cli.run("sync", "--source", source, "--lock-timeout", "30")
    #expect(next.status == 0, "\(next.err)")
    #expect(next.err.contains("took over the lock left by process \(child.pid)"), "\(next.err)")
    #expect(next.out.contains("createUser 3000"))
    #expect(cli.run("sync", "--source", source).out.hasPrefix("acme: no changes"))
  }
}
