/// When a saved plan may be applied: every rule of `apply` in one place, for every backend.
///
/// The order matters to the operator: the wrong organization first (nothing else is worth
/// saying), then a plan already applied, then the guard's flag, and inside the write
/// transaction whether the organization moved since the plan was made.
package enum SavedPlanVerdict {
  /// Checked before the transaction: the organization, an earlier application (`appliedIn`, the
  /// run that applied a plan with this checksum), the guard.
  package static func refusal(
    _ saved: SavedPlan, organization: Organization, appliedIn earlier: RunID?, force: Bool
  ) -> ProxySyncError? {
    guard saved.organization == organization.name else {
      return ProxySyncError(.stalePlan, "the plan is for organization \"\(saved.organization)\", not \"\(organization.name)\"")
    }
    if let earlier {
      return ProxySyncError(.stalePlan, "this plan was already applied, in run \(earlier); make a new plan")
    }
    return saved.plan.guardCheck.savedPlanRefusal(force: force)
  }

  /// Checked inside the transaction, against the organization as it stands: the plan, resolved
  /// against the store's rows, or the refusal.
  package static func plan(
    _ saved: SavedPlan, against current: StoreSnapshot, organization: Organization
  ) -> Result<Plan, ProxySyncError> {
    guard organization.revision == saved.revision else {
      return .failure(ProxySyncError(.stalePlan,
        "the organization's data changed since the plan was made (revision \(saved.revision), now \(organization.revision)); make a new plan"))
    }
    guard let plan = saved.plan.resolved(against: current) else {
      return .failure(ProxySyncError(.stalePlan, "the store no longer matches the plan; make a new plan"))
    }
    return .success(plan)
  }
}
