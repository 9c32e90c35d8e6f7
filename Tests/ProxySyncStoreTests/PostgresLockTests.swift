import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// A refusal always names who holds the lock, even in the moment between the winner taking the
/// advisory lock and writing who it is, and never a holder that is gone.
@Suite struct PostgresLockTests {
  @Test func theRefusalNamesTheSessionThatHoldsTheLockNeverAnEmptyOrStaleHolder() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let (winner, loser) = (try PostgresStore(url: url), try PostgresStore(url: url))
      let acme = try winner.createOrganization(named: "acme")
      let key = String(acme.id.rawValue)
      // A row left by a holder whose session is gone, then the winner's lock without its row yet.
      try winner.connection.query(
        "INSERT INTO run_lock VALUES ($1, 4242, 'gone-host', 99999, '2026-01-01T00:00:00Z', 'sync')", [key])
      try winner.connection.query("SELECT pg_advisory_lock($1)", [key])
      func refusal() -> String {
        do {
          try loser.acquireLock(for: acme, command: "sync", timeout: 0)
          return "taken"
        } catch {
          #expect(error.kind == .locked)
          return error.description
        }
      }
      let unnamed = refusal()
      #expect(unnamed.contains("locked by the PostgreSQL session with server process \(winner.connection.backendPID)"), "\(unnamed)")
      #expect(!unnamed.contains("4242") && !unnamed.contains("process 0") && !unnamed.contains("since ;"))
      try winner.connection.query(
        "UPDATE run_lock SET pid = 777, host = 'winner-host', backend_pid = pg_backend_pid(), started_at = '2026-12-06T02:00:00Z' WHERE org_id = $1",
        [key])
      #expect(refusal().contains("locked by process 777 on winner-host, running \"sync\" since 2026-12-06T02:00:00Z"))
    #endif
  }
}
