import ProxySyncCore

extension Store {
  /// Creates an organization; names are unique.
  package func createOrganization(named name: String) throws(ProxySyncError) -> Organization {
    let trimmed = name.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw .usage("an organization needs a name") }
    return try perform("creating organization \"\(trimmed)\"") {
      let existing = try connection.prepare("SELECT 1 FROM organization WHERE name = ?").query([.text(trimmed)]) { _ in true }
      guard existing.isEmpty else { throw ProxySyncError.failure("organization \"\(trimmed)\" already exists") }
      try connection.prepare("INSERT INTO organization (name, created_at) VALUES (?, ?)")
        .execute([.text(trimmed), .text(timestamp())])
      return Organization(id: OrganizationID(connection.lastInsertRowID), name: trimmed)
    }
  }

  package func loadOrganizations() throws(ProxySyncError) -> [Organization] {
    try perform("listing organizations") {
      try connection.prepare("SELECT \(Self.organizationColumns) FROM organization ORDER BY name").query([], Self.organization)
    }
  }

  static let organizationColumns = "id, name, revision, okta_org, okta_app_id, last_exported_at"

  static func organization(_ row: Row) -> Organization {
    Organization(
      id: OrganizationID(row.integer(0)), name: row.text(1) ?? "", revision: row.integer(2),
      binding: TenantBinding(oktaOrg: row.text(3), appID: row.text(4), lastExportedAt: row.text(5)))
  }

  /// Re-reads an organization (inside a transaction, to see what the write will see).
  func readOrganization(_ id: OrganizationID) throws -> Organization? {
    try connection.prepare("SELECT \(Self.organizationColumns) FROM organization WHERE id = ?")
      .query([.integer(id.rawValue)], Self.organization).first
  }

  /// Binds the organization to the manifest's tenant (first time only) and remembers the newest export.
  func recordExport(_ manifest: ExportManifest, for organization: Organization) throws {
    try connection.prepare("""
      UPDATE organization SET okta_org = coalesce(okta_org, ?), okta_app_id = coalesce(okta_app_id, ?),
        last_exported_at = max(coalesce(last_exported_at, ''), ?)
      WHERE id = ?
      """).execute([.text(manifest.oktaOrg), .text(manifest.appID), .text(manifest.exportedAt), .integer(organization.id.rawValue)])
  }

  /// - Throws: a failure saying how to create the organization when it does not exist;
  ///   organizations are never created implicitly.
  package func loadOrganization(named name: String) throws(ProxySyncError) -> Organization {
    let found = try perform("looking up organization \"\(name)\"") {
      try connection.prepare("SELECT \(Self.organizationColumns) FROM organization WHERE name = ?").query([.text(name)], Self.organization)
    }
    guard let organization = found.first else {
      throw .failure("unknown organization \"\(name)\"; create it with: proxysync org create \"\(name)\"")
    }
    return organization
  }

  /// Moves the organization's revision on; called inside every transaction that changes its data.
  func bumpRevision(of organization: Organization) throws {
    try connection.prepare("UPDATE organization SET revision = revision + 1 WHERE id = ?")
      .execute([.integer(organization.id.rawValue)])
  }
}
