import ProxySyncCore

extension Store {
  /// Everything the planner needs to know about one organization, read consistently.
  package func loadSnapshot(of organization: Organization) throws(ProxySyncError) -> StoreSnapshot {
    try preloadSnapshot(of: organization).snapshot
  }

  /// Reads without its own transaction, so `sync` can read and write under one lock.
  func readSnapshot(of organization: Organization) throws -> StoreSnapshot {
    let org: [SQLValue] = [.integer(organization.id.rawValue)]
    let people = try connection.prepare(
      "SELECT \(Self.personColumns) FROM person WHERE org_id = ? ORDER BY id"
    ).query(org, Self.person)
    let groups = try connection.prepare(
      "SELECT id, okta_group_id, name, description FROM user_group WHERE org_id = ? ORDER BY id"
    ).query(org, Self.group)
    let memberships = try connection.prepare(
      "SELECT m.group_id, m.person_id FROM membership m JOIN user_group g ON g.id = m.group_id WHERE g.org_id = ? ORDER BY m.group_id, m.person_id"
    ).query(org) { StoredMembership(groupID: GroupID($0.integer(0)), personID: PersonID($0.integer(1))) }
    return StoreSnapshot(people: people, groups: groups, memberships: memberships)
  }

  static let personColumns =
    "id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number, status, role"

  /// Reads a row selected with `personColumns`.
  static func person(_ row: Row) throws -> Person {
    guard let emailText = row.text(2), !emailText.isEmpty, let status = PersonStatus(rawValue: row.text(9) ?? ""),
      let role = Role(rawValue: row.text(10) ?? "")
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
