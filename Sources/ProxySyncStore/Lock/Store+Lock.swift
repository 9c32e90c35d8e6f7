import Foundation
import ProxySyncCore

extension Store {
  /// Takes the organization's run lock: one `sync`, `import` or `apply` at a time per organization.
  ///
  /// The lock is a row, committed on its own, so other processes can read who holds it while
  /// the holder's long apply transaction is open. A holder that is gone (killed, crashed) is
  /// replaced and reported through `onTakeover`; nobody ever needs to unlock by hand.
  /// - Parameter timeout: how long to wait for a live holder; 0 refuses at once.
  /// - Parameter onWait: hears the holder once, when waiting begins.
  /// - Throws: `ProxySyncError` of kind `.locked` naming the holder.
  package func acquireLock(
    for organization: Organization, command: String, timeout: Double = 0, onWait: (LockHolder) -> Void = { _ in },
    onTakeover: (LockHolder) -> Void = { _ in }
  ) throws(ProxySyncError) {
    let me = ProcessIdentity.current
    var wait = LockWait(timeout: timeout)
    while true {
      // Read first, outside any write transaction: a reader never waits for the holder's apply.
      if let (holder, identity) = try perform("reading the run lock", { try readLock(organization) }), identity.isAlive {
        try wait.stillHeld(by: holder, of: organization, onWait: onWait)
        usleep(100_000)
        continue
      }
      let taken: LockHolder?? = try perform("taking the run lock") {
        try connection.transaction { () -> LockHolder?? in
          var replaced: LockHolder?
          if let (holder, identity) = try readLock(organization) {
            guard !identity.isAlive else { return .none }  // someone else got in first
            replaced = holder
            try connection.prepare("DELETE FROM run_lock WHERE org_id = ?").execute([.integer(organization.id.rawValue)])
          }
          try connection.prepare(
            "INSERT INTO run_lock (org_id, pid, host, process_start, started_at, command) VALUES (?, ?, ?, ?, ?, ?)"
          ).execute([
            .integer(organization.id.rawValue), .integer(Int64(me.pid)), .text(me.host), .text(me.start),
            .text(timestamp()), .text(command),
          ])
          return .some(replaced)
        }
      }
      guard let outcome = taken else { continue }
      if let replaced = outcome { onTakeover(replaced) }
      return
    }
  }

  /// Gives the lock back; only the holder's own row is removed.
  package func releaseLock(for organization: Organization) {
    let me = ProcessIdentity.current
    _ = try? connection.prepare("DELETE FROM run_lock WHERE org_id = ? AND pid = ? AND host = ?")
      .execute([.integer(organization.id.rawValue), .integer(Int64(me.pid)), .text(me.host)])
  }

  /// The current holder, if any.
  package func loadLockHolder(of organization: Organization) throws(ProxySyncError) -> LockHolder? {
    try perform("reading the run lock") { try readLock(organization)?.0 }
  }

  private func readLock(_ organization: Organization) throws -> (LockHolder, ProcessIdentity)? {
    try connection.prepare("SELECT pid, host, process_start, started_at, command FROM run_lock WHERE org_id = ?")
      .query([.integer(organization.id.rawValue)]) { row in
        let identity = ProcessIdentity(pid: Int32(row.integer(0)), host: row.text(1) ?? "", start: row.text(2) ?? "")
        let holder = LockHolder(pid: identity.pid, host: identity.host, startedAt: row.text(3) ?? "", command: row.text(4) ?? "")
        return (holder, identity)
      }.first
  }
}
