#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func applyChanges(
      to organization: Organization, run: RunStart, preloaded: PreloadedSnapshot?, progress: (Int) -> Void,
      decide: (StoreSnapshot, Organization) throws -> Plan
    ) throws(ProxySyncError) -> (Plan, RunRecord) {
      try perform("applying changes to organization \"\(organization.name)\"") {
        try connection.transaction {
          // The organization's row is locked: a second writer (outside the run lock) waits.
          let current = try readOrganization(organization.id, forUpdate: true) ?? organization
          let snapshot =
            if let preloaded, preloaded.isCurrent(at: current) { preloaded.snapshot } else { try readSnapshot(of: organization) }
          return try RunSequence.apply(
            PostgresRunSteps(store: self), organization: organization, current: current, run: run, decide: { try decide(snapshot, $0) }
          ) { plan in
            var applier = PostgresApplier(connection: connection, organization: organization, run: run.id, now: timestamp(), snapshot: snapshot)
            try PostgresBulkIndexes.deferred(connection, operations: plan.operations.count) { try applier.apply(plan, progress: progress) }
          }
        }
      }
    }
  }
#endif
