import ProxySyncCore

extension Store {
  /// Writes changes by hand, each only to a person still as it was decided, with its audit row.
  /// In-process, a statement per change costs no round trip; each is compiled once.
  func write(_ changes: [PersonChange], run: RunID, organization: Organization, at now: String) throws {
    let statements = StatementCache(connection)
    if let marked = PersonChanges.markedActiveInBulk(changes) {
      return try markActive(marked, run: run, organization: organization, at: now, statements: statements)
    }
    for change in changes { try write(change, run: run, organization: organization, at: now, statements: statements) }
  }

  /// People marked active (`--all-pending`: a million at once) `markedPerStatement` at a time.
  /// The people are written in id order, the table's: in the order decided (by email) every
  /// statement touched pages all over the table, and a million took 23 s, against 13–16 s in id
  /// order. Their audit rows keep the order decided.
  private func markActive(_ ids: [PersonID], run: RunID, organization: Organization, at now: String, statements: StatementCache) throws {
    let org = SQLValue.integer(organization.id.rawValue)
    for chunk in Self.chunks(of: ids.sorted { $0.rawValue < $1.rawValue }) {
      // ?1 the time, ?2 the organization, then the people.
      let update = try statements(
        "UPDATE person SET status = 'active', updated_at = ?1 WHERE org_id = ?2 AND status = 'pending' AND id IN ("
          + (0..<chunk.count).map { "?\(3 + $0)" }.joined(separator: ", ") + ")")
      guard try update.execute([.text(now), org] + chunk.map { .integer($0.rawValue) }) == chunk.count else {
        throw RelinkVerdict.personChanged
      }
    }
    let (before, after) = PersonChange.markActive(ids[0]).audit  // the same for everyone
    for chunk in Self.chunks(of: ids) {
      // ?1 the run, ?2 the organization, ?3 the operation, ?4 and ?5 before and after, then the people.
      let audit = try statements(
        "INSERT INTO audit (run_id, org_id, operation, person_id, before, after) VALUES "
          + (0..<chunk.count).map { "(?1, ?2, ?3, ?\(6 + $0), ?4, ?5)" }.joined(separator: ", "))
      try audit.execute(
        [.text(run.rawValue), org, .text(PersonChange.markActiveOperation), .text(before), .text(after)] + chunk.map { .integer($0.rawValue) })
    }
  }

  private static func chunks(of ids: [PersonID]) -> [ArraySlice<PersonID>] {
    stride(from: 0, to: ids.count, by: markedPerStatement).map { ids[$0..<min($0 + markedPerStatement, ids.count)] }
  }

  /// People one statement marks, and audit rows one statement writes.
  static let markedPerStatement = 500

  /// Writes one change by hand, only to a person still as it was decided, with its audit row.
  private func write(_ change: PersonChange, run: RunID, organization: Organization, at now: String, statements: StatementCache) throws {
    let person = try write(change, in: organization, at: now, statements: statements)
    let (before, after) = change.audit
    try statements("INSERT INTO audit (run_id, org_id, operation, person_id, before, after) VALUES (?, ?, ?, ?, ?, ?)")
      .execute([
        .text(run.rawValue), .integer(organization.id.rawValue), .text(change.operation), .integer(person.rawValue), .text(before),
        .text(after),
      ])
  }

  /// Writes one change, only to a person still as it was decided; the person's id.
  private func write(_ change: PersonChange, in organization: Organization, at now: String, statements: StatementCache) throws -> PersonID {
    let org = SQLValue.integer(organization.id.rawValue)
    func changedOne(_ count: Int, _ id: PersonID) throws -> PersonID {
      guard count == 1 else { throw RelinkVerdict.personChanged }
      return id
    }
    switch change {
    case .add(let email, let firstName, let lastName):
      try statements("""
        INSERT INTO person (org_id, email, first_name, last_name, status, role, created_at, updated_at)
        VALUES (?, ?, ?, ?, 'pending', 'member', ?, ?)
        """).execute([org, .text(email.rawValue), .text(firstName), .text(lastName), .text(now), .text(now)])
      return PersonID(connection.lastInsertRowID)
    case .markActive(let id):
      return try changedOne(
        statements("UPDATE person SET status = 'active', updated_at = ? WHERE id = ? AND org_id = ? AND status = 'pending'")
          .execute([.text(now), .integer(id.rawValue), org]), id)
    case .setRole(let id, let old, let new):
      return try changedOne(
        statements("UPDATE person SET role = ?, updated_at = ? WHERE id = ? AND org_id = ? AND role = ?")
          .execute([.text(new.rawValue), .text(now), .integer(id.rawValue), org, .text(old.rawValue)]), id)
    case .relink(let id, let old, let new):
      let taken = try statements("SELECT 1 FROM person WHERE org_id = ? AND okta_user_id = ?").query([org, .text(new.rawValue)]) { _ in true }
      guard taken.isEmpty else { throw RelinkVerdict.idTaken(new) }
      return try changedOne(
        statements("""
          UPDATE person SET okta_user_id = ?, updated_at = ?
          WHERE id = ? AND org_id = ? AND status = 'inactive' AND role = 'member' AND okta_user_id IS ?
          """).execute([.text(new.rawValue), .text(now), .integer(id.rawValue), org, .text(old?.rawValue)]), id)
    }
  }
}
