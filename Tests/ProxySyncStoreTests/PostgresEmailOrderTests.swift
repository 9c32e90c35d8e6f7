import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Emails and Okta ids compare by their bytes on PostgreSQL as on SQLite: people are listed in
/// their emails' byte order straight from the email index, in a new store and in one migrated
/// from before.
@Suite struct PostgresEmailOrderTests {
  static let emails = ["zoë@example.com", "zoe@example.com", "ábel@example.com", "abel@example.com", "z@example.com", "été@example.com"]

  @Test func peopleAreListedFromTheEmailIndexAlsoInAMigratedStore() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      var store = try PostgresStore(url: url)
      let acme = try store.createOrganization(named: "acme")
      let company = DirectorySnapshot.directory {
        for (index, email) in Self.emails.enumerated() { $0.user("p\(index)", email: email) }
      }
      _ = try store.applyChanges(to: acme, run: RunStart(id: RunID("run-1"), command: "sync", source: nil)) { current, _ in
        makePlan(desired: company, current: current)
      }
      /// Whether listing everyone needs a sort of its own (index scans are preferred when they can give the order).
      func listingSorts(_ store: PostgresStore) throws -> Bool {
        let (sql, values) = PostgresStore.peopleListing(of: acme, status: nil, search: nil)
        return try store.connection.transaction {
          try store.connection.execute("SET LOCAL enable_sort = off")
          let plan = try store.connection.query("EXPLAIN " + sql, values)
          return plan.rows { plan.text($0, 0) ?? "" }.contains { $0.contains("Sort") }
        }
      }
      let byBytes = Self.emails.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      #expect(try !listingSorts(store))
      #expect(try store.loadPeople(of: acme).map(\.email.rawValue) == byBytes)

      // The store as the schema before left it: the columns in the database's own collation.
      try store.connection.execute("""
        ALTER TABLE person ALTER COLUMN email TYPE text COLLATE "default", ALTER COLUMN okta_user_id TYPE text COLLATE "default";
        ALTER TABLE user_group ALTER COLUMN okta_group_id TYPE text COLLATE "default";
        DELETE FROM proxysync_schema WHERE version >= \(PostgresSchema.migrations.count)
        """)
      #expect(try listingSorts(store))
      store = try PostgresStore(url: url)
      #expect(try !listingSorts(store))
      #expect(try store.loadPeople(of: acme).map(\.email.rawValue) == byBytes)
      let collations = try store.connection.query("""
        SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, '') FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_name IN ('email', 'okta_user_id', 'okta_group_id') ORDER BY 1
        """)
      #expect(collations.rows { collations.text($0, 0) ?? "" } == [
        "person.email C", "person.okta_user_id C", "user_group.okta_group_id C",
      ])
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }
}
