/// Computes the plan that makes the store mirror the export. Pure: no I/O, no clock.
///
/// The rules come from Proxy's Okta integration guide; each one is spelled out where it is
/// applied, in `PlanBuilder+People.swift` and `PlanBuilder+Groups.swift`.
package func makePlan(
  desired: DirectorySnapshot, current: StoreSnapshot, options: SyncOptions = .default
) -> Plan {
  var builder = PlanBuilder(desired: desired, current: current, options: options)
  builder.planPeople()
  builder.planGroups()
  return builder.finish()
}

/// The working state of one planning pass.
struct PlanBuilder {
  let desired: DirectorySnapshot
  let current: StoreSnapshot
  let options: SyncOptions
  let assignments: Assignments

  /// Planned operations, one list per kind in `OperationKind` order: the plan lists kinds in
  /// that order, so no operation has to move again to get there.
  var operations = [[Operation]](repeating: [], count: OperationKind.allCases.count)
  var skipped: [Skip] = []
  var orphanedGroups: [StoredGroup] = []
  /// Everyone who will be linked to an Okta user once the plan is applied, by user number
  /// (`assignments.numbers`).
  var provisioned: [UserRef?]
  /// People adopted by email in this plan, with the Okta id they are linked to.
  var adoptedOktaIDs: [PersonID: OktaUserID] = [:]

  init(desired: DirectorySnapshot, current: StoreSnapshot, options: SyncOptions) {
    self.desired = desired
    self.current = current
    self.options = options
    self.assignments = Assignments(desired)
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

  func finish() -> Plan {
    let deactivations = operations[OperationKind.deactivateUser.order].count
    let isEmptyExport =
      options.mode == .sync && desired.users.isEmpty
      && current.people.contains { $0.oktaUserID != nil && $0.status == .active }
    let guardCheck = GuardCheck(
      deactivations: deactivations, activePeople: current.activePeopleCount,
      limit: options.deactivationLimit, isEmptyExport: isEmptyExport)
    return Plan(
      operations: Array(operations.map(Plan.inKeyOrder).joined()), skipped: skipped, orphanedGroups: orphanedGroups, guardCheck: guardCheck)
  }
}
