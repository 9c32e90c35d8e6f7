import Foundation
import TestSupport
import Testing

/// Exports shaped the way a real Okta tenant returns them, against a store that has history.
@Suite struct RealTenantTests {
  static let ann = #"{"id":"00uAnn","status":"ACTIVE","profile":{"email":"ann@example.com"}}"#
  static let gus = #"{"id":"00uGus","status":"ACTIVE","profile":{"email":"gus@example.com","firstName":"Gus"}}"#

  /// A store where Ann and Gus are active members of Eng, pushed from a flat export.
  func harness() -> CLIHarness {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    write(cli, "day1", users: "[\(Self.ann),\(Self.gus)]",
      members: ("group-members.json", #"[{"groupId":"00gEng","userId":"00uAnn"},{"groupId":"00gEng","userId":"00uGus"}]"#))
    #expect(cli.run("sync", "--source", cli.directory.file("day1")).status == 0)
    cli.run("people", "mark-active", "--all-pending")
    return cli
  }

  func write(_ cli: CLIHarness, _ day: String, users: String, members: (String, String)) {
    cli.directory.write("\(day)/users.json", users)
    cli.directory.write("\(day)/groups.json", #"[{"id":"00gEng","profile":{"name":"Eng"}}]"#)
    cli.directory.write("\(day)/app-users.json", "[]")
    cli.directory.write("\(day)/app-groups.json", #"[{"id":"00gEng"}]"#)
    cli.directory.write("\(day)/\(members.0)", members.1)
  }

  @Test func aDeprovisionedMemberOnlyInTheMemberListingIsDeactivatedAsDeprovisioned() throws {
    let cli = harness()
    // Okta's default user listing leaves Gus out once deprovisioned; the member listing keeps him.
    let deprovisioned = Self.gus.replacingOccurrences(of: "ACTIVE", with: "DEPROVISIONED")
    write(cli, "day2", users: "[\(Self.ann)]", members: ("group-members/00gEng.json", "[\(Self.ann),\(deprovisioned)]"))
    let plan = cli.run("plan", "--source", cli.directory.file("day2"), "--format", "json")
    #expect(plan.status == 0, "\(plan.err)")
    #expect(plan.out.contains(#""changes": 1,"#), "\(plan.out)")
    #expect(plan.out.contains(#""userId": "00uGus""#) && plan.out.contains(#""cause": "deprovisioned""#))
    #expect(!plan.out.contains("notInExport"))
  }

  @Test func anActiveMemberMissingFromTheUsersFileRefusesTheExportWithTheHint() {
    let cli = harness()
    write(cli, "day2", users: "[\(Self.ann)]", members: ("group-members/00gEng.json", "[\(Self.ann),\(Self.gus)]"))
    let sync = cli.run("sync", "--source", cli.directory.file("day2"))
    #expect(sync.status == 1)
    #expect(sync.err.contains(#"membership names user "00uGus", which is not in the users file"#))
    #expect(sync.err.contains(#"filter=status eq "DEPROVISIONED""#))
  }

  @Test func aQuarantinedMembershipRecordLeavesItsPairAsItIs() {
    let cli = harness()
    write(cli, "day2", users: "[\(Self.ann),\(Self.gus)]", members: ("group-members.csv", "groupId,userId\n00gEng,00uAnn\n00gEng,00uGus,extra\n"))
    try? FileManager.default.removeItem(atPath: cli.directory.file("day2/group-members.json"))
    let plan = cli.run("plan", "--source", cli.directory.file("day2"), "--quarantine-invalid", "5", "--format", "json")
    #expect(plan.status == 0, "\(plan.err)")
    #expect(plan.err.contains("group-members.csv:3"))
    #expect(plan.out.contains(#""changes": 0,"#), "\(plan.out)")
  }

  @Test func aServiceAccountSharingAPersonsEmailNeverRefusesTheNight() {
    let cli = harness()
    let svc = #"{"id":"00uAaaSvc","status":"ACTIVE","profile":{"email":"ANN@example.com"}}"#
    let twin = #"{"id":"00uZzzTwin","status":"ACTIVE","profile":{"email":"new@example.com"}}"#
    let new = #"{"id":"00uNew","status":"ACTIVE","profile":{"email":"new@example.com"}}"#
    write(cli, "day2", users: "[\(Self.ann),\(Self.gus),\(svc),\(twin),\(new)]",
      members: ("group-members.json", #"[{"groupId":"00gEng","userId":"00uAnn"},{"groupId":"00gEng","userId":"00uGus"},{"groupId":"00gEng","userId":"00uZzzTwin"},{"groupId":"00gEng","userId":"00uNew"}]"#))
    let sync = cli.run("sync", "--source", cli.directory.file("day2"))
    #expect(sync.status == 0, "\(sync.err)")
    // The service account is not assigned: its shared address is nobody's business.
    #expect(!sync.err.contains("00uAaaSvc"))
    #expect(sync.err.contains(#"warning: user "00uZzzTwin" was not created: another person already has "new@example.com" (emailConflict)"#), "\(sync.err)")
    let people = cli.run("people", "list", "--format", "json").out
    #expect(people.contains(#""userId":"00uNew""#) || people.contains(#""userId": "00uNew""#), "\(people)")
    #expect(!people.contains("00uZzzTwin"))
    #expect(cli.run("runs", "show", "run-4").out.contains("emailConflict"), "\(cli.run("runs", "show", "run-4").out)")
  }

  /// Eng (already pushed) and a new Ops group that Ann joins.
  func writeTwoGroups(_ cli: CLIHarness, _ day: String) {
    write(cli, day, users: "[\(Self.ann),\(Self.gus)]",
      members: ("group-members.json", #"[{"groupId":"00gEng","userId":"00uAnn"},{"groupId":"00gEng","userId":"00uGus"},{"groupId":"00gOps","userId":"00uAnn"}]"#))
    cli.directory.write("\(day)/groups.json", #"[{"id":"00gEng","profile":{"name":"Eng"}},{"id":"00gOps","profile":{"name":"Ops"}}]"#)
  }

  @Test func groupPushMappingsInTheExportPushOnlyActiveMappings() {
    let cli = harness()
    writeTwoGroups(cli, "day2")
    cli.directory.write("day2/group-push-mappings.json", """
      [{"id": "gPm1", "sourceGroupId": "00gOps", "targetGroupId": "00gX", "status": "ACTIVE", "_links": {}},
       {"id": "gPm2", "sourceGroupId": "00gEng", "targetGroupId": "00gY", "status": "INACTIVE"}]
      """)
    let plan = cli.run("plan", "--source", cli.directory.file("day2"), "--format", "csv")
    #expect(plan.status == 0, "\(plan.err)")
    #expect(plan.out.contains("createGroup,,00gOps"), "\(plan.out)")
    #expect(plan.out.contains("addMember,00uAnn,00gOps"))
    #expect(!plan.out.contains(",00gEng,"))
    #expect(cli.run("plan", "--source", cli.directory.file("day2")).out.contains("Eng"))
  }

  @Test func pushGroupOnTheCommandLineOrInTheConfigSelectsGroups() {
    let cli = harness()
    writeTwoGroups(cli, "day2")
    let flagged = cli.run("plan", "--source", cli.directory.file("day2"), "--format", "csv", "--push-group", "00gEng", "--push-group", "o?s")
    #expect(flagged.out.contains("createGroup,,00gOps"), "\(flagged.out)")
    let onlyEng = cli.run("plan", "--source", cli.directory.file("day2"), "--format", "csv", "--push-group", "eng")
    #expect(!onlyEng.out.contains("00gOps"), "\(onlyEng.out)")
    cli.directory.write("config.json", #"{"pushGroupSelection": ["E*"]}"#)
    let configured = cli.run("plan", "--source", cli.directory.file("day2"), "--format", "csv", "--config", cli.directory.file("config.json"))
    #expect(configured.status == 0, "\(configured.err)")
    #expect(!configured.out.contains("00gOps"), "\(configured.out)")
    cli.directory.write("bad.json", #"{"pushGroupSelection": "E*"}"#)
    let bad = cli.run("plan", "--source", cli.directory.file("day2"), "--config", cli.directory.file("bad.json"))
    #expect(bad.status == 2)
    #expect(bad.err.contains("must be a list of strings"))
  }
}
