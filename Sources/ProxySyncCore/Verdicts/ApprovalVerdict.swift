/// When operations a sync held for approval may be applied (`runs approve`): every rule in one
/// place, for every backend.
package enum ApprovalVerdict {
  /// What the store keeps of a run's held operations.
  package struct Held: Sendable {
    /// The held operations as a saved plan (format 2 text).
    package var text: String
    /// The run that applied them, once approved.
    package var approvedIn: RunID?
    package init(text: String, approvedIn: RunID?) {
      self.text = text
      self.approvedIn = approvedIn
    }
  }

  /// Checked before the transaction: the run is this organization's, held something, and was
  /// not approved already.
  package static func refusal(_ id: RunID, run: RunRecord?, held: Held?, organization: Organization) -> ProxySyncError? {
    guard let run, run.organization == organization.name else {
      return ProxySyncError(.failure, "no run \"\(id)\" in organization \"\(organization.name)\"")
    }
    guard run.outcome == .held, let held else {
      return ProxySyncError(.stalePlan, "run \(id) held nothing for approval (its outcome is \(run.outcome.rawValue))")
    }
    if let approvedIn = held.approvedIn {
      return ProxySyncError(.stalePlan, "run \(id)'s held operations were already approved, in run \(approvedIn)")
    }
    return nil
  }

  /// Checked inside the transaction, against the organization as it stands: each held
  /// operation must still do what it did when it was held (the person still active and not an
  /// admin, the membership still there). Then the operations, resolved against the store's
  /// rows; else the refusal, naming what changed (at most `shown` of them).
  package static func plan(_ held: SavedPlan, run: RunID, against current: StoreSnapshot, shown: Int = 5) -> Result<Plan, ProxySyncError> {
    var byOktaID: [OktaUserID: Person] = [:]
    var byEmail: [EmailAddress: Person] = [:]
    for person in current.people {
      if let id = person.oktaUserID { byOktaID[id] = person }
      byEmail[person.email] = person
    }
    func person(_ ref: UserRef) -> Person? { ref.userID.map { byOktaID[$0] } ?? byEmail[ref.email] }
    let groups = Dictionary(current.groups.compactMap { group in group.oktaGroupID.map { ($0, group.id) } }, uniquingKeysWith: { a, _ in a })
    let memberships = Set(current.memberships)

    var changes: [String] = []
    for operation in held.plan.operations {
      switch operation {
      case .deactivateUser(let ref, _):
        guard let found = person(ref) else { changes.append("\(ref.textName) is no longer in the store"); continue }
        if found.status != .active { changes.append("\(ref.textName) is now \(found.status.rawValue)") }
        if found.isAdmin { changes.append("\(ref.textName) is now an admin") }
      case .removeMember(let group, let ref):
        guard let groupID = groups[group.groupID], let found = person(ref),
          memberships.contains(StoredMembership(groupID: groupID, personID: found.id))
        else { changes.append("\(ref.textName) is no longer a member of \(quoted(group.name))"); continue }
      default:
        changes.append("run \(run) holds a \(operation.kind.rawValue), which approvals never apply")
      }
    }
    guard changes.isEmpty else {
      let more = changes.count > shown ? "; and \(changes.count - shown) more" : ""
      return .failure(ProxySyncError(.stalePlan,
        "the organization changed since run \(run) held these operations: \(changes.prefix(shown).joined(separator: "; "))\(more); nothing was written. The next sync holds what still applies"))
    }
    guard var plan = held.plan.resolved(against: current) else {
      return .failure(ProxySyncError(.stalePlan, "the store no longer matches run \(run)'s held operations; nothing was written"))
    }
    // The approval is the admin's decision on exactly these: the limit is what was approved.
    let deactivations = plan.operations.range(of: .deactivateUser).count
    plan.guardCheck = GuardCheck(
      deactivations: deactivations, activePeople: current.activePeopleCount, limit: .count(deactivations), isEmptyExport: false)
    return .success(plan)
  }
}

extension UserRef {
  /// "ann@example.com (00u1)", as refusals name a person.
  var textName: String { userID.map { "\(email) (\($0))" } ?? email.rawValue }
}
