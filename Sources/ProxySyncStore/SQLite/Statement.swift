import CSQLite

/// A value bound to, or read from, a statement.
enum SQLValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case text(String)

  static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
}

/// A prepared statement; it keeps its connection alive and finalizes itself.
final class Statement {
  private let handle: OpaquePointer
  private let connection: Connection
  let sql: String

  init(connection: Connection, sql: String) throws(SQLiteError) {
    var handle: OpaquePointer?
    let code = sqlite3_prepare_v2(connection.handle, sql, -1, &handle, nil)
    guard code == SQLITE_OK, let handle else { throw connection.error(code, sql: sql) }
    self.handle = handle
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  /// Runs the statement to completion with these values; returns the number of rows changed.
  @discardableResult
  func execute(_ values: [SQLValue] = []) throws(SQLiteError) -> Int {
    try bind(values)
    defer { reset() }
    while try step() {}
    return connection.changes
  }

  /// Runs a query, turning each row into a value. `reserving` is room to make up front for
  /// results of millions of rows, which would otherwise hold two copies while the array grows.
  func query<T>(_ values: [SQLValue] = [], reserving: Int = 0, _ row: (Row) throws -> T) throws -> [T] {
    try bind(values)
    defer { reset() }
    var rows: [T] = []
    rows.reserveCapacity(reserving)
    while try step() { rows.append(try row(Row(handle: handle))) }
    return rows
  }

  /// Runs a query, handing each row to `body` without collecting them.
  func forEach(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
    try bind(values)
    defer { reset() }
    while try step() { try body(Row(handle: handle)) }
  }

  private func bind(_ values: [SQLValue]) throws(SQLiteError) {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .null: code = sqlite3_bind_null(handle, index)
      case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
      case .text(var text):
        // By pointer and length: passing the String itself made a C copy of it first. An empty
        // string may have no storage, and a null pointer would bind NULL.
        code = text.withUTF8 { bytes in
          guard let start = bytes.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, csqlite_transient()) }
          return sqlite3_bind_text(handle, index, start, Int32(bytes.count), csqlite_transient())
        }
      }
      guard code == SQLITE_OK else { throw connection.error(code, sql: sql) }
    }
  }

  private func step() throws(SQLiteError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw connection.error(code, sql: sql)
    }
  }

  private func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }
}

/// The current row of a query; valid only inside the closure that receives it.
struct Row {
  fileprivate let handle: OpaquePointer

  func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

  func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

  /// NULL reads as nil.
  func text(_ column: Int32) -> String? {
    withText(column) { String(decoding: $0, as: UTF8.self) }
  }

  /// Calls `body` with the text's bytes where SQLite holds them (valid until the next step);
  /// nil for NULL.
  func withText<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
    // NULL gives no pointer (an empty text gives one), so the type is asked only then: a
    // million rows of eleven columns go a third fewer times through SQLite's locking API. Out
    // of memory gives no pointer either; it must not pass for NULL.
    guard let pointer = sqlite3_column_text(handle, column) else {
      precondition(sqlite3_column_type(handle, column) == SQLITE_NULL, "SQLite could not allocate a column's text")
      return nil
    }
    return body(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
  }
}
