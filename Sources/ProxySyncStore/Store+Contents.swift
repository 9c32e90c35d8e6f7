import Foundation
import ProxySyncCore

extension Store {
  package func readContents(_ body: (StoreContents.Part) throws -> Void) throws(ProxySyncError) {
    try perform("reading the whole store") {
      try connection.execute("BEGIN DEFERRED")
      defer { try? connection.execute("COMMIT") }
      try body(.organizations(connection.prepare("SELECT \(Self.organizationColumns), created_at FROM organization ORDER BY id").query {
        StoreContents.OrganizationRow(organization: Self.organization($0), createdAt: $0.text(6) ?? "")
      }))
      var people = StoreContents.Batches(StoreContents.Part.people)
      try connection.prepare(
        "SELECT \(Self.personColumns), org_id, created_at, updated_at, deactivated_at FROM person ORDER BY id"
      ).forEach {
        try people.add(StoreContents.PersonRow(
          organization: OrganizationID($0.integer(11)), person: try Self.person($0), createdAt: $0.text(12) ?? "",
          updatedAt: $0.text(13) ?? "", deactivatedAt: $0.text(14)), to: body)
      }
      try people.flush(to: body)
      var groups = StoreContents.Batches(StoreContents.Part.groups)
      try connection.prepare("SELECT id, okta_group_id, name, description, org_id, created_at, updated_at FROM user_group ORDER BY id").forEach {
        try groups.add(StoreContents.GroupRow(
          organization: OrganizationID($0.integer(4)), group: Self.group($0), createdAt: $0.text(5) ?? "", updatedAt: $0.text(6) ?? ""), to: body)
      }
      try groups.flush(to: body)
      var memberships = StoreContents.Batches(StoreContents.Part.memberships)
      try connection.prepare(
        "SELECT g.org_id, m.group_id, m.person_id FROM membership m JOIN user_group g ON g.id = m.group_id ORDER BY m.group_id, m.person_id"
      ).forEach {
        try memberships.add(
          StoreContents.MembershipRow(organization: OrganizationID($0.integer(0)), group: GroupID($0.integer(1)), person: PersonID($0.integer(2))),
          to: body)
      }
      try memberships.flush(to: body)
      // Runs are few (one a night); each run's audit rows are the range of ids it wrote.
      let runs = try connection.prepare(
        "SELECT \(Self.runColumns), r.org_id, r.plan_checksum FROM run r JOIN organization o ON o.id = r.org_id ORDER BY r.rowid"
      ).query { StoreContents.RunRow(organization: OrganizationID($0.integer(13)), record: Self.run($0), planChecksum: $0.text(14)) }
      try body(.runs(runs))
      let rowsOfRun = try connection.prepare("""
        SELECT a.org_id, a.run_id, a.operation, a.person_id, a.group_id, a.before, a.after, a.people, a.id FROM audit a
        WHERE \(Self.runAuditRows) AND a.run_id = ?1 ORDER BY a.id
        """)
      var audit = StoreContents.Batches(StoreContents.Part.audit)
      var copied = 0
      for run in runs {
        try rowsOfRun.forEach([.text(run.record.id.rawValue)]) { row in
          copied += 1
          try audit.add(StoreContents.AuditRow(
            organization: OrganizationID(row.integer(0)), run: RunID(row.text(1) ?? ""), operation: row.text(2) ?? "",
            person: row.isNull(3) ? nil : PersonID(row.integer(3)), group: row.isNull(4) ? nil : GroupID(row.integer(4)),
            before: row.text(5), after: row.text(6), listing: try row.text(7).map { try Self.listing($0, row: row.integer(8)) }), to: body)
        }
      }
      try audit.flush(to: body)
      try StoreContents.expectEveryAuditRow(copied, of: connection.prepare("SELECT count(*) FROM audit").query { $0.integer(0) }.first ?? 0)
      try body(.planKey(loadPlanSigningKey()))
    }
  }

  /// The people of a row listing many; a damaged list stops the copy, naming the row.
  private static func listing(_ text: String, row id: Int64) throws -> [PersonID] {
    guard let people = AuditListing.people(in: text) else {
      throw ProxySyncError.failure("audit row \(id) lists people as \"\(text.prefix(40))\", which is not a list of ids; nothing was copied")
    }
    return people
  }

