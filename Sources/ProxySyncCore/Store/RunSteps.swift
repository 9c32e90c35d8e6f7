/// The writes a store backend knows how to make inside one of its transactions, in domain
/// values; `RunSequence` decides their order, so every backend records a run the same way and
/// a backend holds only SQL and the calls that run it.
package protocol RunSteps {
  /// Now, as the store writes times (`Timestamp`).
  func timestamp() -> String
  func insertRun(_ run: RunStart, organization: Organization, startedAt: String, outcome: RunOutcome) throws
  func finishRun(_ record: RunRecord, organization: Organization) throws
  func bumpRevision(of organization: Organization) throws
  func recordExport(_ manifest: ExportManifest, for organization: Organization) throws
  /// Keeps a run's held operations with it, and marks the run it approves.
  func recordHolding(_ held: HeldOperations?, approving approved: RunID?, in run: RunID, organization: Organization) throws
  /// Where the audit rows a run is about to write begin (SQLite keeps each run's range).
  func beginAudit(of run: RunID) throws -> Int64?
  /// The run's audit rows are written, from `first` on.
  func endAudit(of run: RunID, from first: Int64?) throws
  /// People as they stand, inside the transaction.
  func readPeople(of organization: Organization) throws -> [Person]
  /// Writes changes by hand, in order, each only to a person still as it was decided, each with
  /// its audit row. All at once, so a backend a round trip away can batch them
  /// (`mark-active --all-pending` is a million changes).
  func write(_ changes: [PersonChange], run: RunID, organization: Organization, at now: String) throws
}

/// The order of a run's writes, the same on every backend: the run, then its changes and their
/// audit, the revision moved only when something changed, then the run's record.
package enum RunSequence {
  /// A plan applied as a run: `decide` makes (or refuses) the plan against the organization as
  /// it stands in the transaction, `write` writes its operations and their audit rows.
  package static func apply(
    _ steps: some RunSteps, organization: Organization, current: Organization, run: RunStart, decide: (Organization) throws -> Plan,
    write: (Plan) throws -> Void
  ) throws -> (Plan, RunRecord) {
    let plan = try decide(current)
    let startedAt = steps.timestamp()
    try steps.insertRun(run, organization: organization, startedAt: startedAt, outcome: .applied)
    if !plan.isEmpty {
      let first = try steps.beginAudit(of: run.id)
      try write(plan)
      try steps.endAudit(of: run.id, from: first)
      try steps.bumpRevision(of: organization)
    }
    if let manifest = run.manifest { try steps.recordExport(manifest, for: organization) }
    let record = RunRecord(
      run, organization: organization.name, startedAt: startedAt, finishedAt: steps.timestamp(), outcome: plan.runOutcome,
      counts: plan.runCounts, message: plan.runMessage)
    try steps.finishRun(record, organization: organization)
    try steps.recordHolding(plan.held, approving: run.approves, in: run.id, organization: organization)
    return (plan, record)
  }

  /// Changes by hand (`PersonChange`) as a run: decided on the people as they stand.
  package static func changePeople(
    _ steps: some RunSteps, organization: Organization, run: RunStart, decide: ([Person]) throws(ProxySyncError) -> [PersonChange]
  ) throws -> ([PersonChange], RunRecord) {
    let changes = try decide(try steps.readPeople(of: organization))
    let startedAt = steps.timestamp()
    try steps.insertRun(run, organization: organization, startedAt: startedAt, outcome: changes.isEmpty ? .noChanges : .applied)
    if !changes.isEmpty {
      let first = try steps.beginAudit(of: run.id)
      try steps.write(changes, run: run.id, organization: organization, at: startedAt)
      try steps.endAudit(of: run.id, from: first)
      try steps.bumpRevision(of: organization)
    }
    let record = PersonChanges.record(changes, run: run, organization: organization, startedAt: startedAt, finishedAt: steps.timestamp())
    try steps.finishRun(record, organization: organization)
    return (changes, record)
  }

  /// A write that did not hit exactly the rows it named: the data moved under the plan.
  package static func changedWhileApplying(_ subject: String) -> ProxySyncError {
    ProxySyncError(.stalePlan, "the store changed while applying (\(subject.escapingControlCharacters())); nothing was written, plan again")
  }

  /// A run that wrote nothing else (refused or failed): its row, started and finished now.
  package static func recordNothingWritten(
    _ steps: some RunSteps, run: RunStart, organization: Organization, outcome: RunOutcome, counts: [String: Int], message: String?
  ) throws -> RunRecord {
    let now = steps.timestamp()
    let record = RunRecord(nothingWritten: run, organization: organization.name, at: now, outcome: outcome, counts: counts, message: message)
    try steps.insertRun(run, organization: organization, startedAt: now, outcome: outcome)
    try steps.finishRun(record, organization: organization)
    return record
  }
}

/// The one way a store step's failure reaches the operator: what the store was doing, the
/// backend's hint (busy, full, conflicting) and its own words; a refusal passes through as it is.
package enum StoreFailure {
  package static func perform<T>(
    _ what: String, _ body: () throws -> T, describe: (any Error) -> (hint: String, words: String)
  ) throws(ProxySyncError) -> T {
    do {
      return try body()
    } catch let error as ProxySyncError {
      throw error
    } catch {
      let (hint, words) = describe(error)
      throw ProxySyncError.failure("store error while \(what)\(hint)", underlying: words)
    }
  }
}
