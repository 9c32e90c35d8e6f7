import ProxySyncCore

/// Reads newline-delimited JSON: one object per line, blank lines ignored.
///
/// A zero-byte file is refused: unlike `[]` in JSON, it cannot be told apart from a file that
/// was lost on the way, and reading it as "nobody" would deactivate everyone.
struct NDJSONRecordReader {
  let kind: RecordKind
  let file: String
  /// The fields to read: the kind's, unless a file of it holds other records (member listings).
  var fields: [FieldSpec]

  init(kind: RecordKind, file: String, fields: [FieldSpec]? = nil) {
    self.kind = kind
    self.file = file
    self.fields = fields ?? kind.fields
  }

  /// - Returns: the first syntax or encoding problem; every line is still checked, and later
  ///   bad lines are handed to `onProblem`.
  func read(
    _ bytes: UnsafeRawBufferPointer, onRecord: (RawRecord) -> Void, onProblem: (Diagnostic) -> Void
  ) -> Diagnostic? {
    let tree = FieldTree(fields)
    if let problem = EncodingCheck.problem(in: bytes) { return .error(file, line: 1, problem) }
    let content = UnsafeRawBufferPointer(rebasing: bytes[EncodingCheck.bomLength(bytes)...])
    guard content.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
      return .error(file, line: 1, "empty file; an export with no \(kind.recordName)s must still be written (use \(kind.baseName).json holding [])")
    }
    // JSON strings cannot hold a raw line break, so every record lies within one line: each line
    // is scanned on its own, and an error there cannot hide the lines after it.
    var first: Diagnostic?
    var record = RawRecord(fieldCount: tree.count)
    var lineNumber = 0
    var start = 0
    while start < content.count {
      lineNumber += 1
      let end = content[start...].firstIndex(of: 0x0A) ?? content.count
      let lineStart = start
      var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(rebasing: content[start..<end]), startLine: lineNumber)
      scanner.endOfInputMessage = "the line ends inside the record; each record must be one whole JSON object on one line"
      start = end + 1
      guard scanner.peek() != nil else { continue }
      do throws(JSONSyntaxError) {
        try JSONRecordReader.readRecord(&scanner, tree: tree, into: &record)
        record.offset = lineStart
        if scanner.peek() != nil {
          throw scanner.error("expected one JSON object per line, found more after the record")
        }
        onRecord(record)
      } catch {
        let diagnostic = Diagnostic.error(file, line: error.line, error.message)
        if first == nil { first = diagnostic } else { onProblem(diagnostic) }
      }
    }
    return first
  }
}
