import ProxySyncCore

extension Store {
  /// The history of one person, found by email or Okta user id, oldest first.
  /// - Throws: a failure when nobody in the organization has that email or id.
  package func loadAudit(of organization: Organization, person: String) throws(ProxySyncError) -> [AuditEntry] {
    let org = SQLValue.integer(organization.id.rawValue)
    let ids = try perform("finding \(person)") {
      try connection.prepare("SELECT id FROM person WHERE org_id = ? AND (okta_user_id = ? OR email = lower(?))")
        .query([org, .text(person), .text(person)]) { $0.integer(0) }
    }
    guard let id = ids.first else { throw .failure("nobody in organization \"\(organization.name)\" has the email or Okta id \"\(person)\"") }
    return try entries("a.person_id = ?", [org, .integer(id)])
  }

  /// The history of one group, found by Okta group id, oldest first (memberships included).
  package func loadAudit(of organization: Organization, group: String) throws(ProxySyncError) -> [AuditEntry] {
    let org = SQLValue.integer(organization.id.rawValue)
    let ids = try perform("finding group \(group)") {
      try connection.prepare("SELECT id FROM user_group WHERE org_id = ? AND okta_group_id = ?")
        .query([org, .text(group)]) { $0.integer(0) }
    }
    guard let id = ids.first else { throw .failure("organization \"\(organization.name)\" has no group with Okta id \"\(group)\"") }
    return try entries("a.group_id = ?", [org, .integer(id)])
  }

  /// Everything one run changed, in the order it was applied.
  package func loadAudit(of run: RunID) throws(ProxySyncError) -> [AuditEntry] {
    try entries("a.run_id = ?", [.text(run.rawValue)], scopedToOrganization: false)
  }

  private func entries(_ condition: String, _ values: [SQLValue], scopedToOrganization: Bool = true) throws(ProxySyncError) -> [AuditEntry] {
    try perform("reading the audit log") {
      try connection.prepare("""
        SELECT a.run_id, r.started_at, r.command, a.operation, a.before, a.after,
          p.email, p.okta_user_id, g.name, g.okta_group_id
        FROM audit a JOIN run r ON r.id = a.run_id
        LEFT JOIN person p ON p.id = a.person_id LEFT JOIN user_group g ON g.id = a.group_id
        WHERE \(scopedToOrganization ? "a.org_id = ? AND " : "")\(condition) ORDER BY a.id
        """).query(values) { row in
        let person = row.text(6).map { email in row.text(7).map { "\(email) (\($0))" } ?? email }
        let group = row.text(8).map { name in row.text(9).map { "\"\(name)\" (\($0))" } ?? "\"\(name)\"" }
        let subject = [group, person].compactMap { $0 }.joined(separator: " ← ")
        return AuditEntry(
          runID: RunID(row.text(0) ?? ""), time: row.text(1) ?? "", command: row.text(2) ?? "", operation: row.text(3) ?? "",
          subject: subject, before: row.text(4), after: row.text(5))
      }
    }
  }
}
