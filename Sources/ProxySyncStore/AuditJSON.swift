/// Builds the small JSON objects of audit rows directly into a string.
///
/// An import writes one audit row per operation (millions); going through a generic JSON tree
/// for each one cost more than the inserts themselves.
struct AuditJSON {
  private var text = "{"

  init() {}

  /// Adds `"key": value` (null when absent). Keys are ours and need no escaping.
  mutating func add(_ key: String, _ value: String?) {
    if text.utf8.count > 1 { text += "," }
    text += "\""
    text += key
    text += "\":"
    guard let value else { return text += "null" }
    Self.append(value, to: &text)
  }

  var rendered: String { text + "}" }

  /// Escapes quotes, backslashes and control characters; everything else is copied as it is.
  static func append(_ value: String, to text: inout String) {
    text += "\""
    if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      text += value
    } else {
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": text += "\\\""
        case "\\": text += "\\\\"
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        case _ where scalar.value < 0x20:
          let hex = String(scalar.value, radix: 16)
          text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: text.unicodeScalars.append(scalar)
        }
      }
    }
    text += "\""
  }
}
