#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func loadSnapshot(of organization: Organization) throws(ProxySyncError) -> StoreSnapshot {
      try preloadSnapshot(of: organization).snapshot
    }

    /// One consistent snapshot: a read-only REPEATABLE READ transaction.
    package func preloadSnapshot(
      of organization: Organization, peopleRead: ((_ people: [Person], _ groups: [StoredGroup]) -> Void)?
    ) throws(ProxySyncError) -> PreloadedSnapshot {
      try perform("reading organization \"\(organization.name)\"") {
        try connection.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
          let revision = try readOrganization(organization.id)?.revision ?? organization.revision
          return PreloadedSnapshot(snapshot: try readSnapshot(of: organization, peopleRead: peopleRead), revision: revision)
        }
      }
    }

    /// Reads inside whatever transaction is open, so `applyChanges` reads and writes under one.
    /// People and memberships come through a cursor, a batch at a time: libpq would otherwise
    /// hold a million people's rows, with all its bookkeeping, beside the values made of them
    /// (half a gigabyte). `peopleRead` hears the people and groups before the memberships are
    /// read (`ProxyStore.preloadSnapshot`).
    func readSnapshot(
      of organization: Organization, peopleRead: ((_ people: [Person], _ groups: [StoredGroup]) -> Void)? = nil
    ) throws -> StoreSnapshot {
      let org = [String(organization.id.rawValue)]
      // In the table's order (the primary key's order cost the server 0.6 s more at a million
      // people whose rows updates had moved), kept as compact text and made into people in id
      // order, as every store hands them over: on another thread, while the server reads the
      // rest. Through `COPY`, which costs the server less than a cursor's fetches; it takes no
      // parameters, so the organization's id (an integer) is written into the query.
      let span = try connection.query("SELECT min(id), max(id) FROM person WHERE org_id = $1", org)
      let ids = span.integer(0, 0)...max(span.integer(0, 0), span.integer(0, 1))
      let rows = PGRowBuffer(columns: Self.personColumnCount, keyColumn: 0, keys: ids, buckets: 16)
      try connection.copyOut(
        "SELECT \(Self.personColumns) FROM person WHERE org_id = \(organization.id.rawValue)", columns: Self.personColumnCount
      ) { rows.append($0) }
      let building = BackgroundWork { () -> Result<[Person], any Error> in
        Result {
          var people: [Person] = []
          people.reserveCapacity(rows.count)
          try rows.drainInKeyOrder { people.append(try Self.person($0)) }
          return people
        }
      }
      let groupRows = try connection.query("SELECT id, okta_group_id, name, description FROM user_group WHERE org_id = $1 ORDER BY id", org)
      let groups = groupRows.rows { Self.group(groupRows, $0) }
      // Without a listener the people are still being made while the server collects the memberships.
      if let peopleRead { peopleRead(try building.wait().get(), groups) }
      var memberships: [StoredMembership] = []
      // A row per group with its members as one array: five million rows of two numbers cost
      // libpq and the server more in their handling than in their numbers (0.45 s of libpq alone
      // at a million people). Each group's members are put in order here, as every store hands
      // them over, if the array did not keep the key's order.
      try connection.copyOut(
        "SELECT group_id, array_agg(person_id) FROM membership WHERE org_id = \(organization.id.rawValue) GROUP BY group_id ORDER BY group_id",
        columns: 2
      ) { row in
        let group = GroupID(row.integer(0))
        let start = memberships.count
        let readable = row.withText(1) { text in
          PGArray.forEachInteger(in: text) { memberships.append(StoredMembership(groupID: group, personID: PersonID($0))) }
        }
        guard readable == true else { throw ProxySyncError.failure("the members of group \(group.rawValue) in the store are damaged") }
        if !Self.increasing(memberships[start...], by: \.personID.rawValue) {
          memberships[start...].sort { $0.personID.rawValue < $1.personID.rawValue }
        }
      }
      return StoreSnapshot(people: try building.wait().get(), groups: groups, memberships: memberships)
    }

    /// Whether `key` strictly increases along `items`: the order every store hands rows over in.
    private static func increasing<Items: Collection>(_ items: Items, by key: (Items.Element) -> Int64) -> Bool {
      zip(items, items.dropFirst()).allSatisfy { key($0) < key($1) }
    }
  }
#endif
