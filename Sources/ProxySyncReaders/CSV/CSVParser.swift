/// A CSV problem at a line; the parser cannot go on past it (an unterminated quote, bad encoding).
struct CSVProblem: Error {
  var line: Int
  var message: String
}

/// Splits RFC 4180 CSV bytes into rows of fields, remembering the line each row starts on.
///
/// Quoted fields may hold commas, doubled quotes and line breaks (so a row can span lines);
/// rows end with LF or CRLF. Works on UTF-8 bytes: every delimiter is ASCII, so fields can be
/// sliced without decoding characters, and each field is validated as UTF-8 once.
struct CSVParser {
  private let bytes: UnsafeRawBufferPointer
  private(set) var offset = 0
  private(set) var line = 1

  init(bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

  /// Reads the next row into `fields` (reusing its storage); returns the line it starts on, or
  /// nil at the end. Fields point into the file's bytes unless they held doubled quotes.
  mutating func nextRow(into fields: inout [FieldValue]) throws(CSVProblem) -> Int? {
    fields.removeAll(keepingCapacity: true)
    guard offset < bytes.count else { return nil }
    let startLine = line
    while true {
      let (field, endOfRow) = try readField(startLine: startLine)
      fields.append(field)
      if endOfRow { return startLine }
    }
  }

  /// Reads one field and the delimiter after it; true when that delimiter ended the row.
  private mutating func readField(startLine: Int) throws(CSVProblem) -> (FieldValue, Bool) {
    if offset < bytes.count, bytes[offset] == Self.quote {
      return try readQuotedField()
    }
    let start = offset
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
      // A quote inside an unquoted field (`5" screen`) is kept as it is, as spreadsheets do.
      if byte == 0 { throw CSVProblem(line: line, message: "NUL byte in a field") }
      offset += 1
    }
    let field = try text(start, offset, line: line)
    return (field, try delimiter())
  }

  private mutating func readQuotedField() throws(CSVProblem) -> (FieldValue, Bool) {
    let openLine = line
    offset += 1
    var pieces: [UInt8] = []
    var hasDoubledQuotes = false
    var start = offset
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == Self.quote {
        if offset + 1 < bytes.count, bytes[offset + 1] == Self.quote {
          pieces.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...offset]))
          hasDoubledQuotes = true
          offset += 2
          start = offset
          continue
        }
        let field: FieldValue
        if hasDoubledQuotes {
          pieces.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
          guard let text = String(validating: pieces, as: UTF8.self) else {
            throw CSVProblem(line: openLine, message: "invalid UTF-8; save the file as UTF-8")
          }
          field = .string(text)
        } else {
          field = try text(start, offset, line: openLine)
        }
        offset += 1
        if offset < bytes.count, bytes[offset] != Self.comma, bytes[offset] != Self.lf, bytes[offset] != Self.cr {
          throw CSVProblem(line: line, message: "text after a closing quote; double quotes inside a quoted field")
        }
        return (field, try delimiter())
      }
      if byte == 0 { throw CSVProblem(line: line, message: "NUL byte in a field") }
      if byte == Self.lf { line += 1 }
      offset += 1
    }
    throw CSVProblem(line: openLine, message: "unterminated quoted field (the quote opened here never closes)")
  }

  /// Consumes a comma (false) or a line ending (true); at the end of the file, true.
  private mutating func delimiter() throws(CSVProblem) -> Bool {
    guard offset < bytes.count else { return true }
    switch bytes[offset] {
    case Self.comma:
      offset += 1
      return false
    case Self.cr:
      offset += 1
      if offset < bytes.count, bytes[offset] == Self.lf { offset += 1 }
      line += 1
      return true
    default:
      offset += 1
      line += 1
      return true
    }
  }

  /// The field's bytes where they stand, once checked to be UTF-8.
  private func text(_ start: Int, _ end: Int, line: Int) throws(CSVProblem) -> FieldValue {
    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    guard JSONScanner.isASCII(raw) || String(validating: raw, as: UTF8.self) != nil else {
      throw CSVProblem(line: line, message: "invalid UTF-8; save the file as UTF-8")
    }
    return .bytes(raw)
  }
}
