#if PostgreSQL
  /// One row of `COPY … TO STDOUT` in the text format, as libpq hands it over: values split by
  /// tabs, the row ended by a newline, NULL as `\N`, and in a value a backslash before `b`, `f`,
  /// `n`, `r`, `t` or `v` for that control character and before anything else for that
  /// character itself (the server writes a backslash as `\\`). Values are read in place unless
  /// they hold a backslash.
  ///
  /// The row is walked once, when made: where each value ends is kept beside it.
  struct PGCopyOutRow: PGRowValues {
    /// The most values a row may have (the size of `ends`).
    static let maximumColumns = 16

    /// The row without its newline.
    private let bytes: UnsafeRawBufferPointer
    private let columns: Int
    /// Where each value ends (its tab, or the row's end).
    private var ends = InlineArray<16, Int32>(repeating: 0)
    /// Bit `n` set: value `n` holds a backslash.
    private var escaped: UInt16 = 0
    private static let tab = UInt8(ascii: "\t")
    private static let backslash = UInt8(ascii: "\\")

    /// The row `line` holds; nil unless it ends with a newline and has exactly `columns` values,
    /// none ending in a lone backslash.
    init?(_ line: UnsafeRawBufferPointer, columns: Int) {
      precondition(columns <= Self.maximumColumns, "a COPY row of more than \(Self.maximumColumns) values")
      guard line.last == UInt8(ascii: "\n"), line.count <= Int32.max else { return nil }
      bytes = UnsafeRawBufferPointer(rebasing: line.dropLast())
      self.columns = columns
      var value = 0
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        if byte == Self.backslash {
          escaped |= 1 << value
          index += 1
          guard index < bytes.count else { return nil }
        } else if byte == Self.tab {
          guard value + 1 < columns else { return nil }
          ends[value] = Int32(index)
          value += 1
        }
        index += 1
      }
      guard value + 1 == columns else { return nil }
      ends[value] = Int32(bytes.count)
    }

    func withText<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
      precondition(column < columns, "value \(column) of a row of \(columns)")
      return try Self.value(text(column), escaped: escaped & (1 << column) != 0) { try $0.map(body) }
    }

    func forEachValue(columns: Int, _ body: (UnsafeRawBufferPointer?) throws -> Void) rethrows {
      precondition(columns == self.columns, "a row of \(self.columns) values read as \(columns)")
      for column in 0..<columns { try Self.value(text(column), escaped: escaped & (1 << column) != 0, body) }
    }

    /// Value `column` as it came.
    private func text(_ column: Int) -> UnsafeRawBufferPointer {
      let start = column == 0 ? 0 : Int(ends[column - 1]) + 1
      return UnsafeRawBufferPointer(rebasing: bytes[start..<Int(ends[column])])
    }

    /// Hands `body` one value as it was stored: nil for `\N`, unescaped if it holds a backslash.
    private static func value<R>(
      _ text: UnsafeRawBufferPointer, escaped: Bool, _ body: (UnsafeRawBufferPointer?) throws -> R
    ) rethrows -> R {
      guard escaped else { return try body(text) }
      if text.count == 2, text[0] == backslash, text[1] == UInt8(ascii: "N") { return try body(nil) }
      var plain: [UInt8] = []
      plain.reserveCapacity(text.count)
      var iterator = text.makeIterator()
      while let byte = iterator.next() {
        guard byte == backslash, let next = iterator.next() else {
          plain.append(byte)
          continue
        }
        switch next {
        case UInt8(ascii: "b"): plain.append(0x08)
        case UInt8(ascii: "f"): plain.append(0x0C)
        case UInt8(ascii: "n"): plain.append(0x0A)
        case UInt8(ascii: "r"): plain.append(0x0D)
        case UInt8(ascii: "t"): plain.append(0x09)
        case UInt8(ascii: "v"): plain.append(0x0B)
        default: plain.append(next)
        }
      }
      return try plain.withUnsafeBytes { try body($0) }
    }
  }
#endif
