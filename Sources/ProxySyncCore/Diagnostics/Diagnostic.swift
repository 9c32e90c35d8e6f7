/// One problem found in the input, located by file and line (and Okta id where there is one).
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  package enum Severity: String, Sendable { case error, warning }

  package var severity: Severity
  /// The file's path relative to the export folder, e.g. `users.json` or `users/page-002.json`.
  package var file: String
  /// 1-based; nil when the problem is about the file as a whole.
  package var line: Int?
  /// 1-based, in bytes; only where a line is too long to search (a raw API page is one line).
  package var column: Int? = nil
  package var message: String
  /// The problem concerns one record, which can be left out (`--quarantine-invalid`); other
  /// problems (syntax, encoding, missing files) make the whole export untrustworthy.
  package var isRecordLevel: Bool

  package init(_ severity: Severity, file: String, line: Int? = nil, _ message: String, isRecordLevel: Bool = false) {
    self.severity = severity
    self.file = file
    self.line = line
    self.message = message
    self.isRecordLevel = isRecordLevel
  }

  package static func error(_ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
    Diagnostic(.error, file: file, line: line, message)
  }

  package static func warning(_ file: String, line: Int? = nil, _ message: String) -> Diagnostic {
    Diagnostic(.warning, file: file, line: line, message)
  }

  /// An error about one record only.
  package static func recordError(_ file: String, line: Int?, _ message: String) -> Diagnostic {
    Diagnostic(.error, file: file, line: line, message, isRecordLevel: true)
  }

  /// Rendered like a compiler: `users.json:14: error: duplicate email "ann@example.com"`.
  package var description: String {
    let location = line.map { "\(file):\($0)\(column.map { ":\($0)" } ?? "")" } ?? file
    return "\(location): \(severity.rawValue): \(message.escapingControlCharacters())"
  }
}

extension Array where Element == Diagnostic {
  package var errors: [Diagnostic] { filter { $0.severity == .error } }
  package var warnings: [Diagnostic] { filter { $0.severity == .warning } }

  /// The first `limit` diagnostics one per line, then "and N more" so a flood stays readable.
  package func rendered(limit: Int = 50) -> String {
    var lines = prefix(limit).map(\.description)
    if count > limit { lines.append("… and \(count - limit) more") }
    return lines.joined(separator: "\n")
  }
}

/// A single diagnostic can stand as the failure of a step that finds one problem.
extension Diagnostic: Error {}
