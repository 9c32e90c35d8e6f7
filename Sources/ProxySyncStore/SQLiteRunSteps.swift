import ProxySyncCore

/// The SQLite store's writes, for `RunSequence` to order.
struct SQLiteRunSteps: RunSteps {
  let store: Store

  func timestamp() -> String { store.timestamp() }

  func insertRun(_ run: RunStart, organization: Organization, startedAt: String, outcome: RunOutcome) throws {
    try store.insertRun(run, organization: organization, startedAt: startedAt, outcome: outcome)
  }

  func finishRun(_ record: RunRecord, organization: Organization) throws { try store.finishRun(record) }
  func bumpRevision(of organization: Organization) throws { try store.bumpRevision(of: organization) }
  func recordExport(_ manifest: ExportManifest, for organization: Organization) throws { try store.recordExport(manifest, for: organization) }

  func recordHolding(_ held: HeldOperations?, approving approved: RunID?, in run: RunID, organization: Organization) throws {
    try store.recordHolding(held, approving: approved, in: run)
  }

  /// A run's audit rows are one range of ids, kept with the run.
  func beginAudit(of run: RunID) throws -> Int64? { try store.nextAuditID() }
  func endAudit(of run: RunID, from first: Int64?) throws {
    if let first { try store.recordAuditRange(of: run, from: first) }
  }

  func readPeople(of organization: Organization) throws -> [Person] { try store.loadPeople(of: organization) }

  func write(_ changes: [PersonChange], run: RunID, organization: Organization, at now: String) throws {
    try store.write(changes, run: run, organization: organization, at: now)
  }
}
