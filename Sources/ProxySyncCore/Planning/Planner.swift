/// Computes the plan that makes the store mirror the export. Pure: no I/O, no clock.
///
/// `numbers`, when given, must number `desired` exactly as `UserNumbers(desired)` would: the
/// reader hands over the one it built while checking the export, which spares numbering a
/// million ids again.
///
/// The rules come from Proxy's Okta integration guide; each one is spelled out where it is
/// applied, in `PlanBuilder+People.swift` and `PlanBuilder+Groups.swift`.
package func makePlan(
  desired: DirectorySnapshot, current: StoreSnapshot, options: SyncOptions = .default, numbers: UserNumbers? = nil
) -> Plan {
  makePlan(desired: desired, people: current.people, groups: current.groups, options: options, numbers: numbers) {
    current.memberships
  }
}

/// The same plan from a snapshot still arriving (`ProxyStore.preloadSnapshot`): people are
/// planned first, and `memberships` is asked for only then, so the store can read them, most
/// of its rows, meanwhile.
package func makePlan<Failure: Error>(
  desired: DirectorySnapshot, people: [Person], groups: [StoredGroup], options: SyncOptions = .default,
  numbers: UserNumbers? = nil, memberships: () throws(Failure) -> [StoredMembership]
) throws(Failure) -> Plan {
  let head = StoreSnapshot(people: people, groups: groups)
  var builder = PlanBuilder(desired: desired, current: head, options: options, numbers: numbers ?? UserNumbers(desired))
  builder.planPeople()
  builder.current.memberships = try memberships()
  builder.planGroups()
  return builder.finish()
}

/// The working state of one planning pass.
struct PlanBuilder {
  let desired: DirectorySnapshot
  /// The store's organization; its memberships are filled in after `planPeople`, which does
  /// not look at them (see `makePlan`).
  var current: StoreSnapshot
  let options: SyncOptions
  let assignments: Assignments

  /// Planned operations, one list per kind in `OperationKind` order: the plan lists kinds in
  /// that order, so no operation has to move again to get there.
  var operations = [[Operation]](repeating: [], count: OperationKind.allCases.count)
  /// Membership changes, kept apart as integers (see `PlanOperations`).
  var memberships = MembershipChanges()
  var skipped: [Skip] = []
  var orphanedGroups: [StoredGroup] = []
  var emailHolders: [EmailAddress: EmailHolder] = [:]
  /// Everyone who will be linked to an Okta user once the plan is applied, by user number
  /// (`assignments.numbers`).
  var provisioned: [UserRef?]
  /// People adopted by email in this plan, with the Okta id they are linked to.
  var adoptedOktaIDs: [PersonID: OktaUserID] = [:]

  init(desired: DirectorySnapshot, current: StoreSnapshot, options: SyncOptions, numbers: UserNumbers) {
    self.desired = desired
    self.current = current
    self.options = options
    self.assignments = Assignments(desired, numbers: numbers)
    provisioned = Array(repeating: nil, count: assignments.numbers.ids.count)
  }

  var numbers: UserNumbers { assignments.numbers }

  /// The provisioned reference of an export user, looked up by id.
  func provisionedRef(_ id: OktaUserID) -> UserRef? { numbers.number(of: id).flatMap { provisioned[$0] } }

  /// Adds the operation, or a skip when a reason stands in its way.
  mutating func add(_ operation: Operation, unless reason: SkipReason?) {
    if let reason {
      skipped.append(Skip(operation, reason: reason))
    } else {
      operations[operation.kind.order].append(operation)
    }
  }

  /// Kinds emitted in key order by construction: groups in id order (memberships, kept apart,
  /// by group and person rank). The rest follow the export's order and are sorted if needed.
  private static let builtInOrder = Set([OperationKind.createGroup, .renameGroup, .updateGroup].map(\.order))

  /// The lists one after another, in one array. Operations are moved, not copied: a copy
  /// retains every string an operation holds, and a bulk import plans millions of them.
  private static func joined(_ lists: inout [[Operation]]) -> [Operation] {
    let total = lists.reduce(0) { $0 + $1.count }
    // What a moved-from slot holds until its list is freed: nothing that needs releasing.
    let placeholder = Operation.reactivateUser(UserRef(userID: nil, email: EmailAddress(stored: "")))
    return [Operation](unsafeUninitializedCapacity: total) { buffer, initialized in
      for index in lists.indices {
        lists[index].withUnsafeMutableBufferPointer { source in
          guard let from = source.baseAddress, let to = buffer.baseAddress, !source.isEmpty else { return }
          (to + initialized).moveInitialize(from: from, count: source.count)
          source.initialize(repeating: placeholder)
          initialized += source.count
        }
      }
    }
  }

  mutating func finish() -> Plan {
    let deactivations = operations[OperationKind.deactivateUser.order].count
    let isEmptyExport =
      options.mode == .sync && desired.users.isEmpty
      && current.people.contains { $0.oktaUserID != nil && $0.status == .active }
    let guardCheck = GuardCheck(
      deactivations: deactivations, activePeople: current.activePeopleCount,
      limit: options.deactivationLimit, isEmptyExport: isEmptyExport)
    var lists: [[Operation]] = []
    swap(&lists, &operations)  // held once, so moving out of them copies nothing
    for order in lists.indices where !Self.builtInOrder.contains(order) { lists[order] = Plan.inKeyOrder(lists[order]) }
    var trailing = [lists.removeLast()]
    assert(OperationKind.allCases.last == .deactivateUser && lists[OperationKind.addMember.order...].allSatisfy(\.isEmpty))
    let operations = PlanOperations(leading: Self.joined(&lists), memberships: memberships, trailing: Self.joined(&trailing))
    var plan = Plan(ordered: operations, skipped: skipped, orphanedGroups: orphanedGroups, guardCheck: guardCheck)
    plan.emailHolders = emailHolders
    return plan
  }
}
