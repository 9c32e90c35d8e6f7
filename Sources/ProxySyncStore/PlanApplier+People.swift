import ProxySyncCore

/// The values of one statement's people and of their audit rows, made ready ahead of writing.
///
/// A bulk import creates a million people; a statement per person (and one per audit row) cost
/// more than the rows, and making the values (the audit JSON above all) took as long as SQLite
/// took to write them, so they are made on the other core while SQLite writes.
struct NewPeopleRows: Sendable {
  /// People per statement.
  static let statementSize = 50
  /// Values bound per person after the two shared ones (organization, time).
  static let columns = 9

  var count = 0
  var people: [SQLValue] = []
  var audit: [SQLValue] = []
  /// Names someone in the statement if the store turns out to have moved.
  var subject = ""

  /// The rows for the people `creates` (`createUser` operations) create, whose ids are given
  /// here (`first`, `first + 1`, …).
  static func make(_ creates: ArraySlice<Operation>, first: Int64, organization: SQLValue, run: SQLValue, now: SQLValue) -> [NewPeopleRows] {
    stride(from: creates.startIndex, to: creates.endIndex, by: statementSize).map { start in
      let chunk = creates[start..<min(start + statementSize, creates.endIndex)].compactMap(\.createdUser)
      var rows = NewPeopleRows(count: chunk.count, subject: chunk.first?.profile.email.rawValue ?? "")
      rows.people = [organization, now]
      rows.audit = [run, organization]
      rows.people.reserveCapacity(2 + columns * chunk.count)
      rows.audit.reserveCapacity(2 + 2 * chunk.count)
      for (offset, user) in zip((start - creates.startIndex)..., chunk) {
        let id = SQLValue.integer(first + Int64(offset))
        let p = user.profile
        rows.people += [
          id, .text(user.id.rawValue), .text(p.email.rawValue), .text(p.firstName), .text(p.lastName), .text(p.mobilePhone),
          .text(p.title), .text(p.department), .text(p.employeeNumber),
        ]
        rows.audit += [id, .text(AuditValues.created(user))]
      }
      return rows
    }
  }
}

/// The statements that insert `rows` people and their audit rows at once.
struct NewPeopleStatements {
  let people, audit: Statement

  init(_ c: Connection, rows: Int) throws {
    let columns = NewPeopleRows.columns
    let places = (0..<rows).map { row in (0..<columns).map { "?\(3 + row * columns + $0)" } }
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

extension Operation {
  /// The user a `createUser` operation creates.
  fileprivate var createdUser: OktaUser? {
    if case .createUser(let user) = self { return user }
    return nil
  }
}

extension PlanApplier {
  /// People made ready per step: while SQLite writes one step, the next is made on another thread.
  static let createStep = 5_000

  /// Gives the people the plan's `createUser` operations create (all of them, in plan order)
  /// their ids, so the operations after them can name them before they are written.
  mutating func number(_ creates: ArraySlice<Operation>) throws {
    for (offset, operation) in creates.enumerated() {
      guard let user = operation.createdUser else { throw ProxySyncError.failure("internal error: \(operation.kind) among new people") }
      created.add(user.id, id: PersonID(nextPersonID + Int64(offset)))
    }
    nextPersonID += Int64(creates.count)
  }

  /// Writes the people `number` gave ids to, with their audit rows; `progress` hears how many
  /// are written, a step at a time.
  func create(_ creates: ArraySlice<Operation>, progress: (Int) -> Void) throws {
    guard !creates.isEmpty else { return }
    let full = try NewPeopleStatements(connection, rows: NewPeopleRows.statementSize)
    let first = nextPersonID - Int64(creates.count)
    let (organization, run, now) = (org, SQLValue.text(self.run.rawValue), SQLValue.text(self.now))
    let step = Self.createStep
    try BackgroundWork.pipeline(batches: (creates.count + step - 1) / step) { batch in
      let start = batch * step
      let people = creates[(creates.startIndex + start)..<(creates.startIndex + min(start + step, creates.count))]
      return NewPeopleRows.make(people, first: first + Int64(start), organization: organization, run: run, now: now)
    } write: { batch, ready in
      for rows in ready {
        // Only the very last statement can be short; it gets statements of its own.
        let statements = rows.count == NewPeopleRows.statementSize ? full : try NewPeopleStatements(connection, rows: rows.count)
        try expect(rows.count, try statements.people.execute(rows.people), "new people from \(rows.subject)")
        try statements.audit.execute(rows.audit)
      }
      progress(min((batch + 1) * step, creates.count))
    }
  }
}
