/// An email address as Proxy stores it: Unicode NFC, lower case, no surrounding white space.
///
/// Okta keeps addresses as typed, so one address can arrive in several spellings (`José` with a
/// combining accent or with `é`, a trailing no-break space); normalising at the edge makes them
/// one address for every comparison and in the store.
package struct EmailAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
  package let rawValue: String

  /// Why a text is not an address.
  package enum Problem: Error, Equatable, Sendable {
    case notAnAddress
    /// A character that shows as nothing (zero-width, bidi mark, byte-order mark): two addresses
    /// that look identical would differ, so such an address is refused, never cleaned.
    case invisibleCharacter(Unicode.Scalar)

    /// Says what is wrong with `text`, for a message that quotes it.
    package func describe(_ text: String) -> String {
      switch self {
      case .notAnAddress: return "email \"\(text)\" is not an email address"
      case .invisibleCharacter(let scalar):
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        // Quoted with the invisible characters made visible, so the message shows where it is.
        var shown = ""
        for each in text.unicodeScalars {
          if each.properties.generalCategory == .format { shown += "\\u{\(String(each.value, radix: 16, uppercase: true))}" } else { shown.unicodeScalars.append(each) }
        }
        return "email \"\(shown)\" holds an invisible character (\(code)); fix the address in Okta"
      }
    }
  }

  /// Normalises `text` (trims Unicode white space, NFC, lower case) and checks its shape.
  package static func parse(_ text: String) -> Result<EmailAddress, Problem> {
    // Most addresses are plain ASCII, and most of those lower case: one pass over the bytes says
    // which, and such an address needs no Unicode tables (a million users pass through here).
    let (isASCII, hasUpper) = text.utf8.withContiguousStorageIfAvailable(asciiAndUpper) ?? asciiAndUpper(Array(text.utf8))
    if isASCII {
      let trimmed = text.trimmingWhitespace()
      let value = hasUpper ? trimmed.lowercased() : trimmed
      return looksLikeAddress(value) ? .success(EmailAddress(stored: value)) : .failure(.notAnAddress)
    }
    var scalars = Substring(text).unicodeScalars
    while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
    for scalar in scalars {
      switch scalar.properties.generalCategory {
      case .format, .control: return .failure(.invisibleCharacter(scalar))
      default: if scalar.properties.isWhitespace { return .failure(.notAnAddress) }
      }
    }
    // NFC before and after lower-casing: lower-casing can decompose (İ becomes i and a dot).
    let value = String(String(scalars).nfc.lowercased()).nfc
    return looksLikeAddress(value) ? .success(EmailAddress(stored: value)) : .failure(.notAnAddress)
  }

  /// `parse` for an address as UTF-8 bytes (an export's field where it stands in the file). The
  /// usual address, plain ASCII with nothing to trim, is checked and lower-cased from the bytes
  /// and becomes a string once; anything else is parsed as text, so both give the same answer.
  package static func parse(utf8 bytes: UnsafeRawBufferPointer) -> Result<EmailAddress, Problem> {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    let text = bytes.assumingMemoryBound(to: UInt8.self)
    guard let first = text.first, let last = text.last, !isSpace(first), !isSpace(last) else {
      return parse(String(decoding: bytes, as: UTF8.self))
    }
    let (isASCII, hasUpper) = asciiAndUpper(text)
    guard isASCII else { return parse(String(decoding: bytes, as: UTF8.self)) }
    // Lower-casing ASCII changes letters only, never the shape `looksLikeAddress` checks.
    guard looksLikeAddress(text) else { return .failure(.notAnAddress) }
    guard hasUpper else { return .success(EmailAddress(stored: String(decoding: bytes, as: UTF8.self))) }
    let lowered = String(unsafeUninitializedCapacity: text.count) { buffer in
      for index in text.indices { buffer[index] = text[index] &- 0x41 < 26 ? text[index] | 0x20 : text[index] }
      return text.count
    }
    return .success(EmailAddress(stored: lowered))
  }

  private static func asciiAndUpper<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> (isASCII: Bool, hasUpper: Bool) {
    var hasUpper = false
    for byte in bytes {
      if byte >= 0x80 { return (false, hasUpper) }
      if byte &- 0x41 < 26 { hasUpper = true }
    }
    return (true, hasUpper)
  }

  /// Normalises and checks; nil when it is not an address (see `parse` for why).
  package init?(_ text: String) {
    guard case .success(let email) = Self.parse(text) else { return nil }
    self = email
  }

  /// For addresses that were validated before they were stored: the store only ever holds
  /// values made by `init?(_:)`, so reading a million of them back need not check them again.
  package init(stored rawValue: String) { self.rawValue = rawValue }

  package var description: String { rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

  /// One `@`, something on each side, a dotless-or-dotted domain without empty labels, no spaces.
  /// Deliberately loose: Okta already validated the address; we only catch obvious garbage.
  private static func looksLikeAddress(_ value: String) -> Bool {
    // One pass over the bytes where they stand (a million addresses come through here).
    value.utf8.withContiguousStorageIfAvailable(looksLikeAddress) ?? Array(value.utf8).withUnsafeBufferPointer(looksLikeAddress)
  }

  private static func looksLikeAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count <= 320 else { return false }
    var at = -1
    var previous: UInt8 = 0
    for index in bytes.indices {
      let byte = bytes[index]
      if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: ",") { return false }
      if byte == UInt8(ascii: "@") {
        guard at < 0 else { return false }
        at = index
      } else if at >= 0, byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") {
        return false  // an empty label in the domain
      }
      previous = byte
    }
    guard at > 0, at < bytes.count - 1 else { return false }
    return bytes[at + 1] != UInt8(ascii: ".") && bytes[bytes.count - 1] != UInt8(ascii: ".")
  }

}

extension String {
  /// Unicode Normalization Form C. The standard library's own normaliser (the one its string
  /// comparison uses) is reachable only through this underscored name; Foundation's would do the
  /// same but the core does without Foundation.
  var nfc: String { String(decoding: _nfcCodeUnits, as: UTF8.self) }

  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }

  /// Removes leading and trailing spaces, tabs and line breaks (ASCII white space only).
  package func trimmingWhitespace() -> String {
    // Almost every value has nothing to trim: check the first and last bytes before walking characters.
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last else { return self }
    func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    if !isSpaceByte(first) && !isSpaceByte(last) { return self }
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
    guard let last = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[first...last])
  }
}
