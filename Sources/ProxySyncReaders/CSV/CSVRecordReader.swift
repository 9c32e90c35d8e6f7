import ProxySyncCore

/// Reads a CSV file of one record kind: a header row naming columns, then one record per row.
///
/// Columns are matched by header name, ignoring case and surrounding spaces: the names in
/// `RecordKind.fields` (Okta's: `id`, `email`, `firstName`, …), the JSON path (`profile.email`)
/// or Okta's attribute label (`Primary email`, `First name`). Order does not matter and unknown
/// columns are ignored; a missing required column is an error naming it. A missing optional
/// column is handed to `onMissingColumns`: that attribute was not exported, which is not the
/// same as empty. Every value is text; an empty cell means no value.
struct CSVRecordReader {
  let kind: RecordKind
  let file: String
  var fields: [FieldSpec]
  /// Hears the indexes (into `fields`) of the optional fields the header has no column for.
  var onMissingColumns: ([Int]) -> Void = { _ in }

  init(kind: RecordKind, file: String, fields: [FieldSpec]? = nil) {
    self.kind = kind
    self.file = file
    self.fields = fields ?? kind.fields
  }

  /// - Returns: a problem that makes the rest of the file unreadable, if any. A row with the
  ///   wrong number of fields becomes a record whose problem the decoder reports.
  func read(_ bytes: UnsafeRawBufferPointer, onRecord: (RawRecord) -> Void) -> Diagnostic? {
    if let problem = EncodingCheck.problem(in: bytes) { return .error(file, line: 1, problem) }
    let content = UnsafeRawBufferPointer(rebasing: bytes[EncodingCheck.bomLength(bytes)...])
    var parser = CSVParser(bytes: content)
    do throws(CSVProblem) {
      var cells: [FieldValue] = []
      guard let headerLine = try parser.nextRow(into: &cells) else {
        return .error(file, line: 1, "empty file; a CSV export needs at least its header row")
      }
      let header = cells.map { $0.text ?? "" }
      let columns: [Int?]
      switch Self.match(header: header, to: fields) {
      case .success(let matched): columns = matched
      case .failure(let error): return .error(file, line: headerLine, error.message)
      }
      let missing = columns.indices.filter { columns[$0] == nil }
      if !missing.isEmpty { onMissingColumns(missing) }
      var record = RawRecord(fieldCount: columns.count)
      while true {
        let rowStart = parser.offset
        guard let line = try parser.nextRow(into: &cells) else { break }
        // A blank line holds nothing at all; a row holding `""` is a record with an empty value.
        if cells.count == 1, content[rowStart] == 0x0A || content[rowStart] == 0x0D { continue }
        record.reset(line: line, offset: parser.offset)
        for (index, column) in columns.enumerated() {
          if let column, column < cells.count { record.values[index] = cells[column] }
        }
        if cells.count != header.count {
          record.wrongShape = "row has \(cells.count) fields, the header has \(header.count)"
        }
        onRecord(record)
      }
      return nil
    } catch {
      return .error(file, line: error.line, error.message)
    }
  }

  /// For each field, the index of its column (nil when absent), or the missing required columns.
  static func match(header: [String], to fields: [FieldSpec]) -> Result<[Int?], MatchError> {
    let names = header.map { $0.trimmingWhitespace().lowercased() }
    var missing: [String] = []
    let columns = fields.map { field -> Int? in
      // The first of the field's names the header has wins (its own name before a label).
      let index = field.columnNames.lazy.compactMap { names.firstIndex(of: $0) }.first
      if index == nil, field.isRequired { missing.append(field.csvColumn) }
      return index
    }
    guard missing.isEmpty else {
      let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
      return .failure(MatchError(message: "missing required column\(missing.count == 1 ? "" : "s") \(list) in the header"))
    }
    return .success(columns)
  }

  struct MatchError: Error { var message: String }
}
