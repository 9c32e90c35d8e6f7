/// How a recorded run ended.
package enum RunOutcome: String, Sendable, CaseIterable {
  /// Changes were written.
  case applied
  /// The plan was empty; nothing was written but the run itself.
  case noChanges
  /// Applied, except the deactivations the guard stopped, kept for `runs approve`.
  case held
  /// Refused before writing: guard, invalid input, lock or stale plan.
  case refused
  /// Failed while applying; everything was rolled back.
  case failed

  /// The run did what it had to (a held night applied the rest): what "last success" counts.
  package var isSuccess: Bool { self == .applied || self == .noChanges || self == .held }
}

/// One run of `sync`, `import` or `apply` as the store records it.
package struct RunRecord: Hashable, Sendable {
  package var id: RunID
  package var organization: String
  package var command: String
  package var source: String?
  package var startedAt: String
  package var finishedAt: String?
  package var outcome: RunOutcome
  /// Applied operations per kind, and skips per reason (`skipped.pending`).
  package var counts: [String: Int]
  package var message: String?
  /// Records left out as invalid (`--quarantine-invalid`), each with its file and line.
  package var quarantined: [String]
  /// The export's manifest, as text, when it had one.
  package var manifest: String?
  /// From the command's start to the run's record.
  package var durationSeconds: Double?
  /// Who ran it: the operating-system user, and who they came through `sudo` from.
  package var ranBy: String?

  package init(
    id: RunID, organization: String, command: String, source: String?, startedAt: String,
    finishedAt: String?, outcome: RunOutcome, counts: [String: Int], message: String?, quarantined: [String] = [],
    manifest: String? = nil, durationSeconds: Double? = nil, ranBy: String? = nil
  ) {
    self.ranBy = ranBy
    self.durationSeconds = durationSeconds
    self.quarantined = quarantined
    self.manifest = manifest
    self.id = id
    self.organization = organization
    self.command = command
    self.source = source
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.outcome = outcome
    self.counts = counts
    self.message = message
  }
}

extension Plan {
  /// The counts a run records: every operation kind, skip reasons that occurred, and what was
  /// held back for approval (`held.deactivateUser`).
  package var runCounts: [String: Int] {
    var counts: [String: Int] = [:]
    for (kind, count) in summary { counts[kind.rawValue] = count }
    for (reason, count) in skippedSummary { counts["skipped.\(reason.rawValue)"] = count }
    for (kind, count) in held?.plan.plan.summary ?? [] where count > 0 { counts["held.\(kind.rawValue)"] = count }
    // The deactivations the guard allowed, so a picture of the nights can draw its limit.
    if guardCheck.activePeople > 0 { counts["guard.allowed"] = guardCheck.allowed }
    return counts
  }

  /// How a run that applied this plan ended.
  package var runOutcome: RunOutcome { held != nil ? .held : isEmpty ? .noChanges : .applied }

  /// What a run that applied this plan says beyond its counts: why operations were held.
  package var runMessage: String? { held?.message }
}
