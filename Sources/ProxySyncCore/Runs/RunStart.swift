/// What the store records about a run before it knows the outcome.
package struct RunStart: Sendable {
  package var id: RunID
  package var command: String
  package var source: String?
  /// Records left out as invalid, rendered with file and line.
  package var quarantined: [String]
  /// The export's manifest: recorded with the run, and binding the organization on success.
  package var manifest: ExportManifest?
  /// Set when applying a saved plan, so the same plan is never applied twice.
  package var planChecksum: String?
  /// The run whose held operations this run applies (`runs approve`): marked approved with it.
  package var approves: RunID?
  /// The counts of a plan that was refused (the guard), so the history shows what was stopped.
  package var counts: [String: Int] = [:]
  /// Who runs it (`RunStart.ranBy(user:sudoUser:)`), kept with the run.
  package var ranBy: String?
  /// When the command began, for the run's duration.
  package let began = ContinuousClock.now

  /// Seconds since the run began, to the millisecond.
  package var elapsedSeconds: Double {
    let elapsed = ContinuousClock.now - began
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (seconds * 1000).rounded() / 1000
  }

  package init(
    id: RunID, command: String, source: String?, quarantined: [String] = [], manifest: ExportManifest? = nil,
    planChecksum: String? = nil, ranBy: String? = nil
  ) {
    self.ranBy = ranBy
    self.id = id
    self.command = command
    self.source = source
    self.quarantined = quarantined
    self.manifest = manifest
    self.planChecksum = planChecksum
  }
}

extension RunRecord {
  /// The record of `run`, as every store backend keeps it: the manifest as text, the
  /// quarantined records, the duration so far.
  package init(
    _ run: RunStart, organization: String, startedAt: String, finishedAt: String?, outcome: RunOutcome, counts: [String: Int],
    message: String?
  ) {
    self.init(
      id: run.id, organization: organization, command: run.command, source: run.source, startedAt: startedAt,
      finishedAt: finishedAt, outcome: outcome, counts: counts, message: message, quarantined: run.quarantined,
      manifest: run.manifest?.runText, durationSeconds: run.elapsedSeconds, ranBy: run.ranBy)
  }

  /// The record of a run that wrote nothing else (refused or failed): it starts and ends at
  /// `now`, and keeps the counts it was given, else the plan's counts the run carried.
  package init(
    nothingWritten run: RunStart, organization: String, at now: String, outcome: RunOutcome, counts: [String: Int], message: String?
  ) {
    self.init(
      run, organization: organization, startedAt: now, finishedAt: now, outcome: outcome,
      counts: counts.isEmpty ? run.counts : counts, message: message)
  }

  /// The counts as a run keeps them: a compact JSON object, keys sorted.
  package static func countsJSON(_ counts: [String: Int]) -> String {
    JSONValue.object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }).rendered(compact: true)
  }
}

extension RunStart {
  /// "alice", or "root (sudo from alice)": the user a run is recorded as, and who they were
  /// before `sudo` when they came through it.
  package static func ranBy(user: String, sudoUser: String?) -> String {
    guard let sudoUser, !sudoUser.isEmpty, sudoUser != user else { return user }
    return "\(user) (sudo from \(sudoUser))"
  }

  /// The checksum a run keeps of the saved plan it applied: only an applied (or empty) run
  /// counts, so a refused or failed attempt never blocks applying the plan again.
  package func appliedPlanChecksum(outcome: RunOutcome) -> String? {
    outcome.isSuccess ? planChecksum : nil
  }
}

extension ExportManifest {
  /// "acme.okta.com app 0oa… exported 2026-11-28T02:00:00Z", as runs show it.
  package var runText: String { "\(oktaOrg) app \(appID) exported \(exportedAt)" }
}

/// A snapshot read ahead of the write transaction, with the revision it was read at.
package struct PreloadedSnapshot: Sendable {
  package var snapshot: StoreSnapshot
  package var revision: Int64
  package init(snapshot: StoreSnapshot, revision: Int64) {
    self.snapshot = snapshot
    self.revision = revision
  }

  /// Whether this still is the organization as it stands: nothing has been applied to it since
  /// it was read, so a plan made from it holds.
  package func isCurrent(at organization: Organization) -> Bool { revision == organization.revision }
}

/// The process holding an organization's run lock, as a refusal names it.
package struct LockHolder: Sendable, Equatable, CustomStringConvertible {
  package var pid: Int32
  package var host: String
  package var startedAt: String
  package var command: String

  package init(pid: Int32, host: String, startedAt: String, command: String) {
    self.pid = pid
    self.host = host
    self.startedAt = startedAt
    self.command = command
  }

  /// A holder known only by what the store can see of it (it has not said who it is yet).
  package static func unnamed(_ what: String) -> LockHolder { LockHolder(pid: 0, host: what, startedAt: "", command: "") }

  package var description: String {
    pid == 0 && command.isEmpty ? host : "process \(pid) on \(host), running \"\(command)\" since \(startedAt)"
  }

  /// The refusal of a run while this holder has the organization: the one wording every
  /// backend uses (exit 5).
  package func refusal(of organization: Organization) -> ProxySyncError {
    ProxySyncError(.locked, "organization \"\(organization.name)\" is locked by \(self); try again later or pass --lock-timeout SECONDS to wait")
  }

  /// The refusal of a run while this holder's first import holds the whole store.
  package func importRefusal(waited seconds: Double? = nil) -> ProxySyncError {
    let advice = seconds.map { "it did not finish within \($0) s" } ?? "try again later or pass --lock-timeout SECONDS to wait"
    return ProxySyncError(.locked, "the store is locked by \(self), a first import that holds the whole store; \(advice)")
  }
}
