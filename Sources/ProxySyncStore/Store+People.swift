import ProxySyncCore

extension Store {
  /// The "All People" view: sorted by email, optionally filtered by status and a search text
  /// that matches email, names and Okta id (ignoring case).
  package func loadPeople(
    of organization: Organization, status: PersonStatus? = nil, search: String? = nil
  ) throws(ProxySyncError) -> [Person] {
    var sql = "SELECT \(Self.personColumns) FROM person WHERE org_id = ?"
    var values: [SQLValue] = [.integer(organization.id.rawValue)]
    if let status {
      sql += " AND status = ?"
      values.append(.text(status.rawValue))
    }
    if let search, !search.isEmpty {
      values.append(.text(search.lowercased()))
      let p = "?\(values.count)"  // one numbered parameter, used in each column test
      sql += " AND (instr(lower(email), \(p)) > 0 OR instr(lower(coalesce(first_name, '')), \(p)) > 0"
      sql += " OR instr(lower(coalesce(last_name, '')), \(p)) > 0 OR instr(lower(coalesce(okta_user_id, '')), \(p)) > 0)"
    }
    sql += " ORDER BY email"
    let query = sql
    return try perform("listing people") { try connection.prepare(query).query(values, Self.person) }
  }

  /// Invites a person by hand: pending, a member, not linked to Okta.
  package func addPerson(
    to organization: Organization, email: EmailAddress, firstName: String?, lastName: String?
  ) throws(ProxySyncError) -> Person {
    try perform("adding \(email)") {
      try connection.transaction {
        let existing = try connection.prepare("SELECT 1 FROM person WHERE org_id = ? AND email = ?")
          .query([.integer(organization.id.rawValue), .text(email.rawValue)]) { _ in true }
        guard existing.isEmpty else {
          throw ProxySyncError.failure("\(email) is already in organization \"\(organization.name)\"")
        }
        let now = timestamp()
        try connection.prepare("""
          INSERT INTO person (org_id, email, first_name, last_name, status, role, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'pending', 'member', ?, ?)
          """).execute([.integer(organization.id.rawValue), .text(email.rawValue), .text(firstName), .text(lastName), .text(now), .text(now)])
        let id = PersonID(connection.lastInsertRowID)
        try bumpRevision(of: organization)
        return Person(id: id, oktaUserID: nil, profile: Profile(email: email, firstName: firstName, lastName: lastName), status: .pending)
      }
    }
  }

  /// Marks pending people active (they accepted the invite); nil `emails` means every pending person.
  /// - Returns: how many people changed.
  /// - Throws: when a named email is not in the organization or is not pending; nothing changes then.
  package func markActive(in organization: Organization, emails: [EmailAddress]?) throws(ProxySyncError) -> Int {
    try perform("marking people active") {
      try connection.transaction {
        let org = SQLValue.integer(organization.id.rawValue)
        let now = SQLValue.text(timestamp())
        var changed = 0
        if let emails {
          let update = try connection.prepare(
            "UPDATE person SET status = 'active', updated_at = ? WHERE org_id = ? AND email = ? AND status = 'pending'")
          for email in emails {
            guard try update.execute([now, org, .text(email.rawValue)]) == 1 else {
              throw ProxySyncError.failure("\(email) is not a pending person in organization \"\(organization.name)\"")
            }
            changed += 1
          }
        } else {
          changed = try connection.prepare(
            "UPDATE person SET status = 'active', updated_at = ? WHERE org_id = ? AND status = 'pending'"
          ).execute([now, org])
        }
        if changed > 0 { try bumpRevision(of: organization) }
        return changed
      }
    }
  }

  /// Makes a person an admin or a member again. Syncs never touch admins.
  package func setRole(in organization: Organization, email: EmailAddress, role: Role) throws(ProxySyncError) {
    try perform("setting the role of \(email)") {
      try connection.transaction {
        let changed = try connection.prepare("UPDATE person SET role = ?, updated_at = ? WHERE org_id = ? AND email = ?")
          .execute([.text(role.rawValue), .text(timestamp()), .integer(organization.id.rawValue), .text(email.rawValue)])
        guard changed == 1 else { throw ProxySyncError.failure("\(email) is not in organization \"\(organization.name)\"") }
        try bumpRevision(of: organization)
      }
    }
  }

  /// Groups with their member counts, sorted by name.
  package func loadGroupSummaries(of organization: Organization) throws(ProxySyncError) -> [GroupSummary] {
    try perform("listing groups") {
      try connection.prepare("""
        SELECT g.id, g.okta_group_id, g.name, g.description, count(m.person_id)
        FROM user_group g LEFT JOIN membership m ON m.group_id = g.id
        WHERE g.org_id = ? GROUP BY g.id ORDER BY g.name, g.id
        """).query([.integer(organization.id.rawValue)]) {
        GroupSummary(group: Self.group($0), memberCount: Int($0.integer(4)))
      }
    }
  }
}

extension Store {
  package func relink(
    _ person: PersonID, from old: OktaUserID?, to new: OktaUserID, in organization: Organization, run: RunStart
  ) throws(ProxySyncError) -> RunRecord {
    try perform("relinking person \(person.rawValue)") {
      try connection.transaction {
        let now = timestamp()
        let taken = try connection.prepare("SELECT 1 FROM person WHERE org_id = ? AND okta_user_id = ?")
          .query([.integer(organization.id.rawValue), .text(new.rawValue)]) { _ in true }
        guard taken.isEmpty else { throw RelinkVerdict.idTaken(new) }
        let changed = try connection.prepare("""
          UPDATE person SET okta_user_id = ?, updated_at = ?
          WHERE id = ? AND org_id = ? AND status = 'inactive' AND role = 'member' AND okta_user_id IS ?
          """).execute([.text(new.rawValue), .text(now), .integer(person.rawValue), .integer(organization.id.rawValue), .text(old?.rawValue)])
        guard changed == 1 else { throw RelinkVerdict.personChanged }
        try insertRun(run, organization: organization, startedAt: now, outcome: .applied)
        let first = try nextAuditID()
        let (before, after) = RelinkVerdict.audit(from: old, to: new)
        try connection.prepare(
          "INSERT INTO audit (run_id, org_id, operation, person_id, before, after) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute([.text(run.id.rawValue), .integer(organization.id.rawValue), .text(RelinkVerdict.operation), .integer(person.rawValue), .text(before), .text(after)])
        try recordAuditRange(of: run.id, from: first)
        try bumpRevision(of: organization)
        let record = RunRecord(run, organization: organization.name, startedAt: now, finishedAt: timestamp(), outcome: .applied,
          counts: [RelinkVerdict.operation: 1], message: nil)
        try finishRun(record)
        return record
      }
    }
  }
}
