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
      try connection.copy(
        PGArray.copyAudit,
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

    /// New groups in one `COPY`, with their audit rows.
    mutating func flushGroups() throws {
      guard !pendingGroups.isEmpty else { return }
      let groups = pendingGroups
      pendingGroups = []
      let ids = try copyNew(groups, idsFrom: "group_id_seq", into: "user_group (org_id, id, okta_group_id, name, description, created_at, updated_at)") {
        group, id in
        let (before, after) = AuditValues.of(.createGroup(group))
        return (
          [org, String(id), group.id.rawValue, group.name, group.description, now, now],
          [org, run.rawValue, OperationKind.createGroup.rawValue, nil, String(id), before, after]
        )
      }
      for (group, id) in zip(groups, ids) { groupIDs[group.id] = GroupID(id) }
    }

    /// New people in one `COPY`, with their audit rows.
    mutating func flushCreates() throws {
      guard !pendingCreates.isEmpty else { return }
      let users = pendingCreates
      pendingCreates = []
      let ids = try copyNew(users, idsFrom: "person_id_seq", into: """
        person (org_id, id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
          status, role, created_at, updated_at)
        """
      ) { user, id in
        let p = user.profile
        return (
          [
            org, String(id), user.id.rawValue, p.email.rawValue, p.firstName, p.lastName, p.mobilePhone, p.title, p.department,
            p.employeeNumber, PersonStatus.pending.rawValue, Role.member.rawValue, now, now,
          ],
          [org, run.rawValue, OperationKind.createUser.rawValue, String(id), nil, nil, AuditValues.created(user)]
        )
      }
      for (user, id) in zip(users, ids) { created[user.id] = PersonID(id) }
    }

    /// Writes new rows of `table` (its name and columns) with one `COPY`, ids reserved from the
    /// sequence first, and their audit rows with another; `row` makes an item's row and audit row.
    /// - Returns: the items' new ids, in order.
    private func copyNew<Item>(
      _ items: [Item], idsFrom sequence: String, into table: String, row: (Item, Int64) -> (row: [String?], audit: [String?])
    ) throws -> [Int64] {
      let ids = try reserve(items.count, from: sequence)
      var rows: [[String?]] = []
      var audits: [[String?]] = []
      rows.reserveCapacity(items.count)
      audits.reserveCapacity(items.count)
      for (index, item) in items.enumerated() {
        let (itemRow, audit) = row(item, ids[index])
        rows.append(itemRow)
        audits.append(audit)
      }
      try connection.copy("COPY \(table) FROM STDIN", rows: rows)
      try connection.copy(PGArray.copyAudit, rows: audits)
      return ids
    }

    /// Pairs removed by one `DELETE`: few enough that PostgreSQL looks each one up by the primary
    /// key. Given 50,000 at once (or a filter on their groups) it read and hashed all five million
    /// memberships of a million-person store instead: 1.1 s against 0.05 s.
    static let removalsPerStatement = 10_000

    /// Added (by `COPY`) or removed memberships of many groups at once, with an audit row each:
    /// a round trip per group cost more than the rows (14 s of a 100k import).
    mutating func flushMembers() throws {
      guard let (kind, rows) = pendingMembers else { return }
      pendingMembers = nil
      if kind == .addMember {
        try connection.copy(
          "COPY membership (org_id, group_id, person_id) FROM STDIN", rows: rows.map { [org, String($0.0.rawValue), String($0.1.rawValue)] })
      } else {
        for start in stride(from: 0, to: rows.count, by: Self.removalsPerStatement) {
          let slice = rows[start..<min(start + Self.removalsPerStatement, rows.count)]
          let removed = try connection.query("""
            DELETE FROM membership m USING unnest($2::bigint[], $3::bigint[]) AS gone(group_id, person_id)
            WHERE m.org_id = $1 AND m.group_id = gone.group_id AND m.person_id = gone.person_id
            """, [org, PGArray.integers(slice.map(\.0.rawValue)), PGArray.integers(slice.map(\.1.rawValue))])
          try expect(slice.count, removed.changed, "memberships")
        }
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
            let list = PGArray.integers(listed.map(\.rawValue))
            audits.append([org, run.rawValue, kind.rawValue, nil, String(group.rawValue), nil, nil, list])
          }
        } else {
          audits += people.map { [org, run.rawValue, kind.rawValue, String($0.rawValue), String(group.rawValue), nil, nil, nil] }
        }
      }
      try connection.copy("COPY audit (org_id, run_id, operation, person_id, group_id, before, after, people) FROM STDIN", rows: audits)
    }
  }
#endif
