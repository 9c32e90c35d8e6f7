#if PostgreSQL
  /// Rows for `COPY … FROM STDIN` in its text format, written straight from values into bytes.
  ///
  /// A million-person import sends six million rows; making a `String` of every number and an
  /// array of every row first kept the client busier than the server (12 s of CPU of a 27 s
  /// import, the server waiting on it).
  struct PGCopyRows {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0
    /// No value of the current row written yet: the next one needs no tab before it.
    private var atRowStart = true

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Rows of text values (nil is NULL), for tables copied whole.
    init(rows: [[String?]]) {
      for row in rows {
        for value in row { add(value) }
        endRow()
      }
    }

    var isEmpty: Bool { count == 0 && atRowStart }

    /// Ends the current row.
    mutating func endRow() {
      bytes.append(0x0A)
      atRowStart = true
      count += 1
    }

    private mutating func separate() {
      if !atRowStart { bytes.append(0x09) }
      atRowStart = false
    }

    /// A text value (nil is NULL); backslash, tab and line breaks escaped.
    mutating func add(_ value: String?) {
      separate()
      guard var value else { return appendNull() }
      value.withUTF8 { appendEscaped($0) }
    }

    /// An integer value (nil is NULL), as its decimal digits.
    mutating func add(_ value: Int64?) {
      separate()
      guard let value else { return appendNull() }
      appendDecimal(value)
    }

    /// Integers as one `bigint[]` value (`{1,2,3}`): digits and commas need no escaping.
    mutating func add<Values: Sequence<Int64>>(array values: Values) {
      separate()
      bytes.append(UInt8(ascii: "{"))
      var first = true
      for value in values {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        appendDecimal(value)
      }
      bytes.append(UInt8(ascii: "}"))
    }

    private mutating func appendNull() { bytes.append(contentsOf: [0x5C, 0x4E]) }  // \N

    private mutating func appendDecimal(_ value: Int64) {
      if value < 0 { bytes.append(UInt8(ascii: "-")) }
      var magnitude = value.magnitude
      // Int64's magnitude has at most 19 digits: written backwards into a fixed buffer.
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var start = 20
        repeat {
          start -= 1
          digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
        } while magnitude > 0
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
      }
    }

    /// Copies runs of plain bytes whole; only `\`, tab, line feed and carriage return change.
    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
      var plain = 0
      for (index, byte) in text.enumerated() {
        let escaped: UInt8
        switch byte {
        case 0x5C: escaped = 0x5C
        case 0x09: escaped = UInt8(ascii: "t")
        case 0x0A: escaped = UInt8(ascii: "n")
        case 0x0D: escaped = UInt8(ascii: "r")
        default: continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plain..<index]))
        bytes.append(contentsOf: [0x5C, escaped])
        plain = index + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[plain...]))
    }
  }
#endif
