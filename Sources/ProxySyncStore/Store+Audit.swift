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

  private func entries(_ condition: String, _ values: [SQLValue]) throws(ProxySyncError) -> [AuditEntry] {
    try perform("reading the audit log") {
      try connection.prepare("""
        SELECT a.run_id, r.started_at, r.command, a.operation, a.before, a.after
        FROM audit a JOIN run r ON r.id = a.run_id
        WHERE a.org_id = ? AND \(condition) ORDER BY a.id
        """).query(values) {
        AuditEntry(
          runID: RunID($0.text(0) ?? ""), time: $0.text(1) ?? "", command: $0.text(2) ?? "", operation: $0.text(3) ?? "",
          before: $0.text(4), after: $0.text(5))
      }
    }
  }
}
