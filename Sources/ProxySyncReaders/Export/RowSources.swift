/// Where each row of a file kind came from, kept compactly: a line per row and the file only
/// where it changes (page folders have several files, most exports one).
struct RowSources {
  private(set) var lines: [Int32] = []
  private var files: [(start: Int, name: String)] = []

  var count: Int { lines.count }

  mutating func append(file: String, line: Int) {
    if files.last?.name != file { files.append((lines.count, file)) }
    lines.append(Int32(clamping: line))
  }

  mutating func reserveCapacity(_ count: Int) { lines.reserveCapacity(count) }

  mutating func append(contentsOf other: RowSources) {
    guard !lines.isEmpty else { return self = other }
    for index in 0..<other.count { append(file: other[index].file, line: other[index].line) }
  }

  subscript(index: Int) -> SourceLine {
    // Files are few: a linear search from the end is enough.
    SourceLine(file: files.last { $0.start <= index }?.name ?? "", line: Int(lines[index]))
  }
}
