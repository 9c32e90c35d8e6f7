import ProxySyncCore
import TestSupport
import Testing

@Suite struct PlannerGroupTests {
  @Test func newGroupIsCreatedAndBuiltInGroupsAreNot() {
    let plan = makePlan(
      desired: .directory { $0.group("eng"); $0.group("everyone", type: .builtIn) }, current: .store { _ in })
    #expect(plan.lines == ["createGroup 00g-eng"])
  }

  @Test func renamedGroupIsRenamedNeverRecreated() {
    let plan = makePlan(
      desired: .directory { $0.group("eng", displayName: "R&D") }, current: .store { $0.group("eng", displayName: "Engineering") })
    #expect(plan.lines == ["renameGroup 00g-eng Engineering -> R&D"])
  }

  @Test func descriptionChangeIsAGroupUpdate() {
    let plan = makePlan(
      desired: .directory { $0.group("eng", description: "new") }, current: .store { $0.group("eng", description: "old") })
    #expect(Array(plan.operations) == [.updateGroup(GroupRef(groupID: .named("eng"), name: "Eng"), description: ValueChange(old: "old", new: "new"))])
  }

  @Test func groupGoneFromTheExportIsReportedOrphanedNotDeleted() {
    let plan = makePlan(desired: .directory { _ in }, current: .store { $0.group("eng"); $0.group("local", linked: false) })
    #expect(plan.isEmpty)
    #expect(plan.orphanedGroups.map(\.oktaGroupID) == [.named("eng")])
  }

  @Test func membershipsMirrorTheExportForPeopleInProxy() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann"); $0.user("bob"); $0.user("cat")
        $0.group("eng")
        $0.member("eng", "ann"); $0.member("eng", "cat")
      },
      current: .store {
        $0.person("ann"); $0.person("bob")
        $0.group("eng")
        $0.member("eng", "bob")
      })
    #expect(plan.lines == [
      "createUser 00u-cat", "addMember 00g-eng 00u-ann", "addMember 00g-eng 00u-cat", "removeMember 00g-eng 00u-bob",
    ])
  }

  /// The plan from a snapshot still arriving (`ProxyStore.preloadSnapshot`) is the plan from
  /// the whole one; the memberships are asked for once, and a failure to read them is the plan's.
  @Test func aPlanWhoseMembershipsArriveLateIsThePlanFromTheWholeSnapshot() throws {
    let desired = DirectorySnapshot.directory {
      $0.user("ann"); $0.user("bob"); $0.user("cat")
      $0.group("eng"); $0.group("ops")
      $0.member("eng", "ann"); $0.member("eng", "cat"); $0.member("ops", "bob")
    }
    let current = StoreSnapshot.store {
      $0.person("ann"); $0.person("bob"); $0.person("dan")
      $0.group("eng"); $0.group("ops")
      $0.member("eng", "ann"); $0.member("eng", "bob"); $0.member("ops", "bob")
    }
    var asked = 0
    let plan = makePlan(desired: desired, people: current.people, groups: current.groups) {
      asked += 1
      return current.memberships
    }
    #expect(asked == 1)
    #expect(plan.lines == makePlan(desired: desired, current: current).lines)
    #expect(plan.lines.contains("removeMember 00g-eng 00u-bob") && !plan.lines.contains("addMember 00g-eng 00u-ann"))

    struct Unreadable: Error {}
    #expect(throws: Unreadable.self) {
      try makePlan(desired: desired, people: current.people, groups: current.groups) { () throws(Unreadable) in throw Unreadable() }
    }
  }

  @Test func memberNeverProvisionedIsSkippedAsNotProvisioned() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", assigned: false); $0.group("eng"); $0.member("eng", "ann") },
      current: .store { $0.group("eng") })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == ["addMember 00g-eng 00u-ann [notProvisioned]"])
  }

  /// A membership listed twice (the reader warns and counts it once; snapshots built otherwise
  /// may still hold it) is planned once, interleaved with other groups or not.
  @Test func repeatedMembershipIsPlannedOnce() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann"); $0.user("bob"); $0.user("cat", assigned: false); $0.group("eng"); $0.group("ops")
        for _ in 0..<2 { $0.member("eng", "ann"); $0.member("ops", "ann"); $0.member("eng", "bob"); $0.member("ops", "cat") }
      },
      current: .store { $0.group("eng"); $0.group("ops") })
    #expect(plan.lines == [
      "createUser 00u-ann", "createUser 00u-bob", "addMember 00g-eng 00u-ann", "addMember 00g-eng 00u-bob", "addMember 00g-ops 00u-ann",
    ])
    #expect(plan.skippedLines == ["addMember 00g-ops 00u-cat [notProvisioned]"])
  }

  @Test func memberOfAnOrphanedOrHandMadeGroupIsLeftAlone() {
    let plan = makePlan(
      desired: .directory { $0.user("ann") },
      current: .store {
        $0.person("ann"); $0.group("old"); $0.group("local", linked: false)
        $0.member("old", "ann"); $0.member("local", "ann")
      })
    #expect(plan.isEmpty)
  }

  @Test func peopleDeactivatedLeaveTheirPushedGroups() {
    let plan = makePlan(
      desired: .directory { $0.group("eng") },
      current: .store { $0.person("ann"); $0.group("eng"); $0.member("eng", "ann") })
    #expect(plan.lines == ["removeMember 00g-eng 00u-ann", "deactivateUser 00u-ann notInExport"])
  }
}

@Suite struct SortedDifferencesTests {
  @Test(arguments: 0..<50)
  func matchesSetDifferencesOnRandomInput(seed: Int) {
    var generator = SystemRandomNumberGenerator()
    _ = seed
    let a = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in UInt64.random(in: 0..<30, using: &generator) }.sorted()
    let b = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in UInt64.random(in: 0..<30, using: &generator) }.sorted()
    let (onlyA, onlyB) = sortedDifferences(a, b)
    #expect(onlyA == Set(a).subtracting(b).sorted())
    #expect(onlyB == Set(b).subtracting(a).sorted())
  }

  /// The linear comparison must find what sorting and merging finds, with dense row ids (the
  /// usual case) and with sparse ones (the fallback), repeated keys counted once.
  @Test(arguments: [(1, 0), (1, 1_000_000), (1 << 35, 0)] as [(UInt64, UInt64)])
  func membershipDifferencesMatchSetDifferences(personSpacing: UInt64, firstPerson: UInt64) {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<50 {
      // Four groups, a few dozen people with row ids 0, 1, 2…, from a million on, or 0, 2^35….
      func keys() -> [UInt64] {
        (0..<Int.random(in: 0..<60, using: &generator)).map { _ in
          UInt64.random(in: 0..<4, using: &generator) << 40 | (firstPerson + UInt64.random(in: 0..<30, using: &generator) * personSpacing) % (1 << 40)
        }
      }
      let (wanted, existing) = (keys(), keys())
      let (adds, removes) = membershipDifferences(wanted, existing, groups: 4)
      #expect(adds.sorted() == Set(wanted).subtracting(existing).sorted())
      #expect(removes.sorted() == Set(existing).subtracting(wanted).sorted())
    }
  }
}
