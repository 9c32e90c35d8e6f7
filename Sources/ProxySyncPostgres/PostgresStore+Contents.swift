#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func readContents() throws(ProxySyncError) -> StoreContents {
      try perform("reading the whole store") {
        try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
          var contents = StoreContents()
          let organizations = try connection.query("SELECT \(Self.organizationColumns), created_at FROM organization ORDER BY id")
          contents.organizations = organizations.rows {
            StoreContents.OrganizationRow(organization: Self.organization(organizations, $0), createdAt: organizations.text($0, 6) ?? "")
          }
          let people = try connection.query(
            "SELECT \(Self.personColumns), org_id, created_at, updated_at, deactivated_at FROM person ORDER BY id")
          contents.people = try people.rows {
            StoreContents.PersonRow(
              organization: OrganizationID(people.integer($0, 11)), person: try Self.person(PGRow(result: people, index: $0)),
              createdAt: people.text($0, 12) ?? "", updatedAt: people.text($0, 13) ?? "", deactivatedAt: people.text($0, 14))
          }
          let groups = try connection.query("SELECT id, okta_group_id, name, description, org_id, created_at, updated_at FROM user_group ORDER BY id")
          contents.groups = groups.rows {
            StoreContents.GroupRow(
              organization: OrganizationID(groups.integer($0, 4)), group: Self.group(groups, $0), createdAt: groups.text($0, 5) ?? "",
              updatedAt: groups.text($0, 6) ?? "")
          }
          let memberships = try connection.query("SELECT org_id, group_id, person_id FROM membership ORDER BY group_id, person_id")
          contents.memberships = memberships.rows {
            StoreContents.MembershipRow(
              organization: OrganizationID(memberships.integer($0, 0)), group: GroupID(memberships.integer($0, 1)),
              person: PersonID(memberships.integer($0, 2)))
          }
          let runs = try connection.query(
            "SELECT \(Self.runColumns), r.org_id, r.plan_checksum FROM run r JOIN organization o ON o.id = r.org_id ORDER BY r.seq")
          contents.runs = runs.rows {
            StoreContents.RunRow(organization: OrganizationID(runs.integer($0, 13)), record: Self.run(runs, $0), planChecksum: runs.text($0, 14))
          }
          // A row listing many people is one row per person here.
          let audit = try connection.query("""
            SELECT a.org_id, a.run_id, a.operation, named.person_id, a.group_id, a.before, a.after
            FROM audit a CROSS JOIN LATERAL unnest(coalesce(a.people, ARRAY[a.person_id])) WITH ORDINALITY AS named(person_id, n)
            ORDER BY a.id, named.n
            """)
          contents.audit = audit.rows {
            StoreContents.AuditRow(
              organization: OrganizationID(audit.integer($0, 0)), run: RunID(audit.text($0, 1) ?? ""), operation: audit.text($0, 2) ?? "",
              person: audit.text($0, 3).flatMap(Int64.init).map(PersonID.init), group: audit.text($0, 4).flatMap(Int64.init).map(GroupID.init),
              before: audit.text($0, 5), after: audit.text($0, 6))
          }
          contents.planKey = try loadPlanSigningKey()
          return contents
        }
      }
    }

    package func writeContents(_ contents: StoreContents) throws(ProxySyncError) {
      try perform("writing the store") {
        try connection.transaction {
          guard try connection.query("SELECT count(*) FROM organization").integer(0, 0) == 0 else {
            throw ProxySyncError.failure("the store \(location) already holds organizations; copy into an empty store")
          }
          var organizations = PGCopyRows()
          for row in contents.organizations {
            let o = row.organization
            organizations.add(o.id.rawValue)
            for value in [o.name, row.createdAt] as [String?] { organizations.add(value) }
            organizations.add(o.revision)
            for value in [o.binding.oktaOrg, o.binding.appID, o.binding.lastExportedAt] as [String?] { organizations.add(value) }
            organizations.endRow()
          }
          try connection.copy(into: "organization (id, name, created_at, revision, okta_org, okta_app_id, last_exported_at)", organizations)
          var people = PGCopyRows()
          for row in contents.people {
            let p = row.person
            people.add(p.id.rawValue)
            people.add(row.organization.rawValue)
            for value in [
              p.oktaUserID?.rawValue, p.email.rawValue, p.profile.firstName, p.profile.lastName, p.profile.mobilePhone, p.profile.title,
              p.profile.department, p.profile.employeeNumber, p.status.rawValue, p.role.rawValue, row.createdAt, row.updatedAt,
              row.deactivatedAt,
            ] as [String?] { people.add(value) }
            people.endRow()
          }
          try connection.copy(into: """
            person (id, org_id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
              status, role, created_at, updated_at, deactivated_at)
            """, people)
          var groups = PGCopyRows()
          for row in contents.groups {
            groups.add(row.group.id.rawValue)
            groups.add(row.organization.rawValue)
            for value in [row.group.oktaGroupID?.rawValue, row.group.name, row.group.description, row.createdAt, row.updatedAt] as [String?] {
              groups.add(value)
            }
            groups.endRow()
          }
          try connection.copy(into: "user_group (id, org_id, okta_group_id, name, description, created_at, updated_at)", groups)
          var memberships = PGCopyRows()
          for row in contents.memberships {
            for value in [row.organization.rawValue, row.group.rawValue, row.person.rawValue] as [Int64?] { memberships.add(value) }
            memberships.endRow()
          }
          try connection.copy(into: "membership (org_id, group_id, person_id)", memberships)
          // Runs are few (one a night), and their values come as text in the shared order.
          for row in contents.runs {
            try connection.query("""
              INSERT INTO run (id, org_id, command, source, started_at, finished_at, outcome, counts, message, quarantined, manifest,
                plan_checksum, duration_seconds, ran_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
              """, row.storedValues)
          }
          var audits = PGCopyRows()
          for row in contents.audit {
            audits.audit(row.organization, row.run, row.operation, person: row.person, group: row.group, before: row.before, after: row.after)
          }
          try connection.copy(into: PGCopyRows.auditColumns, audits)
          // New rows continue after the copied ids.
          try connection.execute("""
            SELECT setval('organization_id_seq', coalesce((SELECT max(id) FROM organization), 0) + 1, false);
            SELECT setval('person_id_seq', coalesce((SELECT max(id) FROM person), 0) + 1, false);
            SELECT setval('group_id_seq', coalesce((SELECT max(id) FROM user_group), 0) + 1, false);
            """)
          if let key = contents.planKey { try replacePlanSigningKey(with: key) }
        }
      }
    }
  }
#endif
