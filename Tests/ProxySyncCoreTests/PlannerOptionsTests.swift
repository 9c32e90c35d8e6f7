import ProxySyncCore
import TestSupport
import Testing

@Suite struct PlannerOptionsTests {
  /// A directory and store where every kind of switchable operation is due.
  let desired = DirectorySnapshot.directory {
    $0.user("new"); $0.user("adopt"); $0.user("upd", title: "CTO"); $0.user("gone", status: .suspended); $0.user("back")
    $0.group("eng"); $0.member("eng", "upd")
  }
  let current = StoreSnapshot.store {
    $0.person("adopt", linked: false); $0.person("upd"); $0.person("gone"); $0.person("back", status: .inactive)
  }

  @Test func noCreateUsersSkipsCreatesAndLinksAsDisabled() {
    var options = SyncOptions()
    options.createUsers = false
    let plan = makePlan(desired: desired, current: current, options: options)
    #expect(plan.skippedLines == ["linkUser adopt@example.com 00u-adopt [disabled]", "createUser 00u-new [disabled]"])
    #expect(!plan.lines.contains { $0.hasPrefix("createUser") || $0.hasPrefix("linkUser") })
  }

  @Test func noUpdateUsersSkipsUpdatesAsDisabled() {
    var options = SyncOptions()
    options.updateUsers = false
    let plan = makePlan(desired: desired, current: current, options: options)
    #expect(plan.skippedLines == ["updateUser 00u-upd title=CTO [disabled]"])
  }

  @Test func noDeactivateUsersSkipsDeactivationsAndReactivationsAsDisabled() {
    var options = SyncOptions()
    options.deactivateUsers = false
    let plan = makePlan(desired: desired, current: current, options: options)
    #expect(plan.skippedLines == ["reactivateUser 00u-back [disabled]", "deactivateUser 00u-gone suspended [disabled]"])
  }

  @Test func noPushGroupsSkipsGroupsAndMembershipsAsDisabled() {
    var options = SyncOptions()
    options.pushGroups = false
    let plan = makePlan(desired: desired, current: current, options: options)
    #expect(plan.skippedLines == ["createGroup 00g-eng [disabled]", "addMember 00g-eng 00u-upd [disabled]"])
  }

  @Test func importOnlyAddsNeverDeactivatesOrRemovesMembers() {
    var options = SyncOptions()
    options.mode = .import
    let plan = makePlan(
      desired: .directory { $0.user("ann"); $0.user("bob", status: .suspended); $0.group("eng") },
      current: .store { $0.person("bob"); $0.person("cat"); $0.person("ann"); $0.group("eng"); $0.member("eng", "ann") },
      options: options)
    #expect(plan.isEmpty && plan.skipped.isEmpty)
  }

  @Test func planIsTheSameWhateverTheInputOrder() {
    let desired = DirectorySnapshot.directory {
      for name in ["d", "a", "c", "b"] { $0.user(name) }
      $0.group("y"); $0.group("x")
      for name in ["c", "a", "d"] { $0.member("x", name); $0.member("y", name) }
    }
    var shuffled = desired
    shuffled.users.reverse()
    shuffled.groups.reverse()
    shuffled.memberships.shuffle()
    let current = StoreSnapshot.store { $0.person("b"); $0.person("e") }
    let first = makePlan(desired: desired, current: current)
    let second = makePlan(desired: shuffled, current: current)
    #expect(first.json(organization: "o").rendered() == second.json(organization: "o").rendered())
    #expect(first.text(organization: "o") == second.text(organization: "o"))
  }
}

@Suite struct GuardTests {
  /// `active` active linked people, of whom the export drops `dropped`.
  func plan(active: Int, dropped: Int, limit: DeactivationLimit = .default) -> Plan {
    var options = SyncOptions()
    options.deactivationLimit = limit
    return makePlan(
      desired: .directory { for index in dropped..<active { $0.user("p\(index)") } },
      current: .store { for index in 0..<active { $0.person("p\(index)") } }, options: options)
  }

  @Test func moreThanTenPercentAndMoreThanFiveTrips() {
    #expect(plan(active: 100, dropped: 11).guardCheck.isTripped)
    #expect(!plan(active: 100, dropped: 10).guardCheck.isTripped)
  }

  @Test func fiveOrFewerNeverTripThePercentageLimit() {
    #expect(!plan(active: 10, dropped: 5).guardCheck.isTripped)
    #expect(plan(active: 10, dropped: 6).guardCheck.isTripped)
  }

  @Test func countLimitIsAbsolute() {
    #expect(plan(active: 100, dropped: 3, limit: .count(2)).guardCheck.isTripped)
    #expect(!plan(active: 100, dropped: 2, limit: .count(2)).guardCheck.isTripped)
  }

  @Test func emptyExportWhileLinkedPeopleAreActiveTrips() {
    let check = plan(active: 1, dropped: 1).guardCheck
    #expect(check.isEmptyExport && check.isTripped)
  }

