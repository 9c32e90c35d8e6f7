import ProxySyncCore

extension Store {
  /// The history of one person, found by email or Okta user id, oldest first.
  /// - Throws: a failure when nobody in the organization has that email or id.
  package func loadAudit(of organization: Organization, person: String) throws(ProxySyncError) -> [AuditEntry] {
    let org = SQLValue.integer(organization.id.rawValue)
    let (oktaUserID, email) = AuditRules.personLookup(person)
    let ids = try perform("finding \(person)") {
      try connection.prepare("SELECT id FROM person WHERE org_id = ? AND (okta_user_id = ? OR email = ?)")
        .query([org, .text(oktaUserID), .text(email)]) { $0.integer(0) }
    }
    guard let id = ids.first else { throw AuditRules.noPerson(person, in: organization) }
    return try entries("a.id IN (\(Self.personAuditRows))", [org, .integer(id), .text(",\(id),")], onlyPerson: id)
  }

  /// The audit rows of run ?1: the range of ids it wrote. A test holds its query plan.
  static let runAuditRows =
    "a.id BETWEEN (SELECT first_audit_id FROM run WHERE id = ?1) AND (SELECT last_audit_id FROM run WHERE id = ?1)"

  /// The id the next audit row will get: where a run's range starts.
  func nextAuditID() throws -> Int64 {
    try connection.prepare("SELECT coalesce(max(id), 0) + 1 FROM audit").query { $0.integer(0) }.first ?? 1
  }

  /// Keeps on the run the range of audit ids it wrote, from `first` to the last written.
  func recordAuditRange(of run: RunID, from first: Int64) throws {
    try connection.prepare("UPDATE run SET first_audit_id = ?1, last_audit_id = (SELECT max(id) FROM audit) WHERE id = ?2 AND ?1 <= (SELECT max(id) FROM audit)")
      .execute([.integer(first), .text(run.rawValue)])
  }

  /// The audit rows of person ?2 in organization ?1: their own, and the rows listing many people
  /// of one group that name them (?3 is the id between commas). A test holds its query plan.
  static let personAuditRows = """
    SELECT id FROM audit WHERE person_id = ?2
    UNION ALL SELECT id FROM audit WHERE org_id = ?1 AND people IS NOT NULL AND instr(',' || people || ',', ?3) > 0
    """

  /// The history of one group, found by Okta group id, oldest first (memberships included).
  package func loadAudit(of organization: Organization, group: String) throws(ProxySyncError) -> [AuditEntry] {
    let org = SQLValue.integer(organization.id.rawValue)
    let ids = try perform("finding group \(group)") {
      try connection.prepare("SELECT id FROM user_group WHERE org_id = ? AND okta_group_id = ?")
        .query([org, .text(group)]) { $0.integer(0) }
    }
    guard let id = ids.first else { throw AuditRules.noGroup(group, in: organization) }
    return try entries("a.group_id = ?2", [org, .integer(id)])
  }

  /// Everything one run changed, in the order it was applied; with `limitPerOperation`, only
  /// the first entries of each operation (a million-person import has millions).
  package func loadAudit(of run: RunID, limitPerOperation: Int? = nil) throws(ProxySyncError) -> [AuditEntry] {
    try entries(Self.runAuditRows, [.text(run.rawValue)], scopedToOrganization: false, limitPerOperation: limitPerOperation)
  }

  /// The entries of the audit rows matching `condition`; a row listing many people becomes one
  /// entry per person (only `onlyPerson`'s, when given), so readers never see how rows are kept.
  private func entries(
    _ condition: String, _ values: [SQLValue], scopedToOrganization: Bool = true, onlyPerson: Int64? = nil,
    limitPerOperation: Int? = nil
  ) throws(ProxySyncError) -> [AuditEntry] {
    try perform("reading the audit log") {
      let person = try connection.prepare("SELECT email, okta_user_id FROM person WHERE id = ?")
      var entries: [AuditEntry] = []
      var limit = AuditRules.Limit(limitPerOperation)
      try connection.prepare("""
        SELECT a.run_id, r.started_at, r.command, a.operation, a.before, a.after,
          p.email, p.okta_user_id, g.name, g.okta_group_id, a.people
        FROM audit a JOIN run r ON r.id = a.run_id
        LEFT JOIN person p ON p.id = a.person_id LEFT JOIN user_group g ON g.id = a.group_id
        WHERE \(scopedToOrganization ? "a.org_id = ?1 AND " : "")\(condition) ORDER BY a.id
        """).forEach(values) { row in
        let group = AuditRules.groupName(row.text(8), oktaID: row.text(9))
        var entry = AuditEntry(
          runID: RunID(row.text(0) ?? ""), time: row.text(1) ?? "", command: row.text(2) ?? "", operation: row.text(3) ?? "",
          before: row.text(4), after: row.text(5))
        guard let listed = row.text(10) else {
          guard limit.admits(entry.operation) else { return }
          entry.subject = AuditValues.subject(group: group, email: row.text(6), oktaID: row.text(7))
          return entries.append(entry)
        }
        for id in (AuditListing.people(in: listed) ?? []).map(\.rawValue) where onlyPerson == nil || onlyPerson == id {
          guard limit.admits(entry.operation) else { return }
          let named = try person.query([.integer(id)]) { (email: $0.text(0), oktaID: $0.text(1)) }.first
          entry.subject = AuditValues.subject(group: group, email: named?.email, oktaID: named?.oktaID)
          entries.append(entry)
        }
      }
      return entries
    }
  }
}
