import CSQLite

/// A failed SQLite call: the extended result code, SQLite's message and the statement's SQL.
struct SQLiteError: Error, CustomStringConvertible {
  var code: Int32
  var message: String
  var sql: String?

  /// Another connection holds the write lock and the busy timeout ran out.
  var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
  /// The disk or the file system refused the write.
  var isFull: Bool { code & 0xFF == SQLITE_FULL }

  var description: String {
    let statement = sql.map { " in \"\($0.prefix(120))\"" } ?? ""
    return "\(message) (SQLite code \(code))\(statement)"
  }
}
