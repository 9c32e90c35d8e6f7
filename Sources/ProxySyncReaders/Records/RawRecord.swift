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

  init(values: [FieldValue], line: Int, offset: Int = 0) {
    self.values = values
    self.line = line
    self.offset = offset
  }

  /// An empty record to read into, again and again.
  init(fieldCount: Int) { self.init(values: Array(repeating: .absent, count: fieldCount), line: 0) }

  /// Empties the record for the next one, keeping its storage.
  mutating func reset(line: Int, offset: Int) {
    for index in values.indices { values[index] = .absent }
    self.line = line
    self.offset = offset
    notAnObject = nil
    wrongShape = nil
  }
}

/// A field's value as it appeared in the file.
enum FieldValue {
  case absent
  case null
  case string(String)
  /// Text as it stands in the file, already checked to be UTF-8 and free of escapes: most values
  /// are read this way, and only those that are kept become strings. Valid only while the
  /// record is being handed over, since it points into the file's bytes.
  case bytes(UnsafeRawBufferPointer)
  /// Present but not a string; holds what it was ("a number", "an object").
  case wrongType(String)

  /// The text, with empty strings read as absent.
  var text: String? {
    switch self {
    case .string(let value) where !value.isEmpty: value
    case .bytes(let bytes) where !bytes.isEmpty: String(decoding: bytes, as: UTF8.self)
    default: nil
    }
  }

  /// True when there is no text, or only white space.
  var isBlank: Bool {
    withTrimmedBytes { $0.isEmpty } ?? true
  }

  /// Calls `body` with the text's bytes without surrounding white space; nil when not text.
  func withTrimmedBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
    switch self {
    case .bytes(let bytes): return body(bytes.trimmingWhitespace())
    case .string(var value): return value.withUTF8 { body(UnsafeRawBufferPointer($0).trimmingWhitespace()) }
    default: return nil
    }
  }
}

extension UnsafeRawBufferPointer {
  /// The bytes without leading and trailing ASCII spaces, tabs and line breaks.
  func trimmingWhitespace() -> UnsafeRawBufferPointer {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    var start = 0
    var end = count
    while start < end, isSpace(self[start]) { start += 1 }
    while end > start, isSpace(self[end - 1]) { end -= 1 }
    return start == 0 && end == count ? self : UnsafeRawBufferPointer(rebasing: self[start..<end])
  }
}
