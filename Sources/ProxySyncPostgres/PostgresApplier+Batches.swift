#if PostgreSQL
  import ProxySyncCore

  /// The applier's batches: new groups, new people, memberships and changes to people, each
  /// written in one or a few statements, with their audit rows.
  extension PostgresApplier {
    mutating func flushPeople() throws {
      guard let (kind, changes) = pendingPeople else { return }
      pendingPeople = nil
      let ids = PGArray.integers(changes.map(\.0.rawValue))
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
      var audits = PGCopyRows()
      for (id, operation) in changes {
        let (before, after) = AuditValues.of(operation)
        audits.audit(organization.id, run, kind, person: id, before: before, after: after)
      }
      try connection.copy(into: PGCopyRows.auditColumns, audits)
    }

    /// `count` new ids from a sequence, for rows written with `COPY`.
    func reserve(_ count: Int, from sequence: String) throws -> [Int64] {
      let result = try connection.query("SELECT nextval($1::regclass) FROM generate_series(1, $2)", [sequence, String(count)])
      return result.rows { result.integer($0, 0) }
    }

    /// New groups in one `COPY`, with their audit rows.
    mutating func flushGroups() throws {
      guard !pendingGroups.isEmpty else { return }
      let groups = pendingGroups
      pendingGroups = []
      let ids = try reserve(groups.count, from: "group_id_seq")
      var rows = PGCopyRows()
      var audits = PGCopyRows()
      for (group, id) in zip(groups, ids) {
        rows.add(organization.id.rawValue)
        rows.add(id)
        rows.add(group.id.rawValue)
        rows.add(group.name)
        rows.add(group.description)
        rows.add(now)
        rows.add(now)
        rows.endRow()
        let (before, after) = AuditValues.of(.createGroup(group))
        audits.audit(organization.id, run, .createGroup, group: GroupID(id), before: before, after: after)
        groupIDs[group.id] = GroupID(id)
      }
      try connection.copy(into: "user_group (org_id, id, okta_group_id, name, description, created_at, updated_at)", rows)
      try connection.copy(into: PGCopyRows.auditColumns, audits)
    }

    /// People created per `COPY`: another thread makes the next batch's rows while these are
    /// sent and stored.
    static let createsPerBatch = 20_000

    /// Writes the people the plan's `createUser` operations create, under the ids reserved
    /// for them (`ids`, in order), with their audit rows; `progress` hears a batch at a time.
    func create(_ creates: ArraySlice<Operation>, ids: [Int64], progress: (Int) -> Void) throws {
      let (organization, run, now, step) = (organization.id, run, now, Self.createsPerBatch)
      try BackgroundWork.pipeline(batches: (creates.count + step - 1) / step) { batch in
        let (start, end) = (batch * step, min((batch + 1) * step, creates.count))
        let people = creates[(creates.startIndex + start)..<(creates.startIndex + end)]
        return NewPeopleCopy.rows(people, ids: ids[start..<end], organization: organization, run: run, now: now)
      } write: { batch, ready in
        try connection.copy(into: NewPeopleCopy.people, ready.people)
        try connection.copy(into: PGCopyRows.auditColumns, ready.audits)
        progress(creates.startIndex + min((batch + 1) * step, creates.count))
      }
    }

    /// Pairs removed by one `DELETE`: few enough that PostgreSQL looks each one up by the primary
    /// key. Given 50,000 at once (or a filter on their groups) it read and hashed all five million
    /// memberships of a million-person store instead: 1.1 s against 0.05 s.
    static let removalsPerStatement = 10_000
    /// Memberships added or removed per batch (a group's changes are never split).
    static let membershipsPerBatch = 100_000

    /// The plan's membership changes, a group's changes of one kind at a time, in batches of
    /// many groups (a round trip per group cost more than the rows: 14 s of a 100k import),
    /// each batch's rows made on another thread while the one before is sent and stored.
    mutating func apply(_ changes: MembershipChanges, people: [PersonID], done: Int, progress: (Int) -> Void) throws {
      // Only the groups the changes name are looked up (held removals keep theirs in the table).
      var groups = [GroupID](repeating: GroupID(0), count: changes.groups.count)
      let runs = changes.groupRuns
      // Consecutive runs of one kind, closed once they hold a batch's worth.
      var batches: [Range<Int>] = []
      var (start, count) = (0, 0)
      for (index, run) in runs.enumerated() {
        groups[Int(run.group)] = try groupID(changes.groups[Int(run.group)])
        if index > start, run.kind != runs[start].kind || count >= Self.membershipsPerBatch {
          batches.append(start..<index)
          (start, count) = (index, 0)
        }
        count += run.changes.count
      }
      if start < runs.count { batches.append(start..<runs.count) }

      let (organization, runID, groupRows, batchRuns) = (organization.id, run, groups, batches)
      var done = done
      try BackgroundWork.pipeline(batches: batches.count) { index in
        var batch = MembershipBatch(kind: runs[batchRuns[index].lowerBound].kind)
        for groupRun in runs[batchRuns[index]] {
          batch.add(groupRows[Int(groupRun.group)], groupRun.changes.map { people[Int($0.person)] }, organization: organization, run: runID)
        }
        return batch
      } write: { _, batch in
        try write(batch)
        done += batch.count
        progress(done)
      }
    }

    /// Adds (by `COPY`) or removes one batch's memberships, then writes their audit rows.
    private func write(_ batch: MembershipBatch) throws {
      guard batch.count > 0 else { return }
      if batch.kind == .addMember {
        try connection.copy(into: "membership (org_id, group_id, person_id)", batch.added)
      } else {
        for start in stride(from: 0, to: batch.count, by: Self.removalsPerStatement) {
          let end = min(start + Self.removalsPerStatement, batch.count)
          let removed = try connection.query("""
            DELETE FROM membership m USING unnest($2::bigint[], $3::bigint[]) AS gone(group_id, person_id)
            WHERE m.org_id = $1 AND m.group_id = gone.group_id AND m.person_id = gone.person_id
            """, [org, PGArray.integers(Array(batch.removedGroups[start..<end])), PGArray.integers(Array(batch.removedPeople[start..<end]))])
          try expect(end - start, removed.changed, "memberships")
        }
      }
      try connection.copy(into: PGCopyRows.auditColumns, batch.audits)
    }
  }

  /// New people's rows and their audit rows, as `COPY` takes them.
  enum NewPeopleCopy {
    static let people = """
      person (org_id, id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
        status, role, created_at, updated_at)
      """

    static func rows(
      _ creates: ArraySlice<Operation>, ids: ArraySlice<Int64>, organization: OrganizationID, run: RunID, now: String
    ) -> (people: PGCopyRows, audits: PGCopyRows) {
      var people = PGCopyRows(capacity: creates.count * 160)
      var audits = PGCopyRows(capacity: creates.count * 300)
      for (operation, id) in zip(creates, ids) {
        guard case .createUser(let user) = operation else { continue }
        let p = user.profile
        people.add(organization.rawValue)
        people.add(id)
        // Value by value: an array of them would be made and freed a million times.
        people.add(user.id.rawValue)
        people.add(p.email.rawValue)
        people.add(p.firstName)
        people.add(p.lastName)
        people.add(p.mobilePhone)
        people.add(p.title)
        people.add(p.department)
        people.add(p.employeeNumber)
        people.add(PersonStatus.pending.rawValue)
        people.add(Role.member.rawValue)
        people.add(now)
        people.add(now)
        people.endRow()
        audits.audit(organization, run, .createUser, person: PersonID(id), after: AuditValues.created(user))
      }
      return (people, audits)
    }
  }

  /// Membership changes of one kind, of whole groups, ready to write: the rows a `COPY` adds (or
  /// the pairs a `DELETE` removes) and their audit rows.
  struct MembershipBatch {
    let kind: OperationKind
    private(set) var count = 0
    private(set) var added = PGCopyRows()
    private(set) var removedGroups: [Int64] = []
    private(set) var removedPeople: [Int64] = []
    private(set) var audits = PGCopyRows()

    init(kind: OperationKind) { self.kind = kind }

    /// One group's changes, with their audit rows as `AuditRules` keeps them: a row each, or
    /// rows listing them (readers expand them).
    mutating func add(_ group: GroupID, _ people: [PersonID], organization: OrganizationID, run: RunID) {
      count += people.count
      for person in people {
        if kind == .addMember {
          added.add(organization.rawValue)
          added.add(group.rawValue)
          added.add(person.rawValue)
          added.endRow()
        } else {
          removedGroups.append(group.rawValue)
          removedPeople.append(person.rawValue)
        }
      }
      if let listings = AuditRules.listings(people) {
        for listed in listings { audits.audit(organization, run, kind, group: group, listing: listed) }
      } else {
        for person in people { audits.audit(organization, run, kind, person: person, group: group) }
      }
    }
  }

#endif
