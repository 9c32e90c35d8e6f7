/// One record as read from any format, before its values are checked.
struct RawRecord {
  /// One value per field of the record kind, in `RecordKind.fields` order.
  var values: [FieldValue]
  /// Where the record starts (for CSV: where its row starts, even if quoted fields span lines).
  var line: Int
  /// Byte offset of the record in its file, for progress only.
  var offset: Int = 0
  /// Set when the element was not an object at all (what it was instead).
  var notAnObject: String? = nil
  /// Set when a nested object (such as `profile`) was something else: one message, not one per field.
  var wrongShape: String? = nil
}

/// A field's value as it appeared in the file.
enum FieldValue: Equatable {
  case absent
  case null
  case string(String)
  /// Present but not a string; holds what it was ("a number", "an object").
  case wrongType(String)

  /// The text, with empty strings read as absent.
  var text: String? {
    if case .string(let value) = self, !value.isEmpty { return value }
    return nil
  }
}
