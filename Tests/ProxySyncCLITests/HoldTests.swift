import Foundation
import ProxySyncCore
import TestSupport
import Testing

/// `--on-guard hold`: a tripped guard holds the deactivations for `runs approve` and applies
/// the rest of the night; on SQLite, and on PostgreSQL when a server is given.
@Suite struct HoldTests {
  /// PostgreSQL cases end as skipped, said by name, without a server.
  static let backends = ["sqlite", "postgres"]
  let day2 = "\(CLIHarness.samples)/day2"

  func harness(_ backend: String) throws -> CLIHarness {
    backend == "sqlite" ? CLIHarness() : CLIHarness(store: try PostgresTestServer.newDatabase())
  }

  /// People and groups as an admin sees them.
  func view(_ cli: CLIHarness) -> String {
    cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out
  }

  /// The id of the latest run with this outcome.
  func run(_ outcome: String, in cli: CLIHarness) throws -> String {
    let runs = try #require(try JSONSerialization.jsonObject(with: Data(cli.run("runs", "list", "--format", "json").out.utf8)) as? [[String: Any]])
    return try #require(runs.first { $0["outcome"] as? String == outcome }?["id"] as? String)
  }

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test(arguments: backends)
  func aHeldNightAppliesTheRestAndTheApprovalAppliesTheDeactivations(backend: String) throws {
    let cli = try harness(backend)
    cli.prepareSampleCompany()
    let before = view(cli)
    let held = cli.run("sync", "--source", day2, "--max-deactivations", "1", "--on-guard", "hold")
    #expect(held.status == 4, "\(held.err)")
    #expect(held.err.contains("held 4 operations for approval (removeMember 1, deactivateUser 3): the guard: deactivates 3 of 7 active people"))
    let id = try run("held", in: cli)
    #expect(held.err.contains("proxysync runs approve \(id) --org acme"))
    // What was applied and what waits, never "no changes".
    #expect(held.out.hasPrefix("acme: 15 changes applied, 3 deactivations and 1 membership removal held for approval"), "\(held.out)")
    // Tonight's hires and updates are in; nobody left.
    let people = cli.run("people", "list", "--format", "json").out
    #expect(people.contains("nia.xu@acme-robotics.example") && people.contains("cara.lopez@acme-robotics.example"))
    let list = try #require(try JSONSerialization.jsonObject(with: Data(people.utf8)) as? [[String: Any]])
    let statuses = Dictionary(uniqueKeysWithValues: list.map { ($0["email"] as? String ?? "", $0["status"] as? String ?? "") })
    #expect(["eve.moss", "gia.park", "hal.quinn"].map { statuses["\($0)@acme-robotics.example"] } == ["active", "active", "active"])
    #expect(view(cli) != before)

    let record = try json(cli.run("runs", "show", id, "--format", "json").out)
    #expect(record["outcome"] as? String == "held")
    #expect((record["counts"] as? [String: Int])?["held.deactivateUser"] == 3)
    #expect((record["held"] as? [String: Any])?["operations"] as? Int == 4)
    // The held operations themselves, with the fields of a plan's operations.
    let listed = try #require((record["held"] as? [String: Any])?["list"] as? [[String: Any]])
    #expect(listed.count == 4 && listed.filter { $0["op"] as? String == "deactivateUser" }.count == 3)
    #expect(listed.contains { $0["email"] as? String == "eve.moss@acme-robotics.example" })
    let shown = cli.run("runs", "show", id).out
    #expect(shown.contains("Held for approval: Deactivate people (3)") && shown.contains("eve.moss@acme-robotics.example (00u1eve0000000000005): suspended"))
    #expect(cli.run("runs", "show", id, "--format", "html").out.contains("Held for approval: Deactivate people"))

    let approved = cli.run("runs", "approve", id)
    #expect(approved.status == 0, "\(approved.err)")
    #expect(approved.out.hasPrefix("acme: 4 changes"))
    // Held night plus approval: the same store as a forced sync.
    let forced = try harness(backend)
    forced.prepareSampleCompany()
    #expect(forced.run("sync", "--source", day2, "--force").status == 0)
    #expect(view(cli) == view(forced))
    #expect(cli.run("sync", "--source", day2, "--max-deactivations", "1", "--on-guard", "hold").out.hasPrefix("acme: no changes"))

    // An approval is a run of its own, audited, and happens once.
    let approval = try run("applied", in: cli)
    #expect(cli.run("runs", "show", approval).out.contains("command: approve"))
    #expect(cli.run("audit", "--person", "eve.moss@acme-robotics.example").out.contains(approval))
    let again = cli.run("runs", "approve", id)
    #expect(again.status == 6 && again.err.contains("already approved, in run \(approval)"), "\(again.err)")
    #expect(cli.run("runs", "show", id).out.contains("approved in run \(approval)"))
  }

  @Test(arguments: backends)
  func anApprovalIsRefusedWhenTheOrganizationChangedUnderIt(backend: String) throws {
    let cli = try harness(backend)
    cli.prepareSampleCompany()
    #expect(cli.run("sync", "--source", day2, "--max-deactivations", "1", "--on-guard", "hold").status == 4)
    let id = try run("held", in: cli)
    // Meanwhile an admin deals with Gia by hand: she is made an admin.
    #expect(cli.run("people", "set-role", "gia.park@acme-robotics.example", "admin").status == 0)
    let before = view(cli)
    let refused = cli.run("runs", "approve", id)
    #expect(refused.status == 6)
    #expect(refused.err.contains("the organization changed since run \(id) held these operations: gia.park@acme-robotics.example (00u1gia0000000000007) is now an admin"), "\(refused.err)")
    #expect(view(cli) == before)
    // The next night holds again what still applies.
    let next = cli.run("sync", "--source", day2, "--max-deactivations", "1", "--on-guard", "hold")
    #expect(next.status == 4 && next.err.contains("deactivateUser 2"), "\(next.err)")
  }

  @Test func refuseStaysTheDefaultAndHoldIsReadFromTheConfig() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let before = view(cli)
    let refused = cli.run("sync", "--source", day2, "--max-deactivations", "1")
    #expect(refused.status == 4 && refused.err.contains("refused by the guard"))
    #expect(view(cli) == before)
    #expect(cli.run("sync", "--source", day2, "--on-guard", "sometimes").status == 2)
    cli.directory.write("config.json", #"{"onGuard": "hold", "maxDeactivations": 1}"#)
    let held = cli.run("sync", "--source", day2, "--config", cli.directory.file("config.json"))
    #expect(held.status == 4 && held.err.contains("held 4 operations for approval"), "\(held.err)")
    #expect(cli.run("runs", "approve", try run("refused", in: cli)).status == 6)
    #expect(cli.run("runs", "approve", "no-such-run").status == 1)
  }
}
