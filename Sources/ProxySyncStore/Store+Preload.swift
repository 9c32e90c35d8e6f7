import ProxySyncCore

extension Store {
  /// Reads the organization in one read transaction (consistent, and not blocking writers), so
  /// it can be loaded on another core while the export is read. `applyChanges` uses it only
  /// when the revision has not moved since.
  package func preloadSnapshot(
    of organization: Organization, peopleRead: ((_ people: [Person], _ groups: [StoredGroup]) -> Void)?
  ) throws(ProxySyncError) -> PreloadedSnapshot {
    try perform("reading organization \"\(organization.name)\"") {
      try connection.execute("BEGIN DEFERRED")
      defer { try? connection.execute("COMMIT") }
      let revision = try readOrganization(organization.id)?.revision ?? organization.revision
      return PreloadedSnapshot(snapshot: try readSnapshot(of: organization, peopleRead: peopleRead), revision: revision)
    }
  }
}
