extension GuardCheck {
  /// The guard's refusal of a run that would apply this plan, or nil when it may go on
  /// (`force` overrides it). What `sync` and `import` refuse with, and what `plan` warns of.
  package func refusal(force: Bool) -> ProxySyncError? {
    guard isTripped, !force else { return nil }
    return ProxySyncError(
      .guardTripped,
      "refused by the guard: \(explanation); nothing was written. Review with proxysync plan, then rerun with --force or a higher --max-deactivations")
  }

  /// The refusal of a saved plan the guard flagged when it was made: applying it needs `force`.
  package func savedPlanRefusal(force: Bool) -> ProxySyncError? {
    guard isTripped, !force else { return nil }
    return ProxySyncError(.guardTripped, "the plan was flagged by the guard: \(explanation); apply it with --force if it is right")
  }

  /// The warning `plan` prints when a sync of what it shows would be refused.
  package var previewWarning: String { "a sync would be refused by the guard: \(explanation)" }
}
