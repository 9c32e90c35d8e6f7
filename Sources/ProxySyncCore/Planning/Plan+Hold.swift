/// Operations a sync held back for an admin's approval (`--on-guard hold`): the deactivations
/// the guard stopped, and the membership removals of those people. Kept with the run as a
/// saved plan (format 2) until `runs approve` applies them.
package final class HeldOperations: Sendable {
  package let plan: SavedPlan
  /// The run that held them.
  package let run: RunID

  package init(plan: SavedPlan, run: RunID) {
    self.plan = plan
    self.run = run
  }

  package var count: Int { plan.plan.operations.count }

  /// "held 12 operations for approval (deactivateUser 3, removeMember 9): the guard: deactivates
  /// 3 of 20 active people (15%), limit 10%; review with proxysync runs show R, apply with
  /// proxysync runs approve R": the run's message, and what `sync` prints.
  package var message: String {
    let kinds = plan.plan.summary.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
    return "held \(count) operations for approval (\(kinds)): the guard: \(plan.plan.guardCheck.explanation); "
      + "review with proxysync runs show \(run), apply with proxysync runs approve \(run) --org \(plan.organization)"
  }
}

extension Plan {
  /// This plan without its deactivations and the membership removals of the people they
  /// deactivate; those go to `held`, with the guard's numbers that stopped them. Everything
  /// else (new hires, updates, reactivations, other membership changes) is applied tonight.
  package func holdingDeactivations(run: RunID, organization: String, revision: Int64, createdAt: String, source: String) -> Plan {
    let deactivations = Array(operations.trailing)
    var leaving = Set<PersonID>()
    var leavingRefs = Set<UserRef>()
    for case .deactivateUser(let ref, _) in deactivations {
      if let id = ref.personID { leaving.insert(id) } else { leavingRefs.insert(ref) }
    }
    let (kept, heldMemberships) = operations.memberships.splittingRemoves { ref in
      ref.personID.map { leaving.contains($0) } ?? leavingRefs.contains(ref)
    }
    let heldPlan = Plan(
      ordered: PlanOperations(leading: [], memberships: heldMemberships, trailing: deactivations), skipped: [], orphanedGroups: [],
      guardCheck: guardCheck)
    var applied = Plan(
      ordered: PlanOperations(leading: operations.leading, memberships: kept, trailing: []), skipped: skipped,
      orphanedGroups: orphanedGroups,
      guardCheck: GuardCheck(deactivations: 0, activePeople: guardCheck.activePeople, limit: guardCheck.limit, isEmptyExport: false))
    applied.emailHolders = emailHolders
    applied.held = HeldOperations(
      plan: SavedPlan(
        organization: organization, revision: revision, createdAt: createdAt, source: source, manifest: nil, plan: heldPlan,
        command: "approve"),
      run: run)
    return applied
  }
}
