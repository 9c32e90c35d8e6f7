import CSQLite
import Foundation

/// An open SQLite database; the handle lives exactly as long as this object.
final class Connection {
  let handle: OpaquePointer

  /// Opens (creating if asked) with foreign keys on, extended codes and a busy timeout.
  init(path: String, create: Bool) throws(SQLiteError) {
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &handle, flags, nil)
    guard code == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      if let handle { sqlite3_close_v2(handle) }
      throw SQLiteError(code: code, message: message, sql: nil)
    }
    self.handle = handle
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    try execute("PRAGMA foreign_keys = ON")
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs SQL without parameters (schema, pragmas, transaction control). Never for values.
  func execute(_ sql: String) throws(SQLiteError) {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if code != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
      sqlite3_free(errorMessage)
      throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
    }
  }

  func prepare(_ sql: String) throws(SQLiteError) -> Statement {
    try Statement(connection: self, sql: sql)
  }

  /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`; any error rolls back and is rethrown as it was.
  func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      // The first error is the one worth reporting; a failed rollback cannot add to it.
      try? execute("ROLLBACK")
      throw error
    }
  }

  var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  /// Rows changed by the most recent INSERT, UPDATE or DELETE.
  var changes: Int { Int(sqlite3_changes(handle)) }

  func error(_ code: Int32, sql: String?) -> SQLiteError {
    SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
  }
}

extension Connection {
  /// Statements prepared and not yet finalized: zero whenever no command is running.
  var openStatementCount: Int {
    var count = 0
    var statement = sqlite3_next_stmt(handle, nil)
    while let current = statement {
      count += 1
      statement = sqlite3_next_stmt(handle, current)
    }
    return count
  }
}

extension Connection {
  /// Runs `body` (which starts and ends its own transaction) without foreign-key checks.
  ///
  /// SQLite checks a membership's two parents with a b-tree search each: 11 s of a million-person
  /// import against 1 s for the rows themselves. Only code that writes ids it has just read or
  /// inserted in the same transaction may use this; tests run `PRAGMA foreign_key_check` after it.
  func withoutForeignKeyChecks<T>(_ body: () throws -> T) throws -> T {
    try execute("PRAGMA foreign_keys = OFF")
    defer { try? execute("PRAGMA foreign_keys = ON") }
    return try body()
  }
}

extension Connection {
  /// How long a statement waits for another connection's lock before failing busy.
  static let busyTimeoutMilliseconds: Int32 = 600_000

  /// Runs `body` waiting at most `milliseconds` for another connection's lock.
  func withBusyTimeout<T>(milliseconds: Int32, _ body: () throws -> T) rethrows -> T {
    sqlite3_busy_timeout(handle, milliseconds)
    defer { sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds) }
    return try body()
  }
}
