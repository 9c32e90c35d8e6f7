#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    /// The "All People" view through a cursor, a batch of rows at a time: libpq would otherwise
    /// hold the whole result in memory.
    package func forEachPerson(
      of organization: Organization, status: PersonStatus?, search: String?, _ body: (Person) -> Void
    ) throws(ProxySyncError) {
      let (query, values) = Self.peopleListing(of: organization, status: status, search: search)
      try perform("listing people") {
        try connection.forEachRow(query, values) { result, row in body(try Self.person(PGRow(result: result, index: row))) }
      }
    }

    /// The listing's query, in email order: the order of the email index (`COLLATE "C"`, as the
    /// column is), so rows stream from it without sorting the organization first.
    static func peopleListing(of organization: Organization, status: PersonStatus?, search: String?) -> (String, [String?]) {
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
      return (sql + " ORDER BY email COLLATE \"C\"", values)
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
    static let personColumnCount = personColumns.split(separator: ",").count

    /// Reads a row selected with `personColumns`.
    static func person(_ row: some PGRowValues) throws -> Person {
      guard let emailText = row.text(2), !emailText.isEmpty, let status = row.withText(9, PersonStatus.init(utf8:)) ?? nil,
        let role = row.withText(10, Role.init(utf8:)) ?? nil
      else {
        throw ProxySyncError.failure("person row \(row.integer(0)) in the store is damaged (email, status or role)")
      }
      let profile = Profile(
        email: EmailAddress(stored: emailText), firstName: row.text(3), lastName: row.text(4), mobilePhone: row.text(5),
        title: row.text(6), department: row.text(7), employeeNumber: row.text(8))
      return Person(
        id: PersonID(row.integer(0)), oktaUserID: row.text(1).map(OktaUserID.init), profile: profile, status: status, role: role)
    }

    static func group(_ result: PGResult, _ row: Int) -> StoredGroup {
      StoredGroup(
        id: GroupID(result.integer(row, 0)), oktaGroupID: result.text(row, 1).map(OktaGroupID.init), name: result.text(row, 2) ?? "",
        description: result.text(row, 3))
    }
  }
#endif
