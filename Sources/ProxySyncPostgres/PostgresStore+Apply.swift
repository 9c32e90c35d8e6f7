#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func applyChanges(
      to organization: Organization, run: RunStart, preloaded: PreloadedSnapshot?, progress: (Int) -> Void,
      decide: (StoreSnapshot, Organization) throws -> Plan
    ) throws(ProxySyncError) -> (Plan, RunRecord) {
      try perform("applying changes to organization \"\(organization.name)\"") {
        try connection.transaction {
          // The organization's row is locked: a second writer (outside the run lock) waits.
          let current = try readOrganization(organization.id, forUpdate: true) ?? organization
          let snapshot =
            if let preloaded, preloaded.revision == current.revision { preloaded.snapshot } else { try readSnapshot(of: organization) }
          let plan = try decide(snapshot, current)
          let startedAt = timestamp()
          try insertRun(run, organization: organization, startedAt: startedAt, outcome: .applied)
          if !plan.isEmpty {
            var applier = PostgresApplier(connection: connection, organization: organization, run: run.id, now: timestamp(), snapshot: snapshot)
            try PostgresBulkIndexes.deferred(connection, operations: plan.operations.count) { try applier.apply(plan, progress: progress) }
            try bumpRevision(of: organization)
          }
          if let manifest = run.manifest { try recordExport(manifest, for: organization) }
          let record = RunRecord(
            run, organization: organization.name, startedAt: startedAt, finishedAt: timestamp(),
            outcome: plan.runOutcome, counts: plan.runCounts, message: plan.runMessage)
          try finishRun(record, organization: organization)
          try recordHolding(plan.held, approving: run.approves, in: run.id, organization: organization)
          return (plan, record)
        }
      }
    }
  }

  /// Writes one plan's operations with their audit rows (what `AuditValues` says). New people
  /// and memberships go in with `COPY`, their ids reserved from the sequence first; the rest
  /// one statement each, every one required to hit exactly the rows it names.
  struct PostgresApplier {
    let connection: PGConnection
    let organization: Organization
    let run: RunID
    let now: String
    private var groupIDs: [OktaGroupID: GroupID] = [:]
    private var created: [OktaUserID: PersonID] = [:]
    private var pendingCreates: [OktaUser] = []
    /// New groups not written yet: an import creates thousands, and a round trip each (with its
    /// audit row) cost 5.7 s of a million-person import.
    private var pendingGroups: [OktaGroup] = []
    /// Membership changes not written yet, of one kind (adds come before removes in a plan).
    private var pendingMembers: (kind: OperationKind, rows: [(GroupID, PersonID)])?
    /// Updates, reactivations or deactivations not written yet, of one kind: a nightly run has
    /// thousands, and a round trip each cost seconds at a million people.
    private var pendingPeople: (kind: OperationKind, changes: [(PersonID, ProxySyncCore.Operation)])?
    private var org: String { String(organization.id.rawValue) }

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
      var lastKind: OperationKind?
      for (index, operation) in plan.operations.enumerated() {
        if operation.kind != lastKind {
          try flushAll()
          lastKind = operation.kind
        }
        switch operation {
        case .createGroup(let group):
          pendingGroups.append(group)
          if pendingGroups.count == 10_000 { try flushGroups() }
        case .createUser(let user):
          pendingCreates.append(user)
          if pendingCreates.count == 10_000 { try flushCreates() }
        case .addMember(let group, let person), .removeMember(let group, let person):
          let row = (try groupID(group), try personID(person))
          if pendingMembers?.rows.count == 100_000 { try flushMembers() }
          if pendingMembers == nil { pendingMembers = (operation.kind, []) }
          pendingMembers?.rows.append(row)
        case .updateUser, .reactivateUser, .deactivateUser:
          if pendingPeople?.changes.count == 10_000 { try flushPeople() }
          if pendingPeople == nil { pendingPeople = (operation.kind, []) }
          let id = try personID(operation.person)
          pendingPeople?.changes.append((id, operation))
        default:
          try applyOne(operation)
        }
        if index % 1_000 == 999 { progress(index + 1) }
      }
      try flushAll()
      progress(plan.operations.count)
    }

    private mutating func flushAll() throws {
      try flushGroups()
      try flushCreates()
      try flushMembers()
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
        throw ProxySyncError.failure("internal error: a batched operation reached the single-operation path")
      }
    }

    /// One kind of change to many people in one statement over arrays, each required to hit its
    /// row, with their audit rows in one `COPY`.
    private mutating func flushPeople() throws {
      guard let (kind, changes) = pendingPeople else { return }
      pendingPeople = nil
      let ids = PGArray.text(changes.map { String($0.0.rawValue) })
      let changed: Int
      switch kind {
      case .deactivateUser:
        changed = try connection.query("""
          UPDATE person SET status = 'inactive', deactivated_at = $1, updated_at = $1
          WHERE org_id = $2 AND id = ANY($3::bigint[]) AND status = 'active' AND role = 'member'
          """, [now, org, ids]).changed
      case .reactivateUser:
        changed = try connection.query("""
          UPDATE person SET status = 'active', deactivated_at = NULL, updated_at = $1
          WHERE org_id = $2 AND id = ANY($3::bigint[]) AND status = 'inactive' AND role = 'member'
          """, [now, org, ids]).changed
      default:
        // Each attribute as a (changed?, value) pair per person, so one statement serves every mix.
        var columns: [String] = []
        for field in Profile.Field.allCases {
          var flags: [String?] = []
          var values: [String?] = []
          for (_, operation) in changes {
            guard case .updateUser(_, let fieldChanges) = operation else { continue }
            let change = fieldChanges.first { $0.field == field }
            flags.append(change == nil ? "f" : "t")
            values.append(change?.new)
          }
          columns += [PGArray.text(flags), PGArray.text(values)]
        }
        changed = try connection.query("""
          UPDATE person p SET
            email = CASE WHEN u.c1 THEN u.v1 ELSE p.email END,
            first_name = CASE WHEN u.c2 THEN u.v2 ELSE p.first_name END,
            last_name = CASE WHEN u.c3 THEN u.v3 ELSE p.last_name END,
            mobile_phone = CASE WHEN u.c4 THEN u.v4 ELSE p.mobile_phone END,
            title = CASE WHEN u.c5 THEN u.v5 ELSE p.title END,
            department = CASE WHEN u.c6 THEN u.v6 ELSE p.department END,
            employee_number = CASE WHEN u.c7 THEN u.v7 ELSE p.employee_number END,
            updated_at = $1
          FROM unnest($3::bigint[], $4::boolean[], $5::text[], $6::boolean[], $7::text[], $8::boolean[], $9::text[],
            $10::boolean[], $11::text[], $12::boolean[], $13::text[], $14::boolean[], $15::text[], $16::boolean[], $17::text[])
            AS u(id, c1, v1, c2, v2, c3, v3, c4, v4, c5, v5, c6, v6, c7, v7)
          WHERE p.org_id = $2 AND p.id = ANY($3::bigint[]) AND p.id = u.id AND p.role = 'member'
          """, [now, org, ids] + columns).changed
      }
      try expect(changes.count, changed, "\(changes.count) people's \(kind.rawValue)")
      try connection.copy(
        "COPY audit (org_id, run_id, operation, person_id, group_id, before, after) FROM STDIN",
        rows: changes.map { id, operation in
          let (before, after) = AuditValues.of(operation)
          return [org, run.rawValue, kind.rawValue, String(id.rawValue), nil, before, after]
        })
    }

    /// `count` new ids from a sequence, for rows written with `COPY`.
    private func reserve(_ count: Int, from sequence: String) throws -> [Int64] {
      let result = try connection.query("SELECT nextval($1::regclass) FROM generate_series(1, $2)", [sequence, String(count)])
      return result.rows { result.integer($0, 0) }
    }

    /// New groups in one `COPY`, ids reserved from the sequence first, with their audit rows.
    private mutating func flushGroups() throws {
      guard !pendingGroups.isEmpty else { return }
      let groups = pendingGroups
      pendingGroups = []
      let ids = try reserve(groups.count, from: "group_id_seq")
      var rows: [[String?]] = []
      var audits: [[String?]] = []
      for (row, group) in groups.enumerated() {
        let id = GroupID(ids[row])
        groupIDs[group.id] = id
        rows.append([org, String(id.rawValue), group.id.rawValue, group.name, group.description, now, now])
        let (before, after) = AuditValues.of(.createGroup(group))
        audits.append([org, run.rawValue, OperationKind.createGroup.rawValue, nil, String(id.rawValue), before, after])
      }
      try connection.copy("COPY user_group (org_id, id, okta_group_id, name, description, created_at, updated_at) FROM STDIN", rows: rows)
      try connection.copy("COPY audit (org_id, run_id, operation, person_id, group_id, before, after) FROM STDIN", rows: audits)
    }

    /// New people in one `COPY`, ids reserved from the sequence first, with their audit rows.
    private mutating func flushCreates() throws {
      guard !pendingCreates.isEmpty else { return }
      let users = pendingCreates
      pendingCreates = []
      let ids = try reserve(users.count, from: "person_id_seq")
      var people: [[String?]] = []
      var audits: [[String?]] = []
      people.reserveCapacity(users.count)
      for (row, user) in users.enumerated() {
        let id = PersonID(ids[row])
        created[user.id] = id
        let p = user.profile
        people.append([
          org, String(id.rawValue), user.id.rawValue, p.email.rawValue, p.firstName, p.lastName, p.mobilePhone, p.title, p.department,
          p.employeeNumber, PersonStatus.pending.rawValue, Role.member.rawValue, now, now,
        ])
        audits.append([org, run.rawValue, OperationKind.createUser.rawValue, String(id.rawValue), nil, nil, AuditValues.created(user)])
      }
      try connection.copy("""
        COPY person (org_id, id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
          status, role, created_at, updated_at) FROM STDIN
        """, rows: people)
      try connection.copy("COPY audit (org_id, run_id, operation, person_id, group_id, before, after) FROM STDIN", rows: audits)
    }

    /// Added (by `COPY`) or removed memberships of many groups at once, with an audit row each:
    /// a round trip per group cost more than the rows (14 s of a 100k import).
    private mutating func flushMembers() throws {
      guard let (kind, rows) = pendingMembers else { return }
      pendingMembers = nil
      if kind == .addMember {
        try connection.copy(
          "COPY membership (org_id, group_id, person_id) FROM STDIN", rows: rows.map { [org, String($0.0.rawValue), String($0.1.rawValue)] })
      } else {
        let groups = "{" + rows.map { String($0.0.rawValue) }.joined(separator: ",") + "}"
        let people = "{" + rows.map { String($0.1.rawValue) }.joined(separator: ",") + "}"
        let removed = try connection.query("""
          DELETE FROM membership m USING unnest($2::bigint[], $3::bigint[]) AS gone(group_id, person_id)
          WHERE m.org_id = $1 AND m.group_id = ANY($2::bigint[]) AND m.group_id = gone.group_id AND m.person_id = gone.person_id
          """, [org, groups, people])
        try expect(rows.count, removed.changed, "memberships")
      }
      // Kept as `AuditRules` says: a row each, or rows listing them (readers expand them).
      var perGroup: [GroupID: [PersonID]] = [:]
      var order: [GroupID] = []
      for (group, person) in rows {
        if perGroup[group] == nil { order.append(group) }
        perGroup[group, default: []].append(person)
      }
      var audits: [[String?]] = []
      for group in order {
        let people = perGroup[group] ?? []
        if let listings = AuditRules.listings(people) {
          for listed in listings {
            let list = "{" + listed.map { String($0.rawValue) }.joined(separator: ",") + "}"
            audits.append([org, run.rawValue, kind.rawValue, nil, String(group.rawValue), nil, nil, list])
          }
        } else {
          audits += people.map { [org, run.rawValue, kind.rawValue, String($0.rawValue), String(group.rawValue), nil, nil, nil] }
        }
      }
      try connection.copy("COPY audit (org_id, run_id, operation, person_id, group_id, before, after, people) FROM STDIN", rows: audits)
    }

    private func audit(_ operation: Operation, person: PersonID? = nil, group: GroupID? = nil) throws {
      let (before, after) = AuditValues.of(operation)
      try connection.query(
        "INSERT INTO audit (org_id, run_id, operation, person_id, group_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [org, run.rawValue, operation.kind.rawValue, person.map { String($0.rawValue) }, group.map { String($0.rawValue) }, before, after])
    }

    private func personID(_ person: UserRef) throws -> PersonID {
      if let id = person.personID ?? person.userID.flatMap({ created[$0] }) { return id }
      throw ProxySyncError.failure("internal error: plan names person \(person.email) who is neither stored nor created")
    }

    private func groupID(_ group: GroupRef) throws -> GroupID {
      if let id = groupIDs[group.groupID] { return id }
      throw ProxySyncError.failure("internal error: plan names group \(group.groupID) which is neither stored nor created")
    }

    private func expectOne(_ result: PGResult, _ subject: String) throws { try expect(1, result.changed, subject) }

    /// Every write must hit exactly the rows it names; anything else means the data moved under the plan.
    private func expect(_ rows: Int, _ changed: Int, _ subject: String) throws {
      guard changed == rows else {
        throw ProxySyncError(.stalePlan, "the store changed while applying (\(subject.escapingControlCharacters())); nothing was written, plan again")
      }
    }
  }
#endif

#if PostgreSQL
  /// PostgreSQL array literals for parameters (`{"a","b",NULL}`): every element quoted, so no
  /// value can end the array or add an element.
  enum PGArray {
    static func text(_ values: [String?]) -> String {
      "{" + values.map { value in
        guard let value else { return "NULL" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
      }.joined(separator: ",") + "}"
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
