import Foundation
import TestSupport
import Testing

/// `proxysync status` as a monitoring check: exit 0 and "OK" when all is well, 1 and one line
/// saying why otherwise. On SQLite, and on PostgreSQL with a server.
@Suite struct StatusTests {
  let samples = CLIHarness.samples

  func harness(_ backend: String) throws -> CLIHarness {
    let cli = backend == "sqlite" ? CLIHarness() : CLIHarness(store: try PostgresTestServer.newDatabase())
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    return cli
  }

  /// The newest run of `command`.
  func latest(_ command: String, in cli: CLIHarness) throws -> String {
    let runs = try #require(try JSONSerialization.jsonObject(with: Data(cli.run("runs", "list", "--format", "json").out.utf8)) as? [[String: Any]])
    return try #require(runs.first { $0["command"] as? String == command }?["id"] as? String)
  }

  @Test(arguments: HoldTests.backends)
  func eachProblemMakesTheCheckFailWithOneLineSayingWhy(backend: String) throws {
    let cli = try harness(backend)
    let empty = cli.run("status", "--max-age", "26")
    #expect(empty.status == 1 && empty.out.hasPrefix("acme: PROBLEM: no run has succeeded yet\n"), "\(empty.out)")

    #expect(cli.run("sync", "--source", "\(samples)/day1").status == 0)
    cli.run("people", "mark-active", "--all-pending")
    let fresh = cli.run("status", "--max-age", "26")
    #expect(fresh.status == 0, "\(fresh.out)")
    let first = try latest("sync", in: cli)
    #expect(fresh.out.hasPrefix("acme: OK\nlast run: \(first) sync, 2027-01-15T08:00:00Z (0 min ago), applied\n"), "\(fresh.out)")
    #expect(fresh.out.contains("held for approval: none\nlock: free\nstore: "))

    cli.now = cli.now.addingTimeInterval(30 * 3600)
    let stale = cli.run("status", "--max-age", "26")
    #expect(stale.status == 1)
    #expect(stale.out.hasPrefix("acme: PROBLEM: the last successful run (\(first)) was 1 d 6 h ago, more than --max-age 26 hours\n"), "\(stale.out)")
    #expect(cli.run("status").status == 0, "without --max-age the age is no problem")

    let refused = cli.run("sync", "--source", "\(samples)/day2", "--max-deactivations", "1")
    #expect(refused.status == 4)
    let afterRefusal = cli.run("status")
    let refusedRun = try latest("sync", in: cli)
    #expect(afterRefusal.status == 1 && afterRefusal.out.hasPrefix("acme: PROBLEM: the last run (\(refusedRun), sync, 2027-01-16T14:00:00Z) was refused: refused by the guard"), "\(afterRefusal.out)")

    #expect(cli.run("sync", "--source", "\(samples)/day2", "--max-deactivations", "1", "--on-guard", "hold").status == 4)
    let heldRun = try latest("sync", in: cli)
    let held = cli.run("status", "--format", "json")
    #expect(held.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(held.out.utf8)) as? [String: Any])
    #expect(object["ok"] as? Bool == false && (object["heldForApproval"] as? [String]) == [heldRun], "\(held.out)")
    #expect((object["problems"] as? [String])?.first?.hasPrefix("run \(heldRun) holds operations for approval") == true)
    #expect(cli.run("runs", "approve", heldRun).status == 0)
    let approved = cli.run("status", "--max-age", "26")
    let approval = try latest("approve", in: cli)
    #expect(approved.status == 0 && approved.out.hasPrefix("acme: OK\nlast run: \(approval) approve"), "\(approved.out)")
  }
}

/// `runs list --format html`: the page of the nights, written where asked.
@Suite struct RunsPageTests {
  @Test func thePageOfTheNightsIsWrittenPrivateAndListsTheRuns() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--max-deactivations", "1")
    cli.run("sync", "--source", "\(CLIHarness.samples)/day2")
    let out = cli.directory.file("nights.html")
    let written = cli.run("runs", "list", "--format", "html", "--out", out, "--last", "7")
    #expect(written.status == 0 && written.out.hasPrefix("3 runs of acme written to"), "\(written.out)")
    let page = try String(contentsOfFile: out, encoding: .utf8)
    #expect(page.components(separatedBy: "<g class=\"bar ").count - 1 == 3)
    #expect(page.contains("class=\"mark refused\""))
    var status = stat()
    #expect(stat(out, &status) == 0 && status.st_mode & 0o777 == 0o600)
    #expect(cli.run("runs", "list", "--out", out).status == 2)
  }
}
