#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func loadSnapshot(of organization: Organization) throws(ProxySyncError) -> StoreSnapshot {
      try preloadSnapshot(of: organization).snapshot
    }

    /// One consistent snapshot: a read-only REPEATABLE READ transaction.
    package func preloadSnapshot(of organization: Organization) throws(ProxySyncError) -> PreloadedSnapshot {
      try perform("reading organization \"\(organization.name)\"") {
        try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
          let revision = try readOrganization(organization.id)?.revision ?? organization.revision
          return PreloadedSnapshot(snapshot: try readSnapshot(of: organization), revision: revision)
        }
      }
    }

    /// Reads inside whatever transaction is open, so `applyChanges` reads and writes under one.
    func readSnapshot(of organization: Organization) throws -> StoreSnapshot {
      let org = [String(organization.id.rawValue)]
      let people = try connection.query("SELECT \(Self.personColumns) FROM person WHERE org_id = $1 ORDER BY id", org)
      let groups = try connection.query("SELECT id, okta_group_id, name, description FROM user_group WHERE org_id = $1 ORDER BY id", org)
      let memberships = try connection.query(
        "SELECT group_id, person_id FROM membership WHERE org_id = $1 ORDER BY group_id, person_id", org)
      return StoreSnapshot(
        people: try people.rows { try Self.person(people, $0) },
        groups: groups.rows { Self.group(groups, $0) },
        memberships: memberships.rows {
          StoredMembership(groupID: GroupID(memberships.integer($0, 0)), personID: PersonID(memberships.integer($0, 1)))
        })
    }
  }
#endif
