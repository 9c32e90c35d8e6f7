import ProxySyncCore

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

  /// Appends another part's rows: its lines as they are, its files from where they start here.
  mutating func append(contentsOf other: RowSources) {
    guard !lines.isEmpty else { return self = other }
    guard !other.lines.isEmpty else { return }
    for file in other.files where !(file.start == 0 && file.name == lastName && file.namesRecords == lastNamesRecords) {
      files.append((lines.count + file.start, file.name, file.namesRecords))
    }
    lines += other.lines
    (lastName, lastNamesRecords) = (other.lastName, other.lastNamesRecords)
  }

  subscript(index: Int) -> SourceLine {
    // A folder of pages has thousands of files: the last one starting at or before `index`,
    // found by halving.
    let low = partitionPoint(files.count) { files[$0].start <= index }
    guard low > 0 else { return SourceLine(file: "", line: Int(lines[index])) }
    let file = files[low - 1]
    let number = Int(lines[index])
    return file.namesRecords ? SourceLine(file: file.name, line: 1, record: number) : SourceLine(file: file.name, line: number)
  }
}