  package func writeContents(_ fill: (_ write: (StoreContents.Part) throws -> Void) throws -> Void) throws(ProxySyncError) {
    try perform("writing the store") {
      try connection.transaction {
        let organizations = try connection.prepare("SELECT count(*) FROM organization").query { $0.integer(0) }
        guard organizations.first == 0 else {
          throw ProxySyncError.failure("the store \(path) already holds organizations; copy into an empty store")
        }
        let writer = try ContentsWriter(self)
        // The writer's own errors are named as writing before they reach the reader.
        try fill { part throws(ProxySyncError) in try perform("writing the store") { try writer.write(part) } }
        try writer.finish()
      }
    }
  }
}

/// Writes the parts of a copied store, as `StoreContents.Part` orders them, into one SQLite
/// transaction.
private final class ContentsWriter {
  let store: Store
  let organization, person, group, membership, run, audit: Statement
  /// The run whose audit rows are being written, and where its range of ids starts.
  var current: (run: RunID, first: Int64)?
  var finished: Set<RunID> = []

  init(_ store: Store) throws {
    self.store = store
    let c = store.connection
    organization = try c.prepare(
      "INSERT INTO organization (id, name, created_at, revision, okta_org, okta_app_id, last_exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    person = try c.prepare("""
      INSERT INTO person (id, org_id, okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number,
        status, role, created_at, updated_at, deactivated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    group = try c.prepare(
      "INSERT INTO user_group (id, org_id, okta_group_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    membership = try c.prepare("INSERT INTO membership (group_id, person_id) VALUES (?, ?)")
    run = try c.prepare("""
      INSERT INTO run (id, org_id, command, source, started_at, finished_at, outcome, counts, message, quarantined, manifest,
        plan_checksum, duration_seconds, ran_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    audit = try c.prepare(
      "INSERT INTO audit (run_id, org_id, operation, person_id, group_id, before, after, people) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
  }

  func write(_ part: StoreContents.Part) throws {
    switch part {
    case .organizations(let rows):
      for row in rows {
        let o = row.organization
        _ = try organization.execute([
          .integer(o.id.rawValue), .text(o.name), .text(row.createdAt), .integer(o.revision), .text(o.binding.oktaOrg),
          .text(o.binding.appID), .text(o.binding.lastExportedAt),
        ])
      }
    case .people(let rows):
      for row in rows {
        let p = row.person
        _ = try person.execute([
          .integer(p.id.rawValue), .integer(row.organization.rawValue), .text(p.oktaUserID?.rawValue), .text(p.email.rawValue),
          .text(p.profile.firstName), .text(p.profile.lastName), .text(p.profile.mobilePhone), .text(p.profile.title),
          .text(p.profile.department), .text(p.profile.employeeNumber), .text(p.status.rawValue), .text(p.role.rawValue),
          .text(row.createdAt), .text(row.updatedAt), .text(row.deactivatedAt),
        ])
      }
    case .groups(let rows):
      for row in rows {
        _ = try group.execute([
          .integer(row.group.id.rawValue), .integer(row.organization.rawValue), .text(row.group.oktaGroupID?.rawValue),
          .text(row.group.name), .text(row.group.description), .text(row.createdAt), .text(row.updatedAt),
        ])
      }
    case .memberships(let rows):
      for row in rows { _ = try membership.execute([.integer(row.group.rawValue), .integer(row.person.rawValue)]) }
    case .runs(let rows):
      for row in rows { _ = try run.execute(row.storedValues.map(SQLValue.text)) }
    case .audit(let rows):
      for row in rows {
        try startRange(of: row.run)
        _ = try audit.execute([
          .text(row.run.rawValue), .integer(row.organization.rawValue), .text(row.operation),
          row.person.map { .integer($0.rawValue) } ?? .null, row.group.map { .integer($0.rawValue) } ?? .null,
          .text(row.before), .text(row.after), .text(row.listing.map(AuditListing.text)),
        ])
      }
    case .planKey(let key):
      try store.replacePlanSigningKey(with: key)
    }
  }

  /// Here a run finds its audit rows as one range of ids, so they must come run by run.
  private func startRange(of next: RunID) throws {
    guard current?.run != next else { return }
    try finish()
    guard finished.insert(next).inserted else {
      throw ProxySyncError.failure("the audit rows of run \(next.rawValue) came apart; nothing was copied")
    }
    current = (next, try store.nextAuditID())
  }

  func finish() throws {
    guard let current else { return }
    try store.recordAuditRange(of: current.run, from: current.first)
    self.current = nil
  }
}
