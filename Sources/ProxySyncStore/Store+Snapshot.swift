import ProxySyncCore

extension Store {
  /// Everything the planner needs to know about one organization, read consistently.
  package func loadSnapshot(of organization: Organization) throws(ProxySyncError) -> StoreSnapshot {
    try preloadSnapshot(of: organization).snapshot
  }

  /// Reads without its own transaction, so `sync` can read and write under one lock.
  /// `peopleRead` hears the people and groups before the memberships are read
  /// (`ProxyStore.preloadSnapshot`).
  func readSnapshot(
    of organization: Organization, peopleRead: ((_ people: [Person], _ groups: [StoredGroup]) -> Void)? = nil
  ) throws -> StoreSnapshot {
    try withSmallCache {
      let org: [SQLValue] = [.integer(organization.id.rawValue)]
      // Counted first (from indexes, in milliseconds): the arrays are made their size once.
      func count(_ sql: String, _ values: [SQLValue]) throws -> Int {
        Int(try connection.prepare(sql).query(values) { $0.integer(0) }.first ?? 0)
      }
      let people = try connection.prepare(Self.snapshotQueries.people).query(
        org, reserving: try count("SELECT count(*) FROM person WHERE org_id = ?", org), Self.person)
      let groups = try connection.prepare(Self.snapshotQueries.groups).query(org, Self.group)
      peopleRead?(people, groups)
      // All organizations' memberships: an upper bound, and reserved pages never written cost nothing.
      let memberships = try connection.prepare(Self.snapshotQueries.memberships).query(
        org, reserving: try count("SELECT count(*) FROM membership", [])) {
        StoredMembership(groupID: GroupID($0.integer(0)), personID: PersonID($0.integer(1)))
      }
      return StoreSnapshot(people: people, groups: groups, memberships: memberships)
    }
  }

  /// The snapshot's queries; a test holds them to their plans (no sorting, no row-by-row joins).
  static let snapshotQueries = (
    people: "SELECT \(personColumns) FROM person WHERE org_id = ? ORDER BY id",
    groups: "SELECT id, okta_group_id, name, description FROM user_group WHERE org_id = ? ORDER BY id",
    // Group by group, each a range of the membership key: left to itself SQLite scans every
    // membership and looks its group up, five million searches instead of twenty thousand.
    memberships:
      "SELECT g.id, m.person_id FROM user_group g CROSS JOIN membership m ON m.group_id = g.id WHERE g.org_id = ? ORDER BY g.id, m.person_id"
  )

  static let personColumns =
    "id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number, status, role"

  /// Reads a row selected with `personColumns`.
  static func person(_ row: Row) throws -> Person {
    guard let emailText = row.text(2), !emailText.isEmpty, let status = row.withText(9, PersonStatus.init(utf8:)) ?? nil,
      let role = row.withText(10, Role.init(utf8:)) ?? nil
    else {
      throw ProxySyncError.failure("person row \(row.integer(0)) in the store is damaged (email, status or role)")
    }
    let email = EmailAddress(stored: emailText)
    let profile = Profile(
      email: email, firstName: row.text(3), lastName: row.text(4), mobilePhone: row.text(5),
      title: row.text(6), department: row.text(7), employeeNumber: row.text(8))
    return Person(
      id: PersonID(row.integer(0)), oktaUserID: row.text(1).map(OktaUserID.init), profile: profile,
      status: status, role: role)
  }

  static func group(_ row: Row) -> StoredGroup {
    StoredGroup(
      id: GroupID(row.integer(0)), oktaGroupID: row.text(1).map(OktaGroupID.init), name: row.text(2) ?? "",
      description: row.text(3))
  }
}
