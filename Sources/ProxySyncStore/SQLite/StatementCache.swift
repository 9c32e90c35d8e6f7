/// Statements compiled once and reused, by their SQL: for a loop that runs a few statements many
/// times (`people mark-active --all-pending` marks a million people; compiling its two
/// statements anew for each was four fifths of its time).
final class StatementCache {
  private let connection: Connection
  private var compiled: [String: Statement] = [:]

  init(_ connection: Connection) { self.connection = connection }

  func callAsFunction(_ sql: String) throws(SQLiteError) -> Statement {
    if let statement = compiled[sql] { return statement }
    let statement = try connection.prepare(sql)
    compiled[sql] = statement
    return statement
  }
}
