/// Where each row of a file kind came from, kept compactly: a number per row and the file only
/// where it changes (page folders have several files, most exports one). The number is the
/// row's line, or its record number in files whose records all stand on one line.
struct RowSources {
  private(set) var lines: [Int32] = []
  private var files: [(start: Int, name: String, namesRecords: Bool)] = []
  /// The last file's name and numbering, apart, so appending a row compares them without
  /// copying the last entry.
  private var lastName: String?
  private var lastNamesRecords = false

  var count: Int { lines.count }

  mutating func append(_ source: SourceLine) {
    let namesRecords = source.record != nil
    if lastNamesRecords != namesRecords || lastName != source.file {
      files.append((lines.count, source.file, namesRecords))
      (lastName, lastNamesRecords) = (source.file, namesRecords)
    }
    lines.append(Int32(clamping: source.record ?? source.line))
  }

  mutating func reserve(toHold count: Int) { lines.reserve(toHold: count) }

  mutating func append(contentsOf other: RowSources) {
    guard !lines.isEmpty else { return self = other }
    for index in 0..<other.count { append(other[index]) }
  }

  subscript(index: Int) -> SourceLine {
    // Files are few: a linear search from the end is enough.
    guard let file = files.last(where: { $0.start <= index }) else { return SourceLine(file: "", line: Int(lines[index])) }
    let number = Int(lines[index])
    return file.namesRecords ? SourceLine(file: file.name, line: 1, record: number) : SourceLine(file: file.name, line: number)
  }
}
