#if PostgreSQL
  /// Rows for `COPY … FROM STDIN (FORMAT binary)`, written straight from values into bytes.
  ///
  /// A million-person import sends six million rows. Making a `String` of every number and an
  /// array of every row kept the client busier than the server (12 s of CPU of a 27 s import);
  /// in the text format the server then spent two fifths of its `COPY` time splitting lines,
  /// undoing escapes and parsing digits. Here a value is its length and its bytes: text as it
  /// is, integers as eight bytes, so neither side looks inside.
  ///
  /// Every value must be of its column's type exactly (`bigint` for integers, `text` for
  /// strings, `double precision`, `bigint[]`): the server reads the bytes as that type.
  struct PGCopyRows: Sendable {
    /// The format's signature, flags and header extension (none).
    private static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// Where the row being written keeps its number of values, if one is begun.
    private var rowStart: Int?
    private var values: UInt16 = 0
    private var body: [UInt8]
    private(set) var count = 0

    init(capacity: Int = 0) {
      body = Self.header
      body.reserveCapacity(capacity + Self.header.count + 2)
    }

    /// What `COPY` reads (the header, the rows, the trailer), handed over `size` bytes at a time.
    func forEachChunk<E: Error>(of size: Int, _ send: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
      precondition(rowStart == nil, "a row was begun and not ended")
      try body.withUnsafeBufferPointer { (bytes) throws(E) in
        for start in stride(from: 0, to: bytes.count, by: size) {
          try send(UnsafeBufferPointer(rebasing: bytes[start..<min(start + size, bytes.count)]))
        }
      }
      try Self.trailer.withUnsafeBufferPointer { (bytes) throws(E) in try send(bytes) }
    }

    private static let trailer: [UInt8] = [0xFF, 0xFF]

    /// Ends the current row.
    mutating func endRow() {
      let start = rowStart ?? begin()
      body[start] = UInt8(values >> 8)
      body[start + 1] = UInt8(values & 0xFF)
      (rowStart, values) = (nil, 0)
      count += 1
    }

    /// A `text` value (nil is NULL).
    mutating func add(_ value: String?) {
      newValue()
      guard var value else { return append(Int32(-1)) }
      value.withUTF8 { text in
        append(Int32(text.count))
        body.append(contentsOf: text)
      }
    }

    /// A `bigint` value (nil is NULL).
    mutating func add(_ value: Int64?) {
      newValue()
      guard let value else { return append(Int32(-1)) }
      append(Int32(8))
      append(value)
    }

    /// A `double precision` value (nil is NULL).
    mutating func add(_ value: Double?) {
      newValue()
      guard let value else { return append(Int32(-1)) }
      append(Int32(8))
      append(Int64(bitPattern: value.bitPattern))
    }

    /// A `bigint[]` value: one dimension from 1, no NULLs (an empty array has no dimension).
    mutating func add<Values: Collection<Int64>>(array values: Values) {
      newValue()
      let dimensions = values.isEmpty ? 0 : 1
      // Dimensions, NULL flag and element type; per dimension its size and lower bound; per
      // element its length and eight bytes.
      append(Int32(12 + 8 * dimensions + 12 * values.count))
      append(Int32(dimensions))
      append(Int32(0))
      append(Int32(20))  // int8
      if dimensions > 0 {
        append(Int32(values.count))
        append(Int32(1))
      }
      for value in values {
        append(Int32(8))
        append(value)
      }
    }

    private mutating func begin() -> Int {
      rowStart = body.count
      body.append(contentsOf: [0, 0])
      return body.count - 2
    }

    private mutating func newValue() {
      if rowStart == nil { _ = begin() }
      values += 1
    }

    private mutating func append(_ value: Int32) {
      withUnsafeBytes(of: value.bigEndian) { body.append(contentsOf: $0) }
    }

    private mutating func append(_ value: Int64) {
      withUnsafeBytes(of: value.bigEndian) { body.append(contentsOf: $0) }
    }
  }
#endif
