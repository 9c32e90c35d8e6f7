import ProxySyncCore

/// Aligned columns for listings; every cell is escaped so data cannot drive the terminal.
enum Table {
  static func render(_ headers: [String], _ rows: [[String]]) -> String {
    let cells = [headers] + rows.map { $0.map { $0.escapingControlCharacters() } }
    var widths = Array(repeating: 0, count: headers.count)
    for row in cells { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    return cells.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
