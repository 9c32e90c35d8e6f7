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
    let (isASCII, hasUpper, isAddress) = inspect(text)
    if isASCII {
      let trimmed = text.trimmingWhitespace()
      let value = hasUpper ? trimmed.lowercased() : trimmed
      // Lower-casing ASCII changes letters only, never the shape: with nothing trimmed, the
      // first pass already answered.
      let looksRight = trimmed.utf8.count == text.utf8.count ? isAddress : inspect(value).isAddress
      return looksRight ? .success(EmailAddress(stored: value)) : .failure(.notAnAddress)
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
    return inspect(value).isAddress ? .success(EmailAddress(stored: value)) : .failure(.notAnAddress)
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
    let (isASCII, hasUpper, isAddress) = inspect(text)
    guard isASCII else { return parse(String(decoding: bytes, as: UTF8.self)) }
    // Lower-casing ASCII changes letters only, never the shape `inspect` checks.
    guard isAddress else { return .failure(.notAnAddress) }
    guard hasUpper else { return .success(EmailAddress(stored: String(decoding: bytes, as: UTF8.self))) }
    let lowered = String(unsafeUninitializedCapacity: text.count) { buffer in
      for index in text.indices { buffer[index] = text[index] &- 0x41 < 26 ? text[index] | 0x20 : text[index] }
      return text.count
    }
    return .success(EmailAddress(stored: lowered))
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

  /// `inspect` of a string's UTF-8, where it stands when the string keeps it in one piece.
  private static func inspect(_ text: String) -> (isASCII: Bool, hasUpper: Bool, isAddress: Bool) {
    text.utf8.withContiguousStorageIfAvailable(inspect) ?? Array(text.utf8).withUnsafeBufferPointer(inspect)
  }

  /// One pass over an address's bytes: whether they are all ASCII, whether any is an upper-case
  /// letter, and whether they have an address's shape: one `@`, something on each side, a
  /// dotless-or-dotted domain without empty labels, no spaces. Deliberately loose: Okta already
  /// validated the address; we only catch obvious garbage. A million addresses come through
  /// here, nearly all lower-case letters, digits and dots: each byte is one table lookup, and
  /// only the few that matter take a branch.
  private static func inspect(_ bytes: UnsafeBufferPointer<UInt8>) -> (isASCII: Bool, hasUpper: Bool, isAddress: Bool) {
    var (isASCII, hasUpper, isAddress) = (true, false, bytes.count <= 320)
    var at = -1
    var previous = ByteClass.plain
    byteClasses.withUnsafeBufferPointer { classes in
      for index in bytes.indices {
        let kind = classes[Int(bytes[index])]
        if kind != ByteClass.plain {
          switch kind {
          case ByteClass.upper: hasUpper = true
          case ByteClass.high: isASCII = false
          case ByteClass.at:
            if at >= 0 { isAddress = false }
            at = index
          case ByteClass.dot:
            // Two dots after the `@` are an empty label in the domain.
            if at >= 0, previous == ByteClass.dot { isAddress = false }
          default: isAddress = false  // white space, a control character, DEL, `<`, `>` or `,`
          }
        }
        previous = kind
      }
    }
    isAddress = isAddress && at > 0 && at < bytes.count - 1 && bytes[at + 1] != UInt8(ascii: ".") && bytes[bytes.count - 1] != UInt8(ascii: ".")
    return (isASCII, hasUpper, isAddress)
  }

  /// What `inspect` needs to know of a byte.
  private enum ByteClass {
    static let plain: UInt8 = 0, upper: UInt8 = 1, high: UInt8 = 2, at: UInt8 = 3, dot: UInt8 = 4, refused: UInt8 = 5
  }

  /// Every byte's class: controls, space, DEL, `<`, `>` and `,` refused; bytes from 0x80 high.
  private static let byteClasses: [UInt8] = (0...255).map { byte in
    switch byte {
    case 0x41...0x5A: ByteClass.upper
    case 0x80...: ByteClass.high
    case 0x40: ByteClass.at
    case 0x2E: ByteClass.dot
    case 0...0x20, 0x7F, 0x2C, 0x3C, 0x3E: ByteClass.refused
    default: ByteClass.plain
    }
  }

}

extension String {
  /// Unicode Normalization Form C. The standard library's own normaliser (the one its string
  /// comparison uses) is reachable only through this underscored name; Foundation's would do the
  /// same but the core does without Foundation.
  var nfc: String { String(decoding: _nfcCodeUnits, as: UTF8.self) }

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
