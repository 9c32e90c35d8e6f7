#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func loadPeople(of organization: Organization, status: PersonStatus?, search: String?) throws(ProxySyncError) -> [Person] {
      var sql = "SELECT \(Self.personColumns) FROM person WHERE org_id = $1"
      var values: [String?] = [String(organization.id.rawValue)]
      if let status {
        values.append(status.rawValue)
        sql += " AND status = $\(values.count)"
      }
      if let search, !search.isEmpty {
        values.append(search.lowercased())
        let p = "$\(values.count)"
        // strpos on lower(): the search text is a filter for a person reading a list, not a key.
        sql += " AND (strpos(lower(email), \(p)) > 0 OR strpos(lower(coalesce(first_name, '')), \(p)) > 0"
        sql += " OR strpos(lower(coalesce(last_name, '')), \(p)) > 0 OR strpos(lower(coalesce(okta_user_id, '')), \(p)) > 0)"
      }
      sql += " ORDER BY email COLLATE \"C\""
      let query = sql
      return try perform("listing people") {
        let result = try connection.query(query, values)
        return try result.rows { try Self.person(result, $0) }
      }
    }

    package func addPerson(to organization: Organization, email: EmailAddress, firstName: String?, lastName: String?) throws(ProxySyncError) -> Person {
      try perform("adding \(email)") {
        try connection.transaction {
          let org = String(organization.id.rawValue)
          let now = timestamp()
          let result = try connection.query("""
            INSERT INTO person (org_id, email, first_name, last_name, status, role, created_at, updated_at)
            SELECT $1, $2, $3, $4, 'pending', 'member', $5, $5
            WHERE NOT EXISTS (SELECT 1 FROM person WHERE org_id = $1 AND email = $2) RETURNING id
            """, [org, email.rawValue, firstName, lastName, now])
          guard result.rowCount == 1 else { throw ProxySyncError.failure("\(email) is already in organization \"\(organization.name)\"") }
          try bumpRevision(of: organization)
          return Person(
            id: PersonID(result.integer(0, 0)), oktaUserID: nil, profile: Profile(email: email, firstName: firstName, lastName: lastName),
            status: .pending)
        }
      }
    }

    package func markActive(in organization: Organization, emails: [EmailAddress]?) throws(ProxySyncError) -> Int {
      try perform("marking people active") {
        try connection.transaction {
          let org = String(organization.id.rawValue)
          let now = timestamp()
          var changed = 0
          if let emails {
            for email in emails {
              let result = try connection.query(
                "UPDATE person SET status = 'active', updated_at = $1 WHERE org_id = $2 AND email = $3 AND status = 'pending'",
                [now, org, email.rawValue])
              guard result.changed == 1 else {
                throw ProxySyncError.failure("\(email) is not a pending person in organization \"\(organization.name)\"")
              }
              changed += 1
            }
          } else {
            changed = try connection.query(
              "UPDATE person SET status = 'active', updated_at = $1 WHERE org_id = $2 AND status = 'pending'", [now, org]
            ).changed
          }
          if changed > 0 { try bumpRevision(of: organization) }
          return changed
        }
      }
    }

    package func setRole(in organization: Organization, email: EmailAddress, role: Role) throws(ProxySyncError) {
      try perform("setting the role of \(email)") {
        try connection.transaction {
          let result = try connection.query(
            "UPDATE person SET role = $1, updated_at = $2 WHERE org_id = $3 AND email = $4",
            [role.rawValue, timestamp(), String(organization.id.rawValue), email.rawValue])
          guard result.changed == 1 else { throw ProxySyncError.failure("\(email) is not in organization \"\(organization.name)\"") }
          try bumpRevision(of: organization)
        }
      }
    }

    package func loadGroupSummaries(of organization: Organization) throws(ProxySyncError) -> [GroupSummary] {
      try perform("listing groups") {
        let result = try connection.query("""
          SELECT g.id, g.okta_group_id, g.name, g.description, count(m.person_id)
          FROM user_group g LEFT JOIN membership m ON m.org_id = g.org_id AND m.group_id = g.id
          WHERE g.org_id = $1 GROUP BY g.org_id, g.id ORDER BY g.name COLLATE "C", g.id
          """, [String(organization.id.rawValue)])
        return result.rows { GroupSummary(group: Self.group(result, $0), memberCount: Int(result.integer($0, 4))) }
      }
    }

    static let personColumns =
      "id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number, status, role"

    static func person(_ result: PGResult, _ row: Int) throws -> Person {
      guard let emailText = result.text(row, 2), !emailText.isEmpty, let status = PersonStatus(rawValue: result.text(row, 9) ?? ""),
        let role = Role(rawValue: result.text(row, 10) ?? "")
      else {
        throw ProxySyncError.failure("person row \(result.integer(row, 0)) in the store is damaged (email, status or role)")
      }
      let profile = Profile(
        email: EmailAddress(stored: emailText), firstName: result.text(row, 3), lastName: result.text(row, 4),
        mobilePhone: result.text(row, 5), title: result.text(row, 6), department: result.text(row, 7),
        employeeNumber: result.text(row, 8))
      return Person(
        id: PersonID(result.integer(row, 0)), oktaUserID: result.text(row, 1).map(OktaUserID.init), profile: profile, status: status,
        role: role)
    }

    static func group(_ result: PGResult, _ row: Int) -> StoredGroup {
      StoredGroup(
        id: GroupID(result.integer(row, 0)), oktaGroupID: result.text(row, 1).map(OktaGroupID.init), name: result.text(row, 2) ?? "",
        description: result.text(row, 3))
    }
  }
#endif

#if PostgreSQL
  extension PostgresStore {
    package func relink(
      _ person: PersonID, from old: OktaUserID?, to new: OktaUserID, in organization: Organization, run: RunStart
    ) throws(ProxySyncError) -> RunRecord {
      try perform("relinking person \(person.rawValue)") {
        try connection.transaction {
          let (org, now) = (String(organization.id.rawValue), timestamp())
          guard try connection.query("SELECT 1 FROM person WHERE org_id = $1 AND okta_user_id = $2", [org, new.rawValue]).rowCount == 0 else {
            throw RelinkVerdict.idTaken(new)
          }
          let changed = try connection.query("""
            UPDATE person SET okta_user_id = $1, updated_at = $2
            WHERE org_id = $3 AND id = $4 AND status = 'inactive' AND role = 'member' AND okta_user_id IS NOT DISTINCT FROM $5
            """, [new.rawValue, now, org, String(person.rawValue), old?.rawValue]).changed
          guard changed == 1 else { throw RelinkVerdict.personChanged }
          try insertRun(run, organization: organization, startedAt: now, outcome: .applied)
          let (before, after) = RelinkVerdict.audit(from: old, to: new)
          try connection.query(
            "INSERT INTO audit (org_id, run_id, operation, person_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)",
            [org, run.id.rawValue, RelinkVerdict.operation, String(person.rawValue), before, after])
          try bumpRevision(of: organization)
          let record = RunRecord(
            run, organization: organization.name, startedAt: now, finishedAt: timestamp(), outcome: .applied,
            counts: [RelinkVerdict.operation: 1], message: nil)
          try finishRun(record, organization: organization)
          return record
        }
      }
    }
  }
#endif