  @Test func explanationGivesTheNumbers() {
    #expect(plan(active: 120, dropped: 3).guardCheck.explanation
      == "deactivates 3 of 120 active people (2.5%), limit 10% (at least 5 allowed)")
  }

  @Test(arguments: [("25", DeactivationLimit.count(25)), ("10%", .percent(10, floor: 5)), ("2.5%", .percent(2.5, floor: 5))])
  func limitsParse(text: String, limit: DeactivationLimit) {
    #expect(DeactivationLimit(parsing: text) == limit)
  }

  @Test(arguments: ["", "-1", "ten", "150%", "%"])
  func badLimitsAreRefused(text: String) {
    #expect(DeactivationLimit(parsing: text) == nil)
  }
}

@Suite struct QuarantineTests {
  @Test func quarantinedUsersPersonIsNotReadAsGone() {
    var desired = DirectorySnapshot.directory { $0.group("eng") }
    desired.quarantinedUserIDs = [.named("ann")]
    let plan = makePlan(
      desired: desired, current: .store { $0.person("ann"); $0.person("bob"); $0.group("eng"); $0.member("eng", "ann") })
    #expect(plan.lines == ["deactivateUser 00u-bob notInExport"])
  }

  @Test func quarantinedGroupIsNeitherOrphanedNorEmptied() {
    var desired = DirectorySnapshot.directory { $0.user("ann") }
    desired.quarantinedGroupIDs = [.named("eng")]
    let plan = makePlan(desired: desired, current: .store { $0.person("ann"); $0.group("eng"); $0.member("eng", "ann") })
    #expect(plan.isEmpty && plan.orphanedGroups.isEmpty)
  }

  /// The plan lists kinds in `OperationKind` order and each kind by its key, however the planner
  /// emitted them; linked and unlinked people, new and stored members, mixed on purpose.
  @Test func planListsEveryKindInKeyOrder() {
    let desired = DirectorySnapshot.directory {
      for name in ["zed", "amy", "kim", "bob", "new2", "new1"] { $0.user(name, title: "Lead") }
      $0.user("gone", status: .suspended)
      for group in ["y", "x", "w"] { $0.group(group) }
      for name in ["zed", "new2", "amy", "kim", "new1", "bob"] { $0.member("y", name); $0.member("w", name) }
      $0.member("x", "amy")
    }
    let current = StoreSnapshot.store {
      $0.person("zed"); $0.person("amy"); $0.person("gone")
      $0.person("kim", linked: false); $0.person("bob", linked: false); $0.person("ann", linked: false)
      $0.group("x", displayName: "Old"); $0.group("v")
      $0.member("x", "ann"); $0.member("x", "zed"); $0.member("x", "bob"); $0.member("x", "kim")
    }
    let plan = makePlan(desired: desired, current: current)
    let keys = plan.operations.map(\.sortKey)
    #expect(Set(plan.operations.map(\.kind)).count >= 7)
    #expect(zip(keys, keys.dropFirst()).allSatisfy { !($1 < $0) })
    #expect(OperationKind.allCases.sorted() == OperationKind.allCases)
    // Linked people before unlinked ones within a group, each by id or email.
    let added = plan.operations.compactMap { operation -> String? in
      guard case .addMember(let group, let user) = operation, group.groupID == .named("y") else { return nil }
      return user.userID?.rawValue ?? user.email.rawValue
    }
    #expect(added == ["00u-amy", "00u-bob", "00u-kim", "00u-new1", "00u-new2", "00u-zed"])
    let removed = plan.operations.compactMap { operation -> String? in
      guard case .removeMember(_, let user) = operation else { return nil }
      return user.userID?.rawValue ?? user.email.rawValue
    }
    #expect(removed == ["00u-bob", "00u-kim", "00u-zed", "ann@example.com"])
  }

  /// People are looked up by store id with a binary search when the store lists them in id
  /// order (as it does), and through a table otherwise: both must give the same plan.
  @Test func planIsTheSameWhateverTheStoreOrder() {
    let desired = DirectorySnapshot.directory {
      for name in ["a", "b", "c"] { $0.user(name) }
      $0.group("x")
      for name in ["a", "c"] { $0.member("x", name) }
    }
    let current = StoreSnapshot.store {
      for name in ["e", "b", "a"] { $0.person(name) }
      $0.group("x")
      for name in ["e", "b"] { $0.member("x", name) }
    }
    var reversed = current
    reversed.people.reverse()
    let plan = makePlan(desired: desired, current: current)
    #expect(plan.operations.count { $0.kind == .removeMember } == 2)
    #expect(plan.operations.count { $0.kind == .addMember } == 2)
    #expect(plan.json(organization: "o").rendered() == makePlan(desired: desired, current: reversed).json(organization: "o").rendered())
  }
}
