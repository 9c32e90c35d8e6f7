#if PostgreSQL
  import Foundation
  import ProxySyncCore

  extension PostgresStore {
    /// Takes the organization's run lock: a session advisory lock keyed by its id, which the
    /// server releases when the holder's connection dies (killed, crashed, cut off), so nobody
    /// ever unlocks by hand. Who holds it is kept in `run_lock`, so a refusal can name them.
    package func acquireLock(
      for organization: Organization, command: String, timeout: Double, onWait: (LockHolder) -> Void,
      onTakeover: (LockHolder) -> Void
    ) throws(ProxySyncError) {
      let key = String(organization.id.rawValue)
      var wait = LockWait(timeout: timeout)
      while true {
        if !heldLocks.contains(organization.id.rawValue) {
          let taken = try perform("taking the run lock") { try connection.query("SELECT pg_try_advisory_lock($1)", [key]).text(0, 0) == "t" }
          if taken { break }
        }
        // Released between the two statements: try again at once.
        guard let holder = try currentHolder(of: organization) else { continue }
        try wait.stillHeld(by: holder, of: organization, onWait: onWait)
        usleep(100_000)
      }
      heldLocks.insert(organization.id.rawValue)
      do throws(ProxySyncError) {
        // A row left by a holder whose session is gone: its lock was released with it.
        if let previous = try loadLockHolder(of: organization) { onTakeover(previous) }
        _ = try perform("recording the run lock") {
          try connection.query("""
            INSERT INTO run_lock (org_id, pid, host, backend_pid, started_at, command) VALUES ($1, $2, $3, pg_backend_pid(), $4, $5)
            ON CONFLICT (org_id) DO UPDATE SET pid = EXCLUDED.pid, host = EXCLUDED.host, backend_pid = EXCLUDED.backend_pid,
              started_at = EXCLUDED.started_at, command = EXCLUDED.command
            """, [key, String(getpid()), Self.hostName, timestamp(), command])
        }
      } catch {
        releaseLock(for: organization)
        throw error
      }
    }

    package func releaseLock(for organization: Organization) {
      guard heldLocks.contains(organization.id.rawValue) else { return }
      let key = String(organization.id.rawValue)
      _ = try? connection.query("DELETE FROM run_lock WHERE org_id = $1 AND backend_pid = pg_backend_pid()", [key])
      _ = try? connection.query("SELECT pg_advisory_unlock($1)", [key])
      heldLocks.remove(organization.id.rawValue)
    }

    /// Who holds the organization's lock now, as the server sees it: the session holding the
    /// advisory lock, named by the row it wrote. A winner takes the lock a moment before it
    /// writes its row, so a missing row is waited for, at most two seconds; a row left by an
    /// earlier holder whose session is gone is never taken for the holder. Nil when nobody
    /// holds the lock any more.
    func currentHolder(of organization: Organization) throws(ProxySyncError) -> LockHolder? {
      let key = organization.id.rawValue
      let deadline = ContinuousClock.now + .seconds(2)
      while true {
        let row = try perform("reading the run lock") { () -> [String?]? in
          let result = try connection.query("""
            SELECT l.pid, r.pid, r.host, r.started_at, r.command
            FROM pg_locks l LEFT JOIN run_lock r ON r.org_id = $1 AND r.backend_pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND (l.classid::bigint << 32 | l.objid::bigint) = $1
            """, [String(key)])
          return result.rowCount == 0 ? nil : (0..<5).map { result.text(0, $0) }
        }
        guard let row else { return nil }
        if let pid = row[1].flatMap({ Int32($0) }) {
          return LockHolder(pid: pid, host: row[2] ?? "", startedAt: row[3] ?? "", command: row[4] ?? "")
        }
        guard ContinuousClock.now < deadline else {
          return .unnamed("the PostgreSQL session with server process \(row[0] ?? "?"), which took the lock but has not said who it is")
        }
        usleep(20_000)
      }
    }

    package func loadLockHolder(of organization: Organization) throws(ProxySyncError) -> LockHolder? {
      try perform("reading the run lock") {
        let result = try connection.query(
          "SELECT pid, host, started_at, command FROM run_lock WHERE org_id = $1", [String(organization.id.rawValue)])
        return result.rows {
          LockHolder(
            pid: Int32(result.integer($0, 0)), host: result.text($0, 1) ?? "", startedAt: result.text($0, 2) ?? "",
            command: result.text($0, 3) ?? "")
        }.first
      }
    }

    static let hostName: String = {
      var buffer = [CChar](repeating: 0, count: 256)
      guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
      // As the SQLite store's `ProcessIdentity` reads it (a name that fills the buffer has no
      // terminating zero); the two stores share no module below the core, which makes no calls.
      return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()
  }
#endif
