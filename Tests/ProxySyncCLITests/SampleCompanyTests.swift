import Foundation
import ProxySyncCore
import TestSupport
import Testing

/// End to end, in-process, on the bundled samples: the story `samples/demo` tells.
@Suite struct SampleCompanyTests {
  static let snapshots = repositoryRoot.appendingPathComponent("Tests/ProxySyncCLITests/Snapshots").path

  @Test func dayTwoPlanTextMatchesTheGoldenFile() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("plan", "--source", "\(CLIHarness.samples)/day2")
    #expect(result.status == 0)
    #expect(result.out == golden("\(Self.snapshots)/day2-plan.txt", result.out))
  }

  @Test func dayTwoPlanJSONMatchesTheGoldenFileAndCoversEveryKindAndReason() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("plan", "--source", "\(CLIHarness.samples)/day2", "--format", "json")
    #expect(result.out == golden("\(Self.snapshots)/day2-plan.json", result.out))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    #expect(json["formatVersion"] as? Int == 1)
    let summary = try #require(json["summary"] as? [String: Int])
    #expect(Set(summary.keys) == Set(OperationKind.allCases.map(\.rawValue)))
    // Day 2 exercises every kind that a sync without switches can produce…
    #expect(summary.filter { $0.value == 0 }.keys.sorted() == ["reactivateUser"])
    // …and every skip reason but `disabled`, which needs a switch.
    let reasons = Set((json["skipped"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String })
    #expect(reasons == Set(SkipReason.allCases.map(\.rawValue)).subtracting(["disabled"]))
  }

  @Test func threeDaysApplyAndRepeatingADayChangesNothing() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let day2 = cli.run("sync", "--source", "\(CLIHarness.samples)/day2")
    #expect(day2.status == 0)
    #expect(day2.out.hasPrefix("acme: 19 changes\n"))
    #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day2").out == "acme: no changes (run run-9); email conflicts: 1 (see the warnings)\n")
    #expect(cli.run("plan", "--source", "\(CLIHarness.samples)/day2", "--detailed-exitcode").status == 0)
    #expect(cli.run("plan", "--source", "\(CLIHarness.samples)/day3", "--detailed-exitcode").status == 3)
    let day3 = cli.run("sync", "--source", "\(CLIHarness.samples)/day3")
    #expect(day3.out.contains("reactivateUser 2"))
    let people = cli.run("people", "list", "--format", "json")
    let list = (try? JSONSerialization.jsonObject(with: Data(people.out.utf8))) as? [[String: Any]] ?? []
    let statuses = Dictionary(uniqueKeysWithValues: list.map { ($0["email"] as? String ?? "", $0["status"] as? String ?? "") })
    #expect(statuses["eve.moss@acme-robotics.example"] == "active")
    #expect(statuses["gia.park@acme-robotics.example"] == "inactive")
    #expect(statuses["finn.ode@acme-robotics.example"] == "pending")
    #expect(statuses["cara.lopez@acme-robotics.example"] == "active")
  }

  @Test func switchesSkipTheirOperationsAsDisabled() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run(
      "plan", "--source", "\(CLIHarness.samples)/day2", "--no-create-users", "--no-update-users",
      "--no-deactivate-users", "--no-push-groups")
    #expect(result.out.hasPrefix("acme: no changes\n"))
    #expect(result.out.contains("[disabled]"))
  }
}
