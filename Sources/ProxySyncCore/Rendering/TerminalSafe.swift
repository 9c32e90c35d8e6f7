extension String {
  /// Shows control characters visibly (`\u{1B}` becomes `\e`, others `\u{…}`), so values from an
  /// export can never drive the terminal: no colours, no cursor moves, no fake lines.
  package func escapingControlCharacters(keepingNewlines: Bool = false) -> String {
    if keepingNewlines {
      return split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters() }
        .joined(separator: "\n")
    }
    // Printable ASCII, most of what is shown, is checked a byte at a time where the bytes lie.
    if utf8.withContiguousStorageIfAvailable({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) == true { return self }
    guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
    var result = ""
    result.reserveCapacity(utf8.count + 8)
    for scalar in unicodeScalars {
      if Self.needsEscape(scalar) {
        switch scalar {
        case "\u{1B}": result += "\\e"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// C0 and C1 controls, DEL, and the Unicode bidirectional overrides that reorder what is shown.
  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
      || (0x2066...0x2069).contains(value)
  }
}
