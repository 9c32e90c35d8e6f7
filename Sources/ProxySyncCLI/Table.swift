import ProxySyncCore

/// Aligned columns for listings; every cell is escaped so data cannot drive the terminal.
enum Table {
  static func render(_ headers: [String], _ rows: [[String]]) -> String {
    var text = ""
    var table = StreamedTable(headers, sample: Int.max) { text += $0 }
    for row in rows { table.add(row) }
    table.finish()
    return text
  }
}

/// A table written as its rows come: the column widths are those of the first `sample` rows
/// (a longer cell further down pushes its own line's next columns along, and is never cut), so
/// a listing of a million rows holds `sample` of them at most.
struct StreamedTable {
  private let headers: [String]
  private let sample: Int
  private let write: (String) -> Void
  private var waiting: [[String]] = []
  private var widths: [Int]?

  init(_ headers: [String], sample: Int = 1_000, write: @escaping (String) -> Void) {
    self.headers = headers
    self.sample = sample
    self.write = write
  }

  mutating func add(_ row: [String]) {
    let cells = row.map { $0.escapingControlCharacters() }
    guard let widths else {
      waiting.append(cells)
      if waiting.count >= sample { start() }
      return
    }
    write(Self.line(cells, widths))
  }

  /// Writes what is still held back; the table is complete.
  mutating func finish() {
    if widths == nil { start() }
  }

  private mutating func start() {
    var widths = headers.map(\.count)
    for row in waiting { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    self.widths = widths
    write(Self.line(headers, widths))
    for row in waiting { write(Self.line(row, widths)) }
    waiting = []
  }

  /// One line, made in one string (a million-row listing makes a million of them).
  private static func line(_ row: [String], _ widths: [Int]) -> String {
    var line = ""
    line.reserveCapacity(row.reduce(2 * row.count) { $0 + $1.utf8.count } + widths.reduce(0, +))
    for (index, cell) in row.enumerated() {
      if index > 0 { line += "  " }
      line += cell
      if index < row.count - 1 { line += padding(max(0, widths[index] - cell.count)) }
    }
    line += "\n"
    return line
  }

  /// `count` spaces; the usual widths made once.
  private static func padding(_ count: Int) -> String {
    count < paddings.count ? paddings[count] : String(repeating: " ", count: count)
  }
  private static let paddings = (0..<64).map { String(repeating: " ", count: $0) }
}
