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

  private static func line(_ row: [String], _ widths: [Int]) -> String {
    row.enumerated().map { index, cell in
      index == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.count))
    }.joined(separator: "  ") + "\n"
  }
}
