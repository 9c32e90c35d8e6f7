import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Test databases are dropped at the end of a run, even one a store still has open.
@Suite struct PostgresDatabasesTests {
  @Test func droppingEndsOpenSessionsAndLeavesOtherDatabases() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let kept = try PostgresTestServer.newDatabase()
      let name = try #require(URLComponents(string: url)?.path.dropFirst().description)
      let keptName = try #require(URLComponents(string: kept)?.path.dropFirst().description)
      let open = try PostgresStore(url: url)
      _ = try open.createOrganization(named: "acme")
      let server = try #require(PostgresTestServer.url)
      try PostgresStore.dropDatabases([name], server: server)
      let listed = try PostgresStore(url: kept).connection.query(
        "SELECT datname FROM pg_database WHERE datname = ANY($1::text[]) ORDER BY datname", ["{\(name),\(keptName)}"])
      #expect(listed.rows { listed.text($0, 0) } == [keptName])
      #expect(throws: ProxySyncError.self) { try PostgresStore.dropDatabases(["bad name; --"], server: server) }
    #endif
  }
}
