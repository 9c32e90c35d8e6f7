import Foundation
import TestSupport
import Testing

/// Every command that writes is a run with audit rows, and every run says who ran it: "who made
/// this person an admin, and when?" has an answer. On SQLite, and on PostgreSQL with a server.
@Suite struct HandChangesTests {
  func harness(_ backend: String) throws -> CLIHarness {
    backend == "sqlite" ? CLIHarness() : CLIHarness(store: try PostgresTestServer.newDatabase())
  }

  func json(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  @Test(arguments: HoldTests.backends)
  func addSetRoleAndMarkActiveAreAuditedRunsThatNameWhoRanThem(backend: String) throws {
    let cli = try harness(backend)
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    cli.environment["SUDO_USER"] = "alice"
    #expect(cli.run("people", "add", "kim@example.com", "--first-name", "Kim").status == 0)
    #expect(cli.run("people", "mark-active", "kim@example.com").status == 0)
    let promoted = cli.run("people", "set-role", "kim@example.com", "admin")
    #expect(promoted.status == 0 && promoted.out.hasPrefix("kim@example.com is an admin (run run-"), "\(promoted.out)")
    #expect(cli.run("people", "set-role", "kim@example.com", "admin").out.hasPrefix("kim@example.com is already an admin"))

    let runs = try json(cli.run("runs", "list", "--format", "json").out)
    #expect(runs.map { $0["command"] as? String } == ["set-role", "set-role", "mark-active", "add"])
    #expect(runs.map { $0["outcome"] as? String } == ["noChanges", "applied", "applied", "applied"])
    #expect(runs.allSatisfy { $0["ranBy"] as? String == "ops (sudo from alice)" })
    // Changes by hand are changes: each run counts its own, in the list as in the run's page.
    #expect(runs.map { $0["changes"] as? Int } == [0, 1, 1, 1])
    // The CHANGES column is each line's last: changes by hand have no source.
    #expect(cli.run("runs", "list").out.split(separator: "\n").dropFirst().map { $0.split(separator: " ").last } == ["0", "1", "1", "1"])

    let history = try json(cli.run("audit", "--person", "KIM@example.com", "--format", "json").out)
    #expect(history.map { $0["op"] as? String } == ["addPerson", "markActive", "setRole"])
    #expect(history[2]["before"] as? String == #"{"role":"member"}"# && history[2]["after"] as? String == #"{"role":"admin"}"#)
    let promotion = try #require(runs.first { $0["outcome"] as? String == "applied" && $0["command"] as? String == "set-role" }?["id"] as? String)
    let shown = cli.run("runs", "show", promotion).out
    #expect(shown.contains("command: set-role\nran by: ops (sudo from alice)"), "\(shown)")
    #expect(shown.contains("Role changes (1)") && shown.contains(#"kim@example.com  role: "member" -> "admin""#), "\(shown)")
    let page = cli.run("runs", "show", promotion, "--format", "html").out
    #expect(page.contains("<dt>Ran by</dt><dd>ops (sudo from alice)</dd>") && page.contains("Applied 1 change."))
  }

  @Test func aRefusedChangeByHandIsRecordedAndWritesNothing() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    cli.run("people", "add", "kim@example.com")
    let refused = cli.run("people", "mark-active", "kim@example.com", "nobody@example.com")
    #expect(refused.status == 1 && refused.err.contains("nobody@example.com is not a pending person"))
    #expect(cli.run("people", "list", "--format", "json").out.contains(#""status":"pending""#) || cli.run("people", "list").out.contains("pending"))
    let runs = try json(cli.run("runs", "list", "--format", "json").out)
    #expect(runs.first?["command"] as? String == "mark-active" && runs.first?["outcome"] as? String == "failed", "\(runs)")
  }
}
