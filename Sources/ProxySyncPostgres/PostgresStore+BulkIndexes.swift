#if PostgreSQL
  import ProxySyncCore

  /// A first bulk import into an empty store builds the secondary indexes after loading,
  /// instead of inserting into them row by row (6.7 s of a million-person import, for 3.9 s of
  /// building them afterwards), as the SQLite store does.
  ///
  /// Only when no organization has people or memberships yet: dropping an index locks its
  /// table for the whole transaction, which other organizations' runs would wait for. The
  /// unique ones are checked when rebuilt, inside the same transaction, so a duplicate still
  /// rolls the whole import back. Each pair must say exactly what the schema says (a test
  /// compares every index before and after).
  enum PostgresBulkIndexes {
    /// A plan this big into an empty store is worth the rebuild.
    static let from = 10_000

    static let indexes: [(drop: String, create: String)] = [
      ("ALTER TABLE person DROP CONSTRAINT person_org_email",
       "ALTER TABLE person ADD CONSTRAINT person_org_email UNIQUE (org_id, email) DEFERRABLE INITIALLY DEFERRED"),
      ("DROP INDEX person_org_okta",
       "CREATE UNIQUE INDEX person_org_okta ON person (org_id, okta_user_id) WHERE okta_user_id IS NOT NULL"),
      ("ALTER TABLE membership DROP CONSTRAINT membership_pkey",
       "ALTER TABLE membership ADD CONSTRAINT membership_pkey PRIMARY KEY (org_id, group_id, person_id)"),
      ("DROP INDEX audit_run", "CREATE INDEX audit_run ON audit (org_id, run_id, id)"),
      ("DROP INDEX audit_person", "CREATE INDEX audit_person ON audit (org_id, person_id) WHERE person_id IS NOT NULL"),
      ("DROP INDEX audit_group", "CREATE INDEX audit_group ON audit (org_id, group_id) WHERE group_id IS NOT NULL"),
      ("DROP INDEX audit_listed", "CREATE INDEX audit_listed ON audit (org_id) WHERE people IS NOT NULL"),
    ]

    /// Runs `body` with the indexes dropped and rebuilt after it, when `operations` is a bulk
    /// import into a store where nobody has people yet; else just `body`.
    static func deferred<T>(_ connection: PGConnection, operations: Int, _ body: () throws -> T) throws -> T {
      func isEmpty() throws -> Bool {
        try connection.query("SELECT NOT EXISTS (SELECT 1 FROM person) AND NOT EXISTS (SELECT 1 FROM membership)").text(0, 0) == "t"
      }
      guard operations > from, try isEmpty() else { return try body() }
      // Checked again under the lock: another organization's import may have committed meanwhile.
      try connection.execute("LOCK TABLE person, membership, audit IN ACCESS EXCLUSIVE MODE")
      guard try isEmpty() else { return try body() }
      for index in indexes { try connection.execute(index.drop) }
      let result = try body()
      try connection.execute("SET LOCAL maintenance_work_mem = '256MB'")
      for index in indexes { try connection.execute(index.create) }
      return result
    }
  }
#endif
