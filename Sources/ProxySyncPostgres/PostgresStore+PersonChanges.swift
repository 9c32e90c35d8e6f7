#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func applyPersonChanges(
      in organization: Organization, run: RunStart, decide: ([Person]) throws(ProxySyncError) -> [PersonChange]
    ) throws(ProxySyncError) -> ([PersonChange], RunRecord) {
      try perform("changing people of organization \"\(organization.name)\"") {
        try connection.transaction {
          // The organization's row is locked: a sync of it (outside the run lock) waits.
          _ = try readOrganization(organization.id, forUpdate: true)
          return try RunSequence.changePeople(PostgresRunSteps(store: self), organization: organization, run: run, decide: decide)
        }
      }
    }

    /// Writes changes by hand, each only to a person still as it was decided, with their audit
    /// rows. Marking people active (`--all-pending`: a million at once) is one `UPDATE` over an
    /// array of ids and one `COPY` of audit rows, not two round trips per person.
    func write(_ changes: [PersonChange], run: RunID, organization: Organization, at now: String) throws {
      guard let marked = PersonChanges.markedActiveInBulk(changes) else {
        for change in changes { try write(change, run: run, organization: organization, at: now) }
        return
      }
      let org = String(organization.id.rawValue)
      let result = try connection.query("""
        UPDATE person SET status = 'active', updated_at = $1 FROM unnest($3::bigint[]) AS marked(id)
        WHERE person.org_id = $2 AND person.id = marked.id AND person.status = 'pending'
        """, [now, org, PGArray.integers(marked.map(\.rawValue))])
      guard result.changed == marked.count else { throw RelinkVerdict.personChanged }
      var audits = PGCopyRows()
      for (change, id) in zip(changes, marked) {
        let (before, after) = change.audit
        audits.audit(organization.id, run, change.operation, person: id, before: before, after: after)
      }
      try connection.copy(into: PGCopyRows.auditColumns, audits)
    }

    /// Writes one change by hand, only to a person still as it was decided, with its audit row.
    private func write(_ change: PersonChange, run: RunID, organization: Organization, at now: String) throws {
      let person = try write(change, in: organization, at: now)
      let (before, after) = change.audit
      try connection.query(
        "INSERT INTO audit (org_id, run_id, operation, person_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)",
        [String(organization.id.rawValue), run.rawValue, change.operation, String(person.rawValue), before, after])
    }

    /// Writes one change, only to a person still as it was decided; the person's id.
    private func write(_ change: PersonChange, in organization: Organization, at now: String) throws -> PersonID {
      let org = String(organization.id.rawValue)
      func changedOne(_ result: PGResult, _ id: PersonID) throws -> PersonID {
        guard result.changed == 1 else { throw RelinkVerdict.personChanged }
        return id
      }
      switch change {
      case .add(let email, let firstName, let lastName):
        let result = try connection.query("""
          INSERT INTO person (org_id, email, first_name, last_name, status, role, created_at, updated_at)
          VALUES ($1, $2, $3, $4, 'pending', 'member', $5, $5) RETURNING id
          """, [org, email.rawValue, firstName, lastName, now])
        return PersonID(result.integer(0, 0))
      case .markActive(let id):
        return try changedOne(
          connection.query(
            "UPDATE person SET status = 'active', updated_at = $1 WHERE org_id = $2 AND id = $3 AND status = 'pending'",
            [now, org, String(id.rawValue)]), id)
      case .setRole(let id, let old, let new):
        return try changedOne(
          connection.query(
            "UPDATE person SET role = $1, updated_at = $2 WHERE org_id = $3 AND id = $4 AND role = $5",
            [new.rawValue, now, org, String(id.rawValue), old.rawValue]), id)
      case .relink(let id, let old, let new):
        guard try connection.query("SELECT 1 FROM person WHERE org_id = $1 AND okta_user_id = $2", [org, new.rawValue]).rowCount == 0 else {
          throw RelinkVerdict.idTaken(new)
        }
        return try changedOne(
          connection.query("""
            UPDATE person SET okta_user_id = $1, updated_at = $2
            WHERE org_id = $3 AND id = $4 AND status = 'inactive' AND role = 'member' AND okta_user_id IS NOT DISTINCT FROM $5
            """, [new.rawValue, now, org, String(id.rawValue), old?.rawValue]), id)
      }
    }
  }
#endif
