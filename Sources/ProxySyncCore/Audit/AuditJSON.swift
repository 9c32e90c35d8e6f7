/// Builds the small JSON objects of audit rows directly as UTF-8 bytes.
///
/// An import writes an audit row per person created (a million); going through a generic JSON
/// tree, or appending to a `String` piece by piece, cost more than the inserts themselves.
package struct AuditJSON {
  private var bytes: [UInt8] = [UInt8(ascii: "{")]

  package init() { bytes.reserveCapacity(256) }

  /// Adds `"key": value` (null when absent). Keys are ours and need no escaping.
  package mutating func add(_ key: String, _ value: String?) {
    if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: key.utf8)
    bytes.append(contentsOf: "\":".utf8)
    guard var value else { return bytes.append(contentsOf: "null".utf8) }
    let plain = value.withUTF8 { text in
      guard !text.contains(where: Self.needsEscaping) else { return false }
      bytes.append(UInt8(ascii: "\""))
      bytes.append(contentsOf: text)
      bytes.append(UInt8(ascii: "\""))
      return true
    }
    guard !plain else { return }
    var escaped = ""
    JSONValue.appendString(value, to: &escaped)
    bytes.append(contentsOf: escaped.utf8)
  }

  package var rendered: String { String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self) }

  /// The bytes `JSONValue.appendString` would change (0xE2 starts U+2028 and U+2029).
  private static func needsEscaping(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
  }
}
