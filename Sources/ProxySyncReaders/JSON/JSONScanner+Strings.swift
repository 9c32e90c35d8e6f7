extension JSONScanner {
  /// Reads a string as a field value: its bytes where they stand when it holds no escapes
  /// (no string is made until someone keeps it), else the decoded text. Refuses invalid UTF-8,
  /// raw control characters and NUL.
  mutating func readFieldValue() throws(JSONSyntaxError) -> FieldValue {
    // Plain ASCII, the usual value, is stepped over by the quick scan: nothing to check after it.
    if takesQuickPaths, offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
      let start = offset
      if skipPlainString() { return .bytes(UnsafeRawBufferPointer(rebasing: bytes[start + 1..<offset - 1])) }
      offset = start
    }
    let (raw, hasEscapes) = try scanCheckedString()
    return hasEscapes ? .string(try unescape(raw)) : .bytes(raw)
  }

  /// Skips a string, with the same checks as `readFieldValue`: a string nobody reads must still
  /// be valid JSON (`\x41` or a short `\u12` makes the file invalid, whatever field holds it).
  mutating func skipString() throws(JSONSyntaxError) {
    let (raw, hasEscapes) = try scanCheckedString()
    if hasEscapes { _ = try unescape(raw) }
  }

  /// A string's content, checked to be UTF-8 (ASCII needs no check), and whether it holds escapes.
  private mutating func scanCheckedString() throws(JSONSyntaxError) -> (UnsafeRawBufferPointer, hasEscapes: Bool) {
    let (start, end, hasEscapes, isASCII) = try scanString()
    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    guard isASCII || String(validating: raw, as: UTF8.self) != nil else {
      throw error("invalid UTF-8 in a string; save the file as UTF-8")
    }
    return (raw, hasEscapes)
  }

  /// Reads an object key as raw bytes (no String made): keys are matched against the few a
  /// record kind wants, and almost all of them are skipped.
  mutating func readKeyBytes() throws(JSONSyntaxError) -> (UnsafeRawBufferPointer, hasEscapes: Bool) {
    let (start, end, hasEscapes, isASCII) = try scanString()
    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    // A key in another encoding means the file is not UTF-8, as a value would.
    guard isASCII || String(validating: raw, as: UTF8.self) != nil else {
      throw error("invalid UTF-8 in a string; save the file as UTF-8")
    }
    return (raw, hasEscapes)
  }

  /// True when every byte is below 0x80, checked eight bytes at a time; ASCII is valid UTF-8.
  static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    let count = raw.count
    while index + 8 <= count {
      if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
      index += 8
    }
    while index < count {
      if raw[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// Finds the string's content range (without quotes) and steps past the closing quote; also
  /// says whether it held escapes and whether it is plain ASCII (then it needs no UTF-8 check).
  ///
  /// Strings are most of a users file, so eight bytes are examined at a time: a word is skipped
  /// whole unless one of its bytes is a quote, a backslash or a control character.
  private mutating func scanString() throws(JSONSyntaxError) -> (Int, Int, Bool, isASCII: Bool) {
    try expect(UInt8(ascii: "\""), "a string")
    let start = offset
    var hasEscapes = false
    var highBits: UInt64 = 0
    let highs: UInt64 = 0x8080_8080_8080_8080
    while true {
      while offset + 8 <= bytes.count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let special = Self.stringStops(in: word)
        if special != 0 {
          // The lowest flag is exact (a borrow only ever flags bytes above a true one): step
          // straight to that byte; those before it are plain.
          let plain = special.trailingZeroBitCount / 8
          highBits |= plain == 0 ? 0 : word & (UInt64.max >> (64 - 8 * plain))
          offset += plain
          break
        }
        highBits |= word
        offset += 8
      }
      guard offset < bytes.count else { break }
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        offset += 1
        return (start, offset - 1, hasEscapes, highBits & highs == 0)
      }
      if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        if offset + 1 < bytes.count { highBits |= UInt64(bytes[offset + 1]) }
        offset += 2
        continue
      }
      if byte < 0x20 {
        throw error(byte == 0 ? "NUL byte inside a string" : byte == 0x0A ? "unterminated string (line break inside quotes)" : "raw control character 0x\(String(byte, radix: 16)) inside a string; escape it")
      }
      highBits |= UInt64(byte)
      offset += 1
    }
    throw error("unterminated string at end of file; the file looks truncated")
  }

  /// The high bit of every byte of `word` that ends a plain run in a string: a quote, a
  /// backslash or a control character (zero after the xor, or below 0x20). The lowest flag is
  /// exact (a borrow only ever flags bytes above a true one); higher ones may be false.
  @inline(__always)
  static func stringStops(in word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    return (((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)) & (ones &* 0x80)
  }

  /// Decodes a key that held escapes, reporting problems at `line`.
  static func decodeKey(_ raw: UnsafeRawBufferPointer, line: Int) throws(JSONSyntaxError) -> String {
    try JSONScanner(bytes: raw, startLine: line).unescape(raw)
  }

  private func unescape(_ raw: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> String {
    var scalars = String.UnicodeScalarView()
    var index = 0
    var plain: [UInt8] = []
    func flushPlain() throws(JSONSyntaxError) {
      guard !plain.isEmpty else { return }
      guard let text = String(validating: plain, as: UTF8.self) else {
        throw error("invalid UTF-8 in a string; save the file as UTF-8")
      }
      scalars.append(contentsOf: text.unicodeScalars)
      plain.removeAll(keepingCapacity: true)
    }
    while index < raw.count {
      let byte = raw[index]
      guard byte == UInt8(ascii: "\\") else {
        plain.append(byte)
        index += 1
        continue
      }
      try flushPlain()
      guard index + 1 < raw.count else { throw error("bad escape at end of string") }
      let code = raw[index + 1]
      index += 2
      switch code {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"):
        var value = try hex4(raw, at: index)
        index += 4
        if (0xD800...0xDBFF).contains(value) {
          guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u") else {
            throw error("unpaired surrogate \\u\(String(value, radix: 16)) in a string")
          }
          let low = try hex4(raw, at: index + 2)
          guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in a string") }
          index += 6
          value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard value != 0 else { throw error("NUL character (\\u0000) inside a string") }
        guard let scalar = Unicode.Scalar(value) else { throw error("unpaired surrogate in a string") }
        scalars.append(scalar)
      default:
        throw error("bad escape '\\\(Character(Unicode.Scalar(code)))' in a string")
      }
    }
    try flushPlain()
    return String(scalars)
  }

  private func hex4(_ raw: UnsafeRawBufferPointer, at index: Int) throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= raw.count else { throw error("bad \\u escape in a string") }
    var value: UInt32 = 0
    for byte in raw[index..<index + 4] {
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("bad \\u escape in a string")
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}
