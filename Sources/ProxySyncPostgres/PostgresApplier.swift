#if PostgreSQL
  import ProxySyncCore

  /// Writes one plan's operations with their audit rows (what `AuditValues` says). New people
  /// and memberships go in with `COPY`, their ids reserved from the sequence first; the rest
  /// one statement each, every one required to hit exactly the rows it names.
  struct PostgresApplier {
    let connection: PGConnection
    let organization: Organization
    let run: RunID
    let now: String
    var groupIDs: [OktaGroupID: GroupID] = [:]
    var created = CreatedPeople()
    /// New groups not written yet: an import creates thousands, and a round trip each (with its
    /// audit row) cost 5.7 s of a million-person import.
    var pendingGroups: [OktaGroup] = []
    /// Updates, reactivations or deactivations not written yet, of one kind: a nightly run has
    /// thousands, and a round trip each cost seconds at a million people.
    var pendingPeople: (kind: OperationKind, changes: [(PersonID, ProxySyncCore.Operation)])?
    var org: String { String(organization.id.rawValue) }

    init(connection: PGConnection, organization: Organization, run: RunID, now: String, snapshot: StoreSnapshot) {
      self.connection = connection
      self.organization = organization
      self.run = run
      self.now = now
      for group in snapshot.groups { if let id = group.oktaGroupID { groupIDs[id] = group.id } }
    }

    /// Writes the operations in plan order: batches of one kind are written when the kind
    /// changes, so audit rows follow the plan on every backend.
    mutating func apply(_ plan: Plan, progress: (Int) -> Void) throws {
      let operations = plan.operations
      let leading = operations.leading
      let creates = operations.range(of: .createUser)
      let ids = creates.isEmpty ? [] : try reserve(creates.count, from: "person_id_seq")
      for (operation, id) in zip(leading[creates], ids) {
        guard case .createUser(let user) = operation else { throw ProxySyncError.failure("internal error: \(operation.kind) among new people") }
        created.add(user.id, id: PersonID(id))
      }
      // Whom the memberships name is found on the other core while the people are written.
      let (memberships, created) = (operations.memberships, created)
      let members = BackgroundWork { Result { () throws(ProxySyncError) in try created.ids(of: memberships) } }
      try apply(leading[..<creates.lowerBound], progress: progress)
      try create(leading[creates], ids: ids, progress: progress)
      try apply(leading[creates.upperBound...], progress: progress)
      try apply(memberships, people: members.wait().get(), done: leading.count, progress: progress)
      try apply(operations.trailing[...], done: leading.count + memberships.count, progress: progress)
      progress(operations.count)
    }

    /// Operations other than new people and memberships; `done` is how many came before the
    /// list (the positions of a slice of `leading` are already counted from its start).
    private mutating func apply(_ operations: ArraySlice<Operation>, done: Int = 0, progress: (Int) -> Void) throws {
      var lastKind: OperationKind?
      for (index, operation) in zip(operations.indices, operations) {
        if operation.kind != lastKind {
          try flushAll()
          lastKind = operation.kind
        }
        switch operation {
        case .createGroup(let group):
          pendingGroups.append(group)
          if pendingGroups.count == 10_000 { try flushGroups() }
        case .updateUser, .reactivateUser, .deactivateUser:
          if pendingPeople?.changes.count == 10_000 { try flushPeople() }
          if pendingPeople == nil { pendingPeople = (operation.kind, []) }
          let id = try personID(operation.person)
          pendingPeople?.changes.append((id, operation))
        default:
          try applyOne(operation)
        }
        if (done + index) % 1_000 == 999 { progress(done + index + 1) }
      }
      try flushAll()
    }

    mutating func flushAll() throws {
      try flushGroups()
      try flushPeople()
    }

    private mutating func applyOne(_ operation: Operation) throws {
      switch operation {
      case .renameGroup(let ref, _, let newName, let description):
        let id = try groupID(ref)
        if let description {
          try expectOne(try connection.query(
            "UPDATE user_group SET name = $1, description = $2, updated_at = $3 WHERE org_id = $4 AND id = $5",
            [newName, description.new, now, org, String(id.rawValue)]), ref.name)
        } else {
          try expectOne(try connection.query(
            "UPDATE user_group SET name = $1, updated_at = $2 WHERE org_id = $3 AND id = $4", [newName, now, org, String(id.rawValue)]), ref.name)
        }
        try audit(operation, group: id)
      case .updateGroup(let ref, let description):
        let id = try groupID(ref)
        try expectOne(try connection.query(
          "UPDATE user_group SET description = $1, updated_at = $2 WHERE org_id = $3 AND id = $4",
          [description.new, now, org, String(id.rawValue)]), ref.name)
        try audit(operation, group: id)
      case .linkUser(let person, let userID):
        let id = try personID(person)
        try expectOne(try connection.query("""
          UPDATE person SET okta_user_id = $1, updated_at = $2
          WHERE org_id = $3 AND id = $4 AND okta_user_id IS NULL AND role = 'member'
          """, [userID.rawValue, now, org, String(id.rawValue)]), person.email.rawValue)
        try audit(operation, person: id)
      case .createGroup, .createUser, .addMember, .removeMember, .updateUser, .reactivateUser, .deactivateUser:
        // New people and memberships have paths of their own; the rest are written in batches.
        throw ProxySyncError.failure("internal error: a batched operation reached the single-operation path")
      }
    }

    private func audit(_ operation: Operation, person: PersonID? = nil, group: GroupID? = nil) throws {
      let (before, after) = AuditValues.of(operation)
      try connection.query(
        "INSERT INTO audit (org_id, run_id, operation, person_id, group_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [org, run.rawValue, operation.kind.rawValue, person.map { String($0.rawValue) }, group.map { String($0.rawValue) }, before, after])
    }

    func personID(_ person: UserRef) throws -> PersonID { try created.id(of: person) }

    func groupID(_ group: GroupRef) throws -> GroupID {
      if let id = groupIDs[group.groupID] { return id }
      throw ProxySyncError.failure("internal error: plan names group \(group.groupID) which is neither stored nor created")
    }

    func expectOne(_ result: PGResult, _ subject: String) throws { try expect(1, result.changed, subject) }

    /// Every write must hit exactly the rows it names; anything else means the data moved under the plan.
    func expect(_ rows: Int, _ changed: Int, _ subject: String) throws {
      guard changed == rows else {
        throw RunSequence.changedWhileApplying(subject)
      }
    }
  }

  extension ProxySyncCore.Operation {
    /// The person an update, reactivation or deactivation changes.
    var person: UserRef {
      switch self {
      case .updateUser(let ref, _), .reactivateUser(let ref), .deactivateUser(let ref, _), .linkUser(let ref, _),
        .addMember(_, let ref), .removeMember(_, let ref):
        return ref
      case .createUser(let user): return UserRef(userID: user.id, email: user.profile.email)
      case .createGroup, .renameGroup, .updateGroup: return UserRef(userID: nil, email: EmailAddress(stored: ""))
      }
    }
  }
#endif
