/// An email address, lower-cased when created: Proxy stores every email in lower case.
package struct EmailAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
  package let rawValue: String

  /// Trims surrounding white space and lower-cases; returns nil when it is not an address.
  package init?(_ text: String) {
    let trimmed = text.trimmingWhitespace()
    // Most addresses are already lower-case ASCII: keep the string rather than copy it.
    let isLowerASCII = !trimmed.utf8.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) }
    let value = isLowerASCII ? trimmed : trimmed.lowercased()
    guard EmailAddress.looksLikeAddress(value) else { return nil }
    rawValue = value
  }

  /// For addresses that were validated before they were stored: the store only ever holds
  /// values made by `init?(_:)`, so reading a million of them back need not check them again.
  package init(stored rawValue: String) { self.rawValue = rawValue }

  package var description: String { rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

  /// One `@`, something on each side, a dotless-or-dotted domain without empty labels, no spaces.
  /// Deliberately loose: Okta already validated the address; we only catch obvious garbage.
  private static func looksLikeAddress(_ value: String) -> Bool {
    let utf8 = value.utf8
    guard utf8.count <= 320, let at = utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
    let local = utf8[..<at]
    let domain = utf8[utf8.index(after: at)...]
    guard !local.isEmpty, !domain.isEmpty, !domain.contains(UInt8(ascii: "@")) else { return false }
    guard domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: ".") else { return false }
    var previous: UInt8 = 0
    for byte in domain {
      if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return false }
      previous = byte
    }
    return !utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: ",") }
  }
}

extension String {
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
