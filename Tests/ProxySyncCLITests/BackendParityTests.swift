import Foundation
import TestSupport
import Testing

/// SQLite and PostgreSQL may differ only in SQL: on the same history, every command shows the
/// same people, groups, runs, run reports and audit trails, in the same order.
@Suite struct BackendParityTests {
  func harnesses() throws -> [CLIHarness] { [CLIHarness(), CLIHarness(store: try PostgresTestServer.newDatabase())] }

  /// Everything the CLI shows of the organization, with what varies between any two runs
  /// (durations) masked. `people` names whose audit trail to include (nil: everyone).
  func everything(_ cli: CLIHarness, people: ((String) -> Bool)? = nil) throws -> [String: String] {
    var shown: [String: String] = [:]
    func mask(_ text: String) -> String {
      text.replacingOccurrences(of: #""durationSeconds" ?: ?[0-9.e-]+"#, with: "\"durationSeconds\":D", options: .regularExpression)
        .replacingOccurrences(of: #"duration: [0-9.]+ s"#, with: "duration: D s", options: .regularExpression)
    }
    let list = cli.run("people", "list", "--format", "json").out
    shown["people"] = list
    shown["groups"] = cli.run("groups", "list", "--format", "json").out
    let runs = cli.run("runs", "list", "--format", "json").out
    shown["runs"] = mask(runs)
    let runIDs = try #require(try JSONSerialization.jsonObject(with: Data(runs.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
    for id in runIDs {
      shown["run \(id)"] = mask(cli.run("runs", "show", id, "--full").out)
      shown["run \(id) json"] = mask(cli.run("runs", "show", id, "--format", "json").out)
    }
    let everyone = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]]).compactMap { $0["email"] as? String }
    for email in everyone where people?(email) ?? true {
      shown["audit \(email)"] = cli.run("audit", "--person", email, "--format", "json").out
    }
    let groups = try #require(try JSONSerialization.jsonObject(with: Data(shown["groups", default: "[]"].utf8)) as? [[String: Any]])
    for id in groups.compactMap({ $0["groupId"] as? String }) { shown["audit group \(id)"] = cli.run("audit", "--group", id).out }
    return shown
  }

  func expectSame(_ stores: [[String: String]]) {
    #expect(stores[0].keys.sorted() == stores[1].keys.sorted())
    for key in stores[0].keys.sorted() where stores[0][key] != stores[1][key] {
      Issue.record("\(key) differs:\nSQLite:\n\(stores[0][key]?.prefix(1_500) ?? "")\nPostgreSQL:\n\(stores[1][key]?.prefix(1_500) ?? "")")
    }
  }

  @Test func theSampleCompanysWholeHistoryReadsTheSameOnBothStores() throws {
    let stores = try harnesses()
    for cli in stores {
      cli.prepareSampleCompany()
      let day2 = "\(CLIHarness.samples)/day2"
      #expect(cli.run("sync", "--source", day2, "--max-deactivations", "1", "--on-guard", "hold").status == 4)
      #expect(cli.run("runs", "approve", "run-8").status == 0)
      #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day3").status == 0)
      cli.run("people", "add", "late@acme-robotics.example", "--first-name", "Late")
      cli.run("people", "set-role", "late@acme-robotics.example", "admin")
    }
    let shown = try stores.map { try everything($0) }
    #expect(shown[0].keys.count > 20)
    expectSame(shown)
  }

  /// Twenty thousand people over two nights; every run in full, every group's audit, and the
  /// audit of two hundred people the second night touched and of one in five hundred of the rest
  /// (each person's trail is one query; all twenty thousand would take minutes).
  @Test func aGeneratedHistoryOfTwentyThousandPeopleReadsTheSameOnBothStores() throws {
    let stores = try harnesses()
    let company = GeneratedCompany(people: 20_000)
    let folder = stores[0].directory.file("exports")
    try company.write(night: 1, to: "\(folder)/night1")
    try company.write(night: 2, to: "\(folder)/night2")
    var touched: [Set<String>] = []
    for cli in stores {
      cli.run("org", "create", "acme")
      cli.environment["PROXYSYNC_ORG"] = "acme"
      #expect(cli.run("import", "--source", "\(folder)/night1").status == 0)
      #expect(cli.run("people", "mark-active", "--all-pending").status == 0)
      let night = cli.run("sync", "--source", "\(folder)/night2", "--format", "json")
      #expect(night.status == 0, "\(night.err)")
      touched.append(Set(night.out.matches(of: /"email" ?: ?"([^"]+)"/).map { String($0.output.1) }))
    }
    #expect(touched[0] == touched[1] && touched[0].count > 500, "\(touched[0].count)")
    let sample = Set(touched[0].sorted().prefix(200))
    let shown = try stores.map { cli in
      try everything(cli) { email in sample.contains(email) || email.utf8.reduce(0, { $0 &+ Int($1) }) % 500 == 0 }
    }
    expectSame(shown)
  }
}
