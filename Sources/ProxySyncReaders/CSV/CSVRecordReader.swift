import ProxySyncCore

/// Reads a CSV file of one record kind: a header row naming columns, then one record per row.
///
/// Columns are matched by header name, ignoring case and surrounding spaces: the names in
/// `RecordKind.fields` (Okta's: `id`, `email`, `firstName`, …) or the JSON path (`profile.email`).
/// Order does not matter and unknown columns are ignored; a missing required column is an
/// error naming it. Every value is text; an empty cell means no value.
struct CSVRecordReader {
  let kind: RecordKind
  let file: String

  /// - Returns: a problem that makes the rest of the file unreadable, if any. A row with the
  ///   wrong number of fields becomes a record whose problem the decoder reports.
  func read(_ bytes: UnsafeRawBufferPointer, onRecord: (RawRecord) -> Void) -> Diagnostic? {
    if let problem = EncodingCheck.problem(in: bytes) { return .error(file, line: 1, problem) }
    var parser = CSVParser(bytes: UnsafeRawBufferPointer(rebasing: bytes[EncodingCheck.bomLength(bytes)...]))
    do throws(CSVProblem) {
      var fields: [FieldValue] = []
      guard let headerLine = try parser.nextRow(into: &fields) else {
        return .error(file, line: 1, "empty file; a CSV export needs at least its header row")
      }
      let header = fields.map { $0.text ?? "" }
      let columns: [Int?]
      switch Self.match(header: header, to: kind.fields) {
      case .success(let matched): columns = matched
      case .failure(let error): return .error(file, line: headerLine, error.message)
      }
      var record = RawRecord(fieldCount: columns.count)
      while let line = try parser.nextRow(into: &fields) {
        if fields.count == 1, fields[0].text == nil { continue }  // a blank line
        record.reset(line: line, offset: parser.offset)
        for (index, column) in columns.enumerated() {
          if let column, column < fields.count { record.values[index] = fields[column] }
        }
        if fields.count != header.count {
          record.wrongShape = "row has \(fields.count) fields, the header has \(header.count)"
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
      let aliases = [field.csvColumn.lowercased(), field.path.joined(separator: ".").lowercased()]
      let index = names.firstIndex { aliases.contains($0) }
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
