#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func createOrganization(named name: String) throws(ProxySyncError) -> Organization {
      let trimmed = name.trimmingWhitespace()
      guard !trimmed.isEmpty else { throw .usage("an organization needs a name") }
      return try perform("creating organization \"\(trimmed)\"") {
        let result = try connection.query(
          "INSERT INTO organization (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id",
          [trimmed, timestamp()])
        guard result.rowCount == 1 else { throw ProxySyncError.failure("organization \"\(trimmed)\" already exists") }
        return Organization(id: OrganizationID(result.integer(0, 0)), name: trimmed)
      }
    }

    package func loadOrganizations() throws(ProxySyncError) -> [Organization] {
      try perform("listing organizations") {
        let result = try connection.query("SELECT \(Self.organizationColumns) FROM organization ORDER BY name")
        return result.rows { Self.organization(result, $0) }
      }
    }

    static let organizationColumns = "id, name, revision, okta_org, okta_app_id, last_exported_at"

    static func organization(_ result: PGResult, _ row: Int) -> Organization {
      Organization(
        id: OrganizationID(result.integer(row, 0)), name: result.text(row, 1) ?? "", revision: result.integer(row, 2),
        binding: TenantBinding(oktaOrg: result.text(row, 3), appID: result.text(row, 4), lastExportedAt: result.text(row, 5)))
    }

    package func loadOrganization(named name: String) throws(ProxySyncError) -> Organization {
      let found = try perform("looking up organization \"\(name)\"") {
        let result = try connection.query("SELECT \(Self.organizationColumns) FROM organization WHERE name = $1", [name])
        return result.rows { Self.organization(result, $0) }
      }
      guard let organization = found.first else {
        throw .failure("unknown organization \"\(name)\"; create it with: proxysync org create \"\(name)\"")
      }
      return organization
    }

    /// Re-reads an organization inside a transaction, locking its row against other writers.
    func readOrganization(_ id: OrganizationID, forUpdate: Bool = false) throws -> Organization? {
      let result = try connection.query(
        "SELECT \(Self.organizationColumns) FROM organization WHERE id = $1\(forUpdate ? " FOR UPDATE" : "")", [String(id.rawValue)])
      return result.rows { Self.organization(result, $0) }.first
    }

    /// Binds the organization to the manifest's tenant (first time only) and remembers the newest export.
    func recordExport(_ manifest: ExportManifest, for organization: Organization) throws {
      try connection.query("""
        UPDATE organization SET okta_org = coalesce(okta_org, $1), okta_app_id = coalesce(okta_app_id, $2),
          last_exported_at = greatest(coalesce(last_exported_at, ''), $3)
        WHERE id = $4
        """, [manifest.oktaOrg, manifest.appID, manifest.exportedAt, String(organization.id.rawValue)])
    }

    func bumpRevision(of organization: Organization) throws {
      try connection.query("UPDATE organization SET revision = revision + 1 WHERE id = $1", [String(organization.id.rawValue)])
    }
  }
#endif
