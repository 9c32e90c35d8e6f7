import ProxySyncCore

extension Store {
  /// The "All People" view, read through the `(org_id, email)` index: in email order with no sort.
  package func forEachPerson(
    of organization: Organization, status: PersonStatus?, search: String?, _ body: (Person) -> Void
  ) throws(ProxySyncError) {
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
    try perform("listing people") {
      try withSmallCache { try connection.prepare(query).forEach(values) { body(try Self.person($0)) } }
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
