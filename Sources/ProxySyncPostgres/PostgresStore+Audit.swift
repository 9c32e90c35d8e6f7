#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func loadAudit(of organization: Organization, person: String) throws(ProxySyncError) -> [AuditEntry] {
      let org = String(organization.id.rawValue)
      let (oktaUserID, email) = AuditRules.personLookup(person)
      let ids = try perform("finding \(person)") {
        let result = try connection.query("SELECT id FROM person WHERE org_id = $1 AND (okta_user_id = $2 OR email = $3)", [org, oktaUserID, email])
        return result.rows { result.integer($0, 0) }
      }
      guard let id = ids.first else { throw AuditRules.noPerson(person, in: organization) }
      return try entries(org: org, "(a.person_id = $2 OR a.people @> ARRAY[$2::bigint])", [String(id)], onlyPerson: id)
    }

    package func loadAudit(of organization: Organization, group: String) throws(ProxySyncError) -> [AuditEntry] {
      let org = String(organization.id.rawValue)
      let ids = try perform("finding group \(group)") {
        let result = try connection.query("SELECT id FROM user_group WHERE org_id = $1 AND okta_group_id = $2", [org, group])
        return result.rows { result.integer($0, 0) }
      }
      guard let id = ids.first else { throw AuditRules.noGroup(group, in: organization) }
      return try entries(org: org, "a.group_id = $2", [String(id)])
    }

    package func loadAudit(of run: RunID, limitPerOperation: Int?) throws(ProxySyncError) -> [AuditEntry] {
      let orgs = try perform("reading run \(run)") {
        let result = try connection.query("SELECT org_id FROM run WHERE id = $1", [run.rawValue])
        return result.rows { result.integer($0, 0) }
      }
      guard let org = orgs.first else { return [] }
      return try entries(org: String(org), "a.run_id = $2", [run.rawValue], limitPerOperation: limitPerOperation)
    }

    /// The organization's audit rows matching `condition` (its values from `$2`), oldest first.
    /// A row listing many people is one entry per person (only `onlyPerson`'s, when given), so
    /// readers never see how rows are kept.
    private func entries(
      org: String, _ condition: String, _ values: [String?], onlyPerson: Int64? = nil, limitPerOperation: Int? = nil
    ) throws(ProxySyncError) -> [AuditEntry] {
      try perform("reading the audit log") {
        let result = try connection.query("""
          SELECT a.run_id, r.started_at, r.command, a.operation, a.before, a.after,
            p.email, p.okta_user_id, g.name, g.okta_group_id
          FROM audit a JOIN run r ON r.org_id = a.org_id AND r.id = a.run_id
          CROSS JOIN LATERAL unnest(coalesce(a.people, ARRAY[a.person_id])) WITH ORDINALITY AS named(person_id, n)
          LEFT JOIN person p ON p.org_id = a.org_id AND p.id = named.person_id
          LEFT JOIN user_group g ON g.org_id = a.org_id AND g.id = a.group_id
          WHERE a.org_id = $1 AND \(condition)\(onlyPerson.map { " AND named.person_id = \($0)" } ?? "")
          ORDER BY a.id, named.n
          """, [org] + values)
        var limit = AuditRules.Limit(limitPerOperation)
        var entries: [AuditEntry] = []
        for row in 0..<result.rowCount {
          let operation = result.text(row, 3) ?? ""
          guard limit.admits(operation) else { continue }
          let group = AuditRules.groupName(result.text(row, 8), oktaID: result.text(row, 9))
          entries.append(AuditEntry(
            runID: RunID(result.text(row, 0) ?? ""), time: result.text(row, 1) ?? "", command: result.text(row, 2) ?? "",
            operation: operation, subject: AuditValues.subject(group: group, email: result.text(row, 6), oktaID: result.text(row, 7)),
            before: result.text(row, 4), after: result.text(row, 5)))
        }
        return entries
      }
    }
  }
#endif
