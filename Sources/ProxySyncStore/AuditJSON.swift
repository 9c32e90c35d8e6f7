import ProxySyncCore

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
    JSONValue.appendString(value, to: &text)
  }

  var rendered: String { text + "}" }
}
