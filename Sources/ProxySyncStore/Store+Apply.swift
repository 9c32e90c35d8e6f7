import ProxySyncCore

extension Store {
  /// Reads the organization, lets `decide` make (or refuse) a plan, and applies it as a run
  /// (`RunSequence`): all inside one write transaction, so nothing can change between the read
  /// and the write, and any failure leaves the store exactly as it was.
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
          if let preloaded, preloaded.isCurrent(at: current) { preloaded.snapshot } else { try readSnapshot(of: organization) }
        return try RunSequence.apply(
          SQLiteRunSteps(store: self), organization: organization, current: current, run: run, decide: { try decide(snapshot, $0) }
        ) { plan in
          try withBulkIndexes(deferred: try isEmpty() && plan.operations.count > 10_000) {
            var applier = try PlanApplier(store: self, organization: organization, run: run.id, snapshot: snapshot)
            try applier.apply(plan, progress: progress)
          }
        }
      } } }
    }
  }

  package func applyPersonChanges(
    in organization: Organization, run: RunStart, decide: ([Person]) throws(ProxySyncError) -> [PersonChange]
  ) throws(ProxySyncError) -> ([PersonChange], RunRecord) {
    try perform("changing people of organization \"\(organization.name)\"") {
      try connection.transaction { try RunSequence.changePeople(SQLiteRunSteps(store: self), organization: organization, run: run, decide: decide) }
    }
  }
}
