import ProxySyncCore

/// Writes one plan's operations with their audit rows. Statements are prepared once per plan.
struct PlanApplier {
  let connection: Connection
  private let organization: Organization
  let run: RunID
  let now: String
  private var groupIDs: [OktaGroupID: GroupID] = [:]
  /// The rows of the people this plan creates, so the memberships naming them find them.
  var created = CreatedPeople()
  /// The id the next person created gets: ids are given here so people can be written in batches.
  var nextPersonID: Int64
  /// The last group looked up: membership operations come group by group.
  private var lastGroup: (OktaGroupID, GroupID)?
  private let audit, auditListed: Statement

  init(store: Store, organization: Organization, run: RunID, snapshot: StoreSnapshot) throws {
    connection = store.connection
    self.organization = organization
    self.run = run
    now = store.timestamp()
    for group in snapshot.groups { if let id = group.oktaGroupID { groupIDs[id] = group.id } }
    // Inside the write transaction, so nobody else can take these ids before we do.
    nextPersonID = try connection.prepare("SELECT coalesce(max(id), 0) + 1 FROM person").query { $0.integer(0) }.first ?? 1
    audit = try connection.prepare(
      "INSERT INTO audit (run_id, org_id, operation, person_id, group_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)")
    auditListed = try connection.prepare("INSERT INTO audit (run_id, org_id, operation, group_id, people) VALUES (?, ?, ?, ?, ?)")
  }

  var org: SQLValue { .integer(organization.id.rawValue) }

  mutating func apply(_ plan: Plan, progress: (Int) -> Void) throws {
    let operations = plan.operations
    try vacateChangingEmails(operations.leading)
    let statements = try ApplyStatements(connection)
    let leading = operations.leading
    let creates = operations.range(of: .createUser)
    try number(leading[creates])
    // Whom the memberships name is found on the other core while the people are written.
    let (memberships, created) = (operations.memberships, created)
    let members = BackgroundWork { Result { () throws(ProxySyncError) in try created.ids(of: memberships) } }
    for (index, operation) in leading.enumerated() {
      guard !creates.contains(index) else {
        if index == creates.lowerBound { try create(leading[creates]) { progress(index + $0) } }
        continue
      }
      try apply(operation, statements)
      if index % 1_000 == 999 { progress(index + 1) }
    }
    try apply(operations.memberships, statements, people: members.wait().get(), done: operations.leading.count, progress: progress)
    for operation in operations.trailing { try apply(operation, statements) }
    progress(operations.count)
  }

  /// Email changes go through a placeholder first, so a swap never trips the unique index.
  private func vacateChangingEmails(_ operations: [Operation]) throws {
    let vacate = try connection.prepare("UPDATE person SET email = ? WHERE id = ? AND org_id = ?")
    for case .updateUser(let person, let changes) in operations where changes.contains(where: { $0.field == .email }) {
      let id = try personID(person)
      try expectOne(vacate.execute([.text("\u{1}moving-\(id.rawValue)"), .integer(id.rawValue), org]), person.email.rawValue)
    }
  }

  private mutating func apply(_ operation: Operation, _ s: ApplyStatements) throws {
    switch operation {
    case .createGroup(let group):
      try s.insertGroup.execute([org, .text(group.id.rawValue), .text(group.name), .text(group.description), .text(now), .text(now)])
      let id = GroupID(connection.lastInsertRowID)
      groupIDs[group.id] = id
      try record(operation, group: id)
    case .renameGroup(let ref, _, let newName, let description):
      let id = try groupID(ref)
      // The audit names what changed: the name, and the description only when it changed too.
      if let description {
        try expectOne(s.updateGroup.execute([.text(newName), .text(description.new), .text(now), .integer(id.rawValue), org]), ref.name)
      } else {
        try expectOne(s.renameGroup.execute([.text(newName), .text(now), .integer(id.rawValue), org]), ref.name)
      }
      try record(operation, group: id)
    case .updateGroup(let ref, let description):
      let id = try groupID(ref)
      try expectOne(s.updateGroup.execute([.text(ref.name), .text(description.new), .text(now), .integer(id.rawValue), org]), ref.name)
      try record(operation, group: id)
    case .linkUser(let person, let userID):
      let id = try personID(person)
      try expectOne(s.link.execute([.text(userID.rawValue), .text(now), .integer(id.rawValue), org]), person.email.rawValue)
      try record(operation, person: id)
    case .updateUser(let person, let changes):
      let id = try personID(person)
      var values: [SQLValue] = []
      for field in Profile.Field.allCases {
        let change = changes.first { $0.field == field }
        values += [.integer(change == nil ? 0 : 1), .text(change?.new)]
      }
      try expectOne(s.updatePerson.execute(values + [.text(now), .integer(id.rawValue), org]), person.email.rawValue)
      try record(operation, person: id)
    case .reactivateUser(let person):
      let id = try personID(person)
      try expectOne(s.reactivate.execute([.text(now), .integer(id.rawValue), org]), person.email.rawValue)
      try record(operation, person: id)
    case .deactivateUser(let person, _):
      let id = try personID(person)
      try expectOne(s.deactivate.execute([.text(now), .text(now), .integer(id.rawValue), org]), person.email.rawValue)
      try record(operation, person: id)
    case .addMember, .removeMember, .createUser:
      // Written in batches by `apply(_:progress:)`; memberships are not in the list of operations.
      throw ProxySyncError.failure("internal error: a batched operation reached the single-operation path")
    }
  }

  private func personID(_ person: UserRef) throws -> PersonID { try created.id(of: person) }

  mutating func groupID(_ group: GroupRef) throws -> GroupID {
    if let (oktaID, id) = lastGroup, oktaID == group.groupID { return id }
    if let id = groupIDs[group.groupID] {
      lastGroup = (group.groupID, id)
      return id
    }
    throw ProxySyncError.failure("internal error: plan names group \(group.groupID) which is neither stored nor created")
  }

  /// Every write must hit exactly one row; anything else means the data moved under the plan.
  private func expectOne(_ changed: Int, _ subject: String) throws { try expect(1, changed, subject) }

  /// Every write must hit exactly the rows it names; anything else means the data moved under the plan.
  func expect(_ rows: Int, _ changed: Int, _ subject: String) throws {
    guard changed == rows else {
      throw RunSequence.changedWhileApplying(subject)
    }
  }

  /// The operation's audit row, saying what `AuditValues` says of it.
  private func record(_ operation: Operation, person: PersonID? = nil, group: GroupID? = nil) throws {
    let (before, after) = AuditValues.of(operation)
    try record(operation.kind, person: person, group: group, before: before, after: after)
  }

  func record(_ kind: OperationKind, person: PersonID? = nil, group: GroupID? = nil, before: String? = nil, after: String? = nil) throws {
    try audit.execute([
      .text(run.rawValue), org, .text(kind.rawValue), person.map { .integer($0.rawValue) } ?? .null,
      group.map { .integer($0.rawValue) } ?? .null, .text(before), .text(after),
    ])
  }

  /// One audit row for a membership change made to many people of one group at once.
  func recordListed(_ kind: OperationKind, group: GroupID, people: String) throws {
    try auditListed.execute([.text(run.rawValue), org, .text(kind.rawValue), .integer(group.rawValue), .text(people)])
  }
}
