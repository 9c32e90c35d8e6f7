#if PostgreSQL
  /// A PostgreSQL failure: the SQLSTATE, the server's or libpq's message, and the SQL (never
  /// its values, which are bound as parameters).
  struct PGError: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String
    var sql: String?

    var description: String {
      var text = message.trimmingCharacters(in: .whitespacesAndNewlines)
      if let sqlState { text += " (SQLSTATE \(sqlState))" }
      if let sql { text += " in: \(sql.prefix(200))" }
      return text
    }

    /// Another transaction holds what this one needs, or a serialization failure: worth retrying.
    var isConflict: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// A unique or foreign-key constraint failed: the data moved under the plan.
    var isConstraint: Bool { sqlState?.hasPrefix("23") ?? false }
  }
#endif
