#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func readContents(_ body: (StoreContents.Part) throws -> Void) throws(ProxySyncError) {
      try perform("reading the whole store") {
        try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
          let organizations = try connection.query("SELECT \(Self.organizationColumns), created_at FROM organization ORDER BY id")
          try body(.organizations(organizations.rows {
            StoreContents.OrganizationRow(organization: Self.organization(organizations, $0), createdAt: organizations.text($0, 6) ?? "")
          }))
          var people = StoreContents.Batches(StoreContents.Part.people)
          try connection.forEachRow(
            "SELECT \(Self.personColumns), org_id, created_at, updated_at, deactivated_at FROM person ORDER BY id", [], batch: 10_000
          ) { rows, row in
            try people.add(StoreContents.PersonRow(
              organization: OrganizationID(rows.integer(row, 11)), person: try Self.person(PGRow(result: rows, index: row)),
              createdAt: rows.text(row, 12) ?? "", updatedAt: rows.text(row, 13) ?? "", deactivatedAt: rows.text(row, 14)), to: body)
          }
          try people.flush(to: body)
          var groups = StoreContents.Batches(StoreContents.Part.groups)
          try connection.forEachRow(
            "SELECT id, okta_group_id, name, description, org_id, created_at, updated_at FROM user_group ORDER BY id", [], batch: 10_000
          ) { rows, row in
            try groups.add(StoreContents.GroupRow(
              organization: OrganizationID(rows.integer(row, 4)), group: Self.group(rows, row), createdAt: rows.text(row, 5) ?? "",
              updatedAt: rows.text(row, 6) ?? ""), to: body)
          }
          try groups.flush(to: body)
          var memberships = StoreContents.Batches(StoreContents.Part.memberships)
          try connection.forEachRow("SELECT org_id, group_id, person_id FROM membership ORDER BY group_id, person_id", [], batch: 10_000) {
            rows, row in
            try memberships.add(StoreContents.MembershipRow(
              organization: OrganizationID(rows.integer(row, 0)), group: GroupID(rows.integer(row, 1)), person: PersonID(rows.integer(row, 2))),
              to: body)
          }
          try memberships.flush(to: body)
          // Runs are few enough to hold (one a night); the audit rows follow run by run, in one
          // query (a query a run cost three round trips for each of years of empty nights).
          let runs = try connection.query(
            "SELECT \(Self.runColumns), r.org_id, r.plan_checksum FROM run r JOIN organization o ON o.id = r.org_id ORDER BY r.seq")
          try body(.runs(runs.rows {
            StoreContents.RunRow(organization: OrganizationID(runs.integer($0, 13)), record: Self.run(runs, $0), planChecksum: runs.text($0, 14))
          }))
          var audit = StoreContents.Batches(StoreContents.Part.audit)
          var copied = 0
          try connection.forEachRow("""
            SELECT a.org_id, a.run_id, a.operation, a.person_id, a.group_id, a.before, a.after, a.people, a.id
            FROM run r JOIN organization o ON o.id = r.org_id JOIN audit a ON a.org_id = r.org_id AND a.run_id = r.id
            ORDER BY r.seq, a.id
            """, [], batch: 10_000
          ) { rows, row in
            copied += 1
            try audit.add(StoreContents.AuditRow(
              organization: OrganizationID(rows.integer(row, 0)), run: RunID(rows.text(row, 1) ?? ""), operation: rows.text(row, 2) ?? "",
              person: rows.text(row, 3).flatMap(Int64.init).map(PersonID.init), group: rows.text(row, 4).flatMap(Int64.init).map(GroupID.init),
              before: rows.text(row, 5), after: rows.text(row, 6), listing: try Self.listing(rows, row)), to: body)
          }
          try audit.flush(to: body)
          try StoreContents.expectEveryAuditRow(copied, of: connection.query("SELECT count(*) FROM audit").integer(0, 0))
          try body(.planKey(loadPlanSigningKey()))
        }
      }
    }

    /// The people of a row listing many (`audit.people`, column 7), or nil for a row of one; a
    /// damaged list stops the copy, naming the row (its id, column 8).
    private static func listing(_ rows: PGResult, _ row: Int) throws -> [PersonID]? {
      var people: [PersonID] = []
      guard let readable = rows.withText(row, 7, { PGArray.forEachInteger(in: $0) { people.append(PersonID($0)) } }) else { return nil }
      guard readable else {
        throw ProxySyncError.failure("audit row \(rows.integer(row, 8)) lists people that are not all ids; nothing was copied")
      }
      return people
    }

    package func writeContents(_ fill: (_ write: (StoreContents.Part) throws -> Void) throws -> Void) throws(ProxySyncError) {
      try perform("writing the store") {
        try connection.transaction {
          guard try connection.query("SELECT count(*) FROM organization").integer(0, 0) == 0 else {
            throw ProxySyncError.failure("the store \(location) already holds organizations; copy into an empty store")
          }
          // The writer's own errors are named as writing before they reach the reader.
          try fill { part throws(ProxySyncError) in try perform("writing the store") { try write(part) } }
          // New rows continue after the copied ids.
          try connection.execute("""
            SELECT setval('organization_id_seq', coalesce((SELECT max(id) FROM organization), 0) + 1, false);
            SELECT setval('person_id_seq', coalesce((SELECT max(id) FROM person), 0) + 1, false);
            SELECT setval('group_id_seq', coalesce((SELECT max(id) FROM user_group), 0) + 1, false);
            """)
        }
      }
    }

    /// One part of a copied store, a `COPY` a batch (runs, few, a statement each).
    private func write(_ part: StoreContents.Part) throws {
      var rows = PGCopyRows()
      switch part {
      case .organizations(let organizations):
        for row in organizations {
          let o = row.organization
          rows.add(o.id.rawValue)
          for value in [o.name, row.createdAt] as [String?] { rows.add(value) }
          rows.add(o.revision)
          for value in [o.binding.oktaOrg, o.binding.appID, o.binding.lastExportedAt] as [String?] { rows.add(value) }
          rows.endRow()
        }
        try connection.copy(into: "organization (id, name, created_at, revision, okta_org, okta_app_id, last_exported_at)", rows)
      case .people(let people):
        for row in people {
          let p = row.person
          rows.add(p.id.rawValue)
          rows.add(row.organization.rawValue)
          for value in [
            p.oktaUserID?.rawValue, p.email.rawValue, p.profile.firstName, p.profile.lastName, p.profile.mobilePhone, p.profile.title,
            p.profile.department, p.profile.employeeNumber, p.status.rawValue, p.role.rawValue, row.createdAt, row.updatedAt,
            row.deactivatedAt,
          ] as [String?] { rows.add(value) }
          rows.endRow()
        }
        try connection.copy(into: """
          person (id, org_id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
            status, role, created_at, updated_at, deactivated_at)
          """, rows)
      case .groups(let groups):
        for row in groups {
          rows.add(row.group.id.rawValue)
          rows.add(row.organization.rawValue)
          for value in [row.group.oktaGroupID?.rawValue, row.group.name, row.group.description, row.createdAt, row.updatedAt] as [String?] {
            rows.add(value)
          }
          rows.endRow()
        }
        try connection.copy(into: "user_group (id, org_id, okta_group_id, name, description, created_at, updated_at)", rows)
      case .memberships(let memberships):
        for row in memberships {
          for value in [row.organization.rawValue, row.group.rawValue, row.person.rawValue] as [Int64?] { rows.add(value) }
          rows.endRow()
        }
        try connection.copy(into: "membership (org_id, group_id, person_id)", rows)
      case .runs(let runs):
        for row in runs {
          try connection.query("""
            INSERT INTO run (id, org_id, command, source, started_at, finished_at, outcome, counts, message, quarantined, manifest,
              plan_checksum, duration_seconds, ran_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """, row.storedValues)
        }
      case .audit(let audit):
        for row in audit {
          rows.audit(
            row.organization, row.run, row.operation, person: row.person, group: row.group, before: row.before, after: row.after,
            listing: row.listing?[...])
        }
        try connection.copy(into: PGCopyRows.auditColumns, rows)
      case .planKey(let key):
        try replacePlanSigningKey(with: key)
      }
    }
  }
#endif
