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
      try connection.prepare("SELECT id, name, revision FROM organization ORDER BY name").query {
        Organization(id: OrganizationID($0.integer(0)), name: $0.text(1) ?? "", revision: $0.integer(2))
      }
    }
  }

  /// - Throws: a failure saying how to create the organization when it does not exist;
  ///   organizations are never created implicitly.
  package func loadOrganization(named name: String) throws(ProxySyncError) -> Organization {
    let found = try perform("looking up organization \"\(name)\"") {
      try connection.prepare("SELECT id, name, revision FROM organization WHERE name = ?").query([.text(name)]) {
        Organization(id: OrganizationID($0.integer(0)), name: $0.text(1) ?? "", revision: $0.integer(2))
      }
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
