/// What a sync does when the guard trips (`--on-guard`, config `onGuard`).
package enum GuardAction: String, Sendable, CaseIterable {
  /// Refuse the whole run: nothing is written (the default).
  case refuse
  /// Apply everything but the deactivations, which wait for `runs approve`.
  case hold
}

/// The guard's word on a plan a sync is about to apply.
package enum GuardDecision {
  case proceed
  /// Apply `Plan.holdingDeactivations`, and say the run held them.
  case hold
  case refuse(ProxySyncError)
}

extension GuardCheck {
  /// The guard's refusal of a run that would apply this plan, or nil when it may go on
  /// (`force` overrides it). What `sync` and `import` refuse with, and what `plan` warns of.
  package func refusal(force: Bool) -> ProxySyncError? {
    guard isTripped, !force else { return nil }
    return ProxySyncError(
      .guardTripped,
      "refused by the guard: \(explanation); nothing was written. Review with proxysync plan, then rerun with --force or a higher --max-deactivations")
  }

  /// What a sync does with the plan: `force` overrides the guard, else a trip refuses or holds.
  package func decision(force: Bool, onTrip action: GuardAction) -> GuardDecision {
    guard let refusal = refusal(force: force) else { return .proceed }
    return action == .hold ? .hold : .refuse(refusal)
  }

  /// The refusal of a saved plan the guard flagged when it was made: applying it needs `force`.
  package func savedPlanRefusal(force: Bool) -> ProxySyncError? {
    guard isTripped, !force else { return nil }
    return ProxySyncError(.guardTripped, "the plan was flagged by the guard: \(explanation); apply it with --force if it is right")
  }

  /// The warning `plan` prints when a sync of what it shows would be refused.
  package var previewWarning: String { "a sync would be refused by the guard: \(explanation)" }

  /// The warning a `sync --dry-run --on-guard hold` prints when the sync would hold.
  package var holdPreviewWarning: String {
    "a sync would hold its \(deactivations) deactivations (and those people's membership removals) for approval and apply the rest: \(explanation)"
  }
}
