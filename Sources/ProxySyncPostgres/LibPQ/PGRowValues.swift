#if PostgreSQL
  /// One row's values as the server wrote them (text), wherever they are held: in libpq's
  /// result, or copied out of it. Domain values are read from rows through this, once.
  protocol PGRowValues {
    /// The value's bytes, for as long as `body` runs; nil for NULL.
    func withText<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R?

    /// The first `columns` values in order (nil for NULL), for a row read whole.
    func forEachValue(columns: Int, _ body: (UnsafeRawBufferPointer?) throws -> Void) rethrows
  }

  extension PGRowValues {
    func forEachValue(columns: Int, _ body: (UnsafeRawBufferPointer?) throws -> Void) rethrows {
      for column in 0..<columns {
        if try withText(column, body) == nil { try body(nil) }
      }
    }

    /// Made from the bytes with their length (PostgreSQL text holds no zero byte), so no second
    /// pass looks for the end.
    func text(_ column: Int) -> String? { withText(column) { String(decoding: $0, as: UTF8.self) } }

    /// Read in place, without a `String` between (a million-person snapshot reads ten million);
    /// 0 for NULL or anything that is not a 64-bit decimal integer.
    func integer(_ column: Int) -> Int64 { withText(column) { PGResult.decimal($0) ?? 0 } ?? 0 }
  }

  /// A row of a result, where libpq holds it.
  struct PGRow: PGRowValues {
    let result: PGResult
    let index: Int

    func withText<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
      try result.withText(index, column, body)
    }
  }
#endif
