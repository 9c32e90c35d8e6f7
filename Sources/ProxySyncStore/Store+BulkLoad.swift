import Foundation
import ProxySyncCore

extension Store {
  /// Secondary indexes a first bulk import can build after loading instead of row by row.
  /// The unique ones are checked when rebuilt, inside the same transaction, so a duplicate
  /// still rolls the whole import back.
  private static let deferrableIndexes = [
    "person_org_email": "CREATE UNIQUE INDEX person_org_email ON person(org_id, email)",
    "person_org": "CREATE INDEX person_org ON person(org_id)",
    "person_org_okta": "CREATE UNIQUE INDEX person_org_okta ON person(org_id, okta_user_id) WHERE okta_user_id IS NOT NULL",
    "audit_person": "CREATE INDEX audit_person ON audit(person_id) WHERE person_id IS NOT NULL",
    "audit_group": "CREATE INDEX audit_group ON audit(group_id) WHERE group_id IS NOT NULL",
  ]

  /// True when no organization has any people yet: only then is rebuilding indexes cheap.
  func isEmpty() throws -> Bool {
    try connection.prepare("SELECT NOT EXISTS (SELECT 1 FROM person)").query { $0.integer(0) == 1 }.first ?? false
  }

  /// Runs `body` (a whole write transaction) with a rollback journal instead of the WAL when no
  /// organization has people yet and no other connection has the store open.
  ///
  /// A first import writes only new pages, which a rollback journal need not copy: through the
  /// WAL, each page was written twice (log, then checkpoint), and the log deleted at close (2 s
  /// of a million-person import). A crash leaves a journal that SQLite rolls back on the next
  /// open. `synchronous = FULL` is what keeps a rollback journal safe from a power cut.
  /// While it does, `BulkImportMarker` names it to every other process (`command` is what it runs).
  func withBulkJournal<T>(command: String, _ body: () throws -> T) throws -> T {
    guard try isEmpty() else { return try body() }
    let switched = connection.withBusyTimeout(milliseconds: 0) {
      (try? connection.prepare("PRAGMA journal_mode = DELETE").query { $0.text(0) }.first) == "delete"
    }
    guard switched else { return try body() }
    let me = ProcessIdentity.current
    let marker = BulkImportMarker(store: path, holder: LockHolder(pid: me.pid, host: me.host, startedAt: timestamp(), command: command))
    // Released after the switch back below (defers run last first): until then the store is held.
    defer { marker?.release() }
    defer {
      // Back to the store's usual settings (`Store.init`), waiting out a reader that came in.
      try? Self.enterWAL(connection)
      try? connection.execute("PRAGMA synchronous = NORMAL")
    }
    try connection.execute("PRAGMA synchronous = FULL")
    return try body()
  }

  /// Puts the store in WAL mode, waiting, as for any lock, while another process's first import
  /// holds it with a rollback journal (`withBulkJournal`): SQLite refuses the switch at once
  /// then, instead of waiting like a read would.
  /// `busy` hears each refusal (tests use it to know the wait has begun).
  static func enterWAL(
    _ connection: Connection, timeout: TimeInterval = Double(Connection.busyTimeoutMilliseconds) / 1000, busy: () -> Void = {}
  ) throws {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
      do {
        let mode = try connection.prepare("PRAGMA journal_mode = WAL").query { $0.text(0) ?? "" }
        if mode == ["wal"] { return }
      } catch let error as SQLiteError where error.isBusy {
        guard Date() < deadline else { throw error }
      }
      busy()
      guard Date() < deadline else { throw ProxySyncError.failure("the store stays out of WAL mode; another process may be importing") }
      usleep(20_000)
    }
  }

  /// Runs `body` with the deferrable indexes dropped, then builds them again; must be called
  /// inside a transaction, which makes the drop and the rebuild all or nothing with the load.
  func withBulkIndexes(deferred: Bool, _ body: () throws -> Void) throws {
    guard deferred else { return try body() }
    for name in Self.deferrableIndexes.keys.sorted() { try connection.execute("DROP INDEX \(name)") }
    try body()
    for name in Self.deferrableIndexes.keys.sorted() {
      if let sql = Self.deferrableIndexes[name] { try connection.execute(sql) }
    }
  }
}
