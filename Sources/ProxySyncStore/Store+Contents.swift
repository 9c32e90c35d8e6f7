import Foundation
import ProxySyncCore

extension Store {
  package func readContents() throws(ProxySyncError) -> StoreContents {
    try perform("reading the whole store") {
      try connection.execute("BEGIN DEFERRED")
      defer { try? connection.execute("COMMIT") }
      var contents = StoreContents()
      contents.organizations = try connection.prepare("SELECT \(Self.organizationColumns), created_at FROM organization ORDER BY id").query {
        StoreContents.OrganizationRow(organization: Self.organization($0), createdAt: $0.text(6) ?? "")
      }
      contents.people = try connection.prepare(
        "SELECT \(Self.personColumns), org_id, created_at, updated_at, deactivated_at FROM person ORDER BY id"
      ).query {
        StoreContents.PersonRow(
          organization: OrganizationID($0.integer(11)), person: try Self.person($0), createdAt: $0.text(12) ?? "",
          updatedAt: $0.text(13) ?? "", deactivatedAt: $0.text(14))
      }
      contents.groups = try connection.prepare(
        "SELECT id, okta_group_id, name, description, org_id, created_at, updated_at FROM user_group ORDER BY id"
      ).query {
        StoreContents.GroupRow(organization: OrganizationID($0.integer(4)), group: Self.group($0), createdAt: $0.text(5) ?? "", updatedAt: $0.text(6) ?? "")
      }
      contents.memberships = try connection.prepare(
        "SELECT g.org_id, m.group_id, m.person_id FROM membership m JOIN user_group g ON g.id = m.group_id ORDER BY m.group_id, m.person_id"
      ).query {
        StoreContents.MembershipRow(organization: OrganizationID($0.integer(0)), group: GroupID($0.integer(1)), person: PersonID($0.integer(2)))
      }
      contents.runs = try connection.prepare(
        "SELECT \(Self.runColumns), r.org_id, r.plan_checksum FROM run r JOIN organization o ON o.id = r.org_id ORDER BY r.rowid"
      ).query { StoreContents.RunRow(organization: OrganizationID($0.integer(13)), record: Self.run($0), planChecksum: $0.text(14)) }
      // A row listing many people of one group is one row per person here.
      try connection.prepare("SELECT org_id, run_id, operation, person_id, group_id, before, after, people FROM audit ORDER BY id").forEach { row in
        let people = row.text(7).map { $0.split(separator: ",").compactMap { Int64($0) }.map { Optional(PersonID($0)) } }
        for person in people ?? [row.isNull(3) ? nil : PersonID(row.integer(3))] {
          contents.audit.append(StoreContents.AuditRow(
            organization: OrganizationID(row.integer(0)), run: RunID(row.text(1) ?? ""), operation: row.text(2) ?? "", person: person,
            group: row.isNull(4) ? nil : GroupID(row.integer(4)), before: row.text(5), after: row.text(6)))
        }
      }
      contents.planKey = try loadPlanSigningKey()
      return contents
    }
  }

  package func writeContents(_ contents: StoreContents) throws(ProxySyncError) {
    try perform("writing the store") {
      try connection.transaction {
        let organizations = try connection.prepare("SELECT count(*) FROM organization").query { $0.integer(0) }
        guard organizations.first == 0 else {
          throw ProxySyncError.failure("the store \(path) already holds organizations; copy into an empty store")
        }
        let organization = try connection.prepare("""
          INSERT INTO organization (id, name, created_at, revision, okta_org, okta_app_id, last_exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
        for row in contents.organizations {
          let o = row.organization
          _ = try organization.execute([
            .integer(o.id.rawValue), .text(o.name), .text(row.createdAt), .integer(o.revision), .text(o.binding.oktaOrg),
            .text(o.binding.appID), .text(o.binding.lastExportedAt),
          ])
        }
        let person = try connection.prepare("""
          INSERT INTO person (id, org_id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
            status, role, created_at, updated_at, deactivated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
        for row in contents.people {
          let p = row.person
          _ = try person.execute([
            .integer(p.id.rawValue), .integer(row.organization.rawValue), .text(p.oktaUserID?.rawValue), .text(p.email.rawValue),
            .text(p.profile.firstName), .text(p.profile.lastName), .text(p.profile.mobilePhone), .text(p.profile.title),
            .text(p.profile.department), .text(p.profile.employeeNumber), .text(p.status.rawValue), .text(p.role.rawValue),
            .text(row.createdAt), .text(row.updatedAt), .text(row.deactivatedAt),
          ])
        }
        let group = try connection.prepare(
          "INSERT INTO user_group (id, org_id, okta_group_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for row in contents.groups {
          _ = try group.execute([
            .integer(row.group.id.rawValue), .integer(row.organization.rawValue), .text(row.group.oktaGroupID?.rawValue),
            .text(row.group.name), .text(row.group.description), .text(row.createdAt), .text(row.updatedAt),
          ])
        }
        let membership = try connection.prepare("INSERT INTO membership (group_id, person_id) VALUES (?, ?)")
        for row in contents.memberships { _ = try membership.execute([.integer(row.group.rawValue), .integer(row.person.rawValue)]) }
        try writeRuns(contents)
        if let key = contents.planKey { try replacePlanSigningKey(with: key) }
      }
    }
  }

  /// Runs, each followed by its audit rows: here a run finds its rows as one range of ids.
  private func writeRuns(_ contents: StoreContents) throws {
    let run = try connection.prepare("""
      INSERT INTO run (id, org_id, command, source, started_at, finished_at, outcome, counts, message, quarantined, manifest,
        plan_checksum, duration_seconds, ran_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    let audit = try connection.prepare(
      "INSERT INTO audit (run_id, org_id, operation, person_id, group_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)")
    let auditByRun = Dictionary(grouping: contents.audit, by: \.run)
    for row in contents.runs {
      let r = row.record
      _ = try run.execute(row.storedValues.map(SQLValue.text))
      guard let rows = auditByRun[r.id], !rows.isEmpty else { continue }
      let first = try nextAuditID()
      for entry in rows {
        _ = try audit.execute([
          .text(entry.run.rawValue), .integer(entry.organization.rawValue), .text(entry.operation),
          entry.person.map { .integer($0.rawValue) } ?? .null, entry.group.map { .integer($0.rawValue) } ?? .null,
          .text(entry.before), .text(entry.after),
        ])
      }
      try recordAuditRange(of: r.id, from: first)
    }
  }
}
