import ProxySyncCore
import TestSupport
import Testing

/// Which groups are pushed: Okta's Group Push mappings and the operator's selection narrow the
/// guide's default (every group but built-in ones).
@Suite struct PushedGroupsTests {
  /// Eng and Ops in Okta; Eng already pushed with Bob, who has left it in Okta.
  func plan(mappings: Set<OktaGroupID>? = nil, selection: [String]? = nil) -> Plan {
    var desired = DirectorySnapshot.directory {
      $0.user("ann"); $0.user("bob")
      $0.group("eng", displayName: "Engineering"); $0.group("ops", displayName: "Ops"); $0.group("all", type: .builtIn)
      $0.member("eng", "ann"); $0.member("ops", "ann")
    }
    desired.pushMappings = mappings
    var options = SyncOptions()
    options.pushGroupSelection = selection
    return makePlan(
      desired: desired,
      current: .store { $0.person("ann"); $0.person("bob"); $0.group("eng", displayName: "Eng"); $0.member("eng", "bob") },
      options: options)
  }

  @Test func withoutMappingsOrSelectionEveryGroupButBuiltInOnesIsPushed() {
    #expect(plan().lines == [
      "createGroup 00g-ops", "renameGroup 00g-eng Eng -> Engineering", "addMember 00g-eng 00u-ann", "addMember 00g-ops 00u-ann",
      "removeMember 00g-eng 00u-bob",
    ])
  }

  @Test func onlyGroupsWithAnActiveMappingArePushedAndOneDroppingOutIsOrphanedNotEmptied() {
    let plan = plan(mappings: [.named("ops")])
    #expect(plan.lines == ["createGroup 00g-ops", "addMember 00g-ops 00u-ann"])
    #expect(plan.orphanedGroups.map(\.oktaGroupID) == [.named("eng")])
  }

  @Test func theSelectionNamesGroupsByIdOrNamePatternIgnoringCase() {
    #expect(plan(selection: ["00g-ops"]).lines == ["createGroup 00g-ops", "addMember 00g-ops 00u-ann"])
    #expect(plan(selection: ["eng*"]).lines == [
      "renameGroup 00g-eng Eng -> Engineering", "addMember 00g-eng 00u-ann", "removeMember 00g-eng 00u-bob",
    ])
    #expect(plan(selection: ["?ps", "nothing"]).lines == ["createGroup 00g-ops", "addMember 00g-ops 00u-ann"])
    #expect(plan(selection: ["*"]).lines.count == 5)
  }

  @Test func mappingsAndSelectionMustBothAgree() {
    #expect(plan(mappings: [.named("ops")], selection: ["Eng*"]).lines.isEmpty)
    #expect(plan(mappings: [.named("ops"), .named("all")], selection: ["*"]).lines == ["createGroup 00g-ops", "addMember 00g-ops 00u-ann"])
  }

  @Test(arguments: [
    ("eng*", "Engineering", true), ("*ing", "Engineering", true), ("e*g*g", "Engineering", true), ("e?g", "Eng", true),
    ("eng", "Engineering", false), ("*x*", "Engineering", false), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbYd", false),
    ("", "", true), ("*", "", true), ("?", "", false),
  ])
  func namePatterns(pattern: String, name: String, matches: Bool) {
    #expect(GroupSelector(pattern).matches(OktaGroup(id: OktaGroupID("00g1"), name: name)) == matches)
  }
}
