import ProxySyncCore

/// People a plan creates, waiting to be written together with their audit rows.
///
/// A bulk import creates a million people; a statement per person (and one per audit row) cost
/// more than the rows. Their ids are given by the applier, so a batch needs no read-back.
struct NewPeople {
  /// People per statement.
  static let statementSize = 50
  var rows: [(id: PersonID, user: OktaUser)] = []

  var isFull: Bool { rows.count == Self.statementSize }
}

/// The statements that insert `rows` people and their audit rows at once.
struct NewPeopleStatements {
  /// Values bound per person after the two shared ones (organization, time).
  static let columns = 9
  let people, audit: Statement

  init(_ c: Connection, rows: Int) throws {
    let places = (0..<rows).map { row in (0..<Self.columns).map { "?\(3 + row * Self.columns + $0)" } }
    people = try c.prepare("""
      INSERT INTO person (id, org_id, okta_user_id, email, first_name, last_name, mobile_phone, title, department,
        employee_number, status, role, created_at, updated_at) VALUES
      """ + places.map { p in "(\(p[0]), ?1, \(p[1...].joined(separator: ", ")), 'pending', 'member', ?2, ?2)" }.joined(separator: ", "))
    // ?1 the run, ?2 the organization, then (person, after) per row.
    audit = try c.prepare(
      "INSERT INTO audit (run_id, org_id, operation, person_id, after) VALUES "
        + (0..<rows).map { "(?1, ?2, 'createUser', ?\(3 + 2 * $0), ?\(4 + 2 * $0))" }.joined(separator: ", "))
  }
}

extension PlanApplier {
  /// Writes the waiting people, a full batch in one statement each, and empties the batch.
  func write(_ batch: inout NewPeople, full: NewPeopleStatements, single: NewPeopleStatements) throws {
    guard !batch.rows.isEmpty else { return }
    defer { batch.rows.removeAll(keepingCapacity: true) }
    let chunks = batch.isFull ? [batch.rows[...]] : batch.rows.indices.map { batch.rows[$0...$0] }
    for chunk in chunks {
      let statements = batch.isFull ? full : single
      var people: [SQLValue] = [org, .text(now)]
      var audit: [SQLValue] = [.text(run.rawValue), org]
      for (id, user) in chunk {
        let p = user.profile
        people += [
          .integer(id.rawValue), .text(user.id.rawValue), .text(p.email.rawValue), .text(p.firstName), .text(p.lastName),
          .text(p.mobilePhone), .text(p.title), .text(p.department), .text(p.employeeNumber),
        ]
        var after = AuditJSON()
        after.add("userId", user.id.rawValue)
        for field in Profile.Field.allCases { after.add(field.rawValue, p[field]) }
        after.add("status", PersonStatus.pending.rawValue)
        after.add("role", Role.member.rawValue)
        audit += [.integer(id.rawValue), .text(after.rendered)]
      }
      try expect(chunk.count, try statements.people.execute(people), "new people from \(chunk.first?.user.profile.email.rawValue ?? "")")
      try statements.audit.execute(audit)
    }
  }
}
