import ProxySyncCore

extension Store {
  /// Reads the organization, lets `decide` make (or refuse) a plan, and applies it: all inside
  /// one write transaction, so nothing can change between the read and the write, and any
  /// failure leaves the store exactly as it was.
  /// - Throws: whatever `decide` throws (e.g. the guard), or a store failure; nothing is written.
  ///   `decide` gets the organization as it stands inside the transaction (revision, binding).
  ///   `progress` hears how many operations have been written so far.
  ///   A `preloaded` snapshot is used when the organization's revision has not moved since it
  ///   was read; otherwise the snapshot is read again under the write lock.
  package func applyChanges(
    to organization: Organization, run: RunStart, preloaded: PreloadedSnapshot? = nil, progress: (Int) -> Void = { _ in },
    decide: (StoreSnapshot, Organization) throws -> Plan
  ) throws(ProxySyncError) -> (Plan, RunRecord) {
    try perform("applying changes to organization \"\(organization.name)\"") {
      // The applier writes only ids it read or inserted inside this transaction.
      try withBulkJournal(command: run.command) { try connection.withoutForeignKeyChecks { try connection.transaction {
        let current = try readOrganization(organization.id) ?? organization
        let snapshot =
          if let preloaded, preloaded.revision == current.revision { preloaded.snapshot } else { try readSnapshot(of: organization) }
        let plan = try decide(snapshot, current)
        let startedAt = timestamp()
        try insertRun(run, organization: organization, startedAt: startedAt, outcome: .applied)
        if !plan.isEmpty {
          let firstAudit = try nextAuditID()
          try withBulkIndexes(deferred: try isEmpty() && plan.operations.count > 10_000) {
            var applier = try PlanApplier(store: self, organization: organization, run: run.id, snapshot: snapshot)
            try applier.apply(plan, progress: progress)
          }
          try recordAuditRange(of: run.id, from: firstAudit)
          try bumpRevision(of: organization)
        }
        if let manifest = run.manifest { try recordExport(manifest, for: organization) }
        let record = RunRecord(
          run, organization: organization.name, startedAt: startedAt, finishedAt: timestamp(),
          outcome: plan.runOutcome, counts: plan.runCounts, message: plan.runMessage)
        try finishRun(record)
        try recordHolding(plan.held, approving: run.approves, in: run.id)
        return (plan, record)
      } } }
    }
  }
}
