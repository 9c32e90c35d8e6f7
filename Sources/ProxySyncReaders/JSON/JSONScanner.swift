/// A JSON syntax error at a byte offset and line; the file as a whole cannot be trusted past it.
struct JSONSyntaxError: Error {
  var line: Int
  var message: String
  /// Where in the scanned bytes, for a column in files that are one long line.
  var offset: Int = 0
}

/// Walks JSON bytes without building a tree, counting lines as it goes.
///
/// Foundation's JSONDecoder on Linux reports no position for syntax errors and builds a whole
/// object graph; this reads only the fields a record asks for and skips the rest. JSON cannot
/// hold a raw line break inside a string, so every newline is white space and the line count
/// comes for free from `skipWhitespace`.
struct JSONScanner {
  let bytes: UnsafeRawBufferPointer
  var offset: Int
  /// 1-based line of `offset`; only the scanner's own steps move it.
  var line: Int
  /// Nesting limit: deeper input is refused cleanly instead of overflowing the stack.
  static let maxDepth = 256
  /// Whether plain keys, strings and containers are stepped over by the quick paths
  /// (`JSONScanner+QuickSkip`); false reads everything the careful way, the reference the
  /// quick paths are tested against.
  var takesQuickPaths = true

  init(bytes: UnsafeRawBufferPointer, startLine: Int = 1) {
    self.bytes = bytes
    self.offset = 0
    self.line = startLine
  }

  var isAtEnd: Bool { offset >= bytes.count }

  /// The next significant byte, or nil at the end.
  @inline(__always)
  mutating func peek() -> UInt8? {
    skipWhitespace()
    return offset < bytes.count ? bytes[offset] : nil
  }

  @inline(__always)
  mutating func skipWhitespace() {
    // Compact JSON has no white space between tokens: one comparison decides.
    if offset < bytes.count, bytes[offset] > 0x20 { return }
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x0A: line += 1
      case 0x20, 0x09, 0x0D: break
      default: return
      }
      offset += 1
    }
  }

  func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(line: line, message: message, offset: offset) }

  /// What to say when the input ends where more was required; NDJSON scans one line at a time.
  var endOfInputMessage = "unexpected end of file; the file looks truncated"

  /// The end came where more was required: say so plainly, it is what an operator can act on.
  private func truncated() -> JSONSyntaxError { error(endOfInputMessage) }

  /// Describes what stands at the current position, for "expected …, found …" messages.
  mutating func found() -> String {
    guard let byte = peek() else { return "end of file" }
    switch byte {
    case UInt8(ascii: "{"): return "an object"
    case UInt8(ascii: "["): return "an array"
    case UInt8(ascii: "\""): return "a string"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
    case UInt8(ascii: "n"): return "null"
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
    case 0: return "a NUL byte"
    case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
    default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
  }

  @inline(__always)
  mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
    guard let next = peek() else { throw truncated() }
    guard next == byte else { throw error("expected \(what), found \(found())") }
    offset += 1
  }

  /// Consumes `byte` if it is next.
  @inline(__always)
  mutating func consume(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    offset += 1
    return true
  }

  // MARK: Containers

  /// Steps into an object or array; call `nextMember`/`nextElement` until they return false/nil.
  struct Container { var isFirst = true }

  /// The next key as raw bytes, or nil after the object's closing brace; see `readKeyBytes`.
  mutating func nextKeyBytes(_ container: inout Container) throws(JSONSyntaxError) -> (UnsafeRawBufferPointer, hasEscapes: Bool)? {
    if takesQuickPaths, let key = nextPlainKey(&container) { return (key, false) }
    guard try beginKey(&container) else { return nil }
    let key = try readKeyBytes()
    // Compact JSON has the colon right after the key.
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ":") {
      offset += 1
    } else {
      try expect(UInt8(ascii: ":"), "':' after a key")
    }
    return key
  }

  /// Steps to the next key's opening quote; false at the object's end.
  private mutating func beginKey(_ container: inout Container) throws(JSONSyntaxError) -> Bool {
    // Compact JSON first: `,"` between members, `"` first, `}` last; anything else (white
    // space, a mistake) takes the careful way below.
    if offset + 1 < bytes.count {
      let byte = bytes[offset]
      if container.isFirst {
        if byte == UInt8(ascii: "\"") {
          container.isFirst = false
          return true
        }
      } else if byte == UInt8(ascii: ","), bytes[offset + 1] == UInt8(ascii: "\"") {
        offset += 1
        return true
      }
      if byte == UInt8(ascii: "}") {
        offset += 1
        return false
      }
    }
    if consume(UInt8(ascii: "}")) { return false }
    if peek() == nil { throw truncated() }
    if !container.isFirst { try expect(UInt8(ascii: ","), "',' or '}' in object") }
    container.isFirst = false
    guard peek() == UInt8(ascii: "\"") else { throw error("expected a quoted key in object, found \(found())") }
    return true
  }

  /// True while the array has another element; consumes the separating comma.
  mutating func nextElement(_ container: inout Container) throws(JSONSyntaxError) -> Bool {
    // Between elements, the usual case: the comma right after the last one.
    if !container.isFirst, offset < bytes.count, bytes[offset] == UInt8(ascii: ",") {
      offset += 1
      guard peek() == UInt8(ascii: "]") else { return true }
      throw error("expected a value after ',', found ']'")
    }
    if consume(UInt8(ascii: "]")) { return false }
    if peek() == nil { throw truncated() }
    if !container.isFirst { try expect(UInt8(ascii: ","), "',' or ']' in array") }
    container.isFirst = false
    if peek() == UInt8(ascii: "]") { throw error("expected a value after ',', found ']'") }
    return true
  }

  // MARK: Values

  /// Skips one value of any kind, checking its syntax.
  mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
    guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
    guard let byte = peek() else { throw truncated() }
    if takesQuickPaths, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "["), skipPlainContainer(depth: depth) { return }
    if takesQuickPaths, byte == UInt8(ascii: "\"") {
      let start = offset
      if skipPlainString() { return }
      offset = start
    }
    switch byte {
    case UInt8(ascii: "{"):
      offset += 1
      var container = Container()
      while let (key, hasEscapes) = try nextKeyBytes(&container) {
        if hasEscapes { _ = try Self.decodeKey(key, line: line) }
        try skipValue(depth: depth + 1)
      }
    case UInt8(ascii: "["):
      offset += 1
      var container = Container()
      while try nextElement(&container) { try skipValue(depth: depth + 1) }
    case UInt8(ascii: "\""):
      try skipString()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    default: try skipNumber()
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    guard !skipWord(word) else { return }
    guard offset + word.utf8CodeUnitCount <= bytes.count else { throw truncated() }
    throw error("expected a value, found \(found())")
  }

  /// Reads `null` if it is next.
  mutating func readNull() throws(JSONSyntaxError) -> Bool {
    guard peek() == UInt8(ascii: "n") else { return false }
    try literal("null")
    return true
  }

  /// Steps over a number, checking its syntax; no field we read is a number.
  mutating func skipNumber() throws(JSONSyntaxError) {
    let start = offset
    func digits() -> Int {
      let begin = offset
      while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
      return offset - begin
    }
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
    let integerStart = offset
    let integerDigits = digits()
    guard integerDigits > 0 else { offset = start; throw error("expected a value, found \(found())") }
    guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
      throw error("number with a leading zero; JSON numbers cannot start with 0")
    }
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      guard digits() > 0 else { throw error("expected digits after '.' in number") }
    }
    if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
      offset += 1
      if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
      guard digits() > 0 else { throw error("expected digits in number exponent") }
    }
  }
}
