/// One command-line option, declared once: a command's accepted options and its `--help` lines
/// are both made from its list of these, so they cannot drift apart.
struct Option: Hashable, Sendable {
  let name: String
  /// What the value looks like (`PATH`, `N|P%`); nil for a flag.
  let value: String?
  /// One line (more lines after a line break) for `--help`.
  let help: String

  init(_ name: String, _ value: String? = nil, _ help: String) {
    self.name = name
    self.value = value
    self.help = help
  }

  var isFlag: Bool { value == nil }

  /// The options part of a help text: name and value in one column, help beside it.
  static func help(_ options: [Option]) -> String {
    let width = max(24, (options.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0) + 2)
    return options.map { option in
      let head = option.name + (option.value.map { " " + $0 } ?? "")
      let lines = option.help.split(separator: "\n", omittingEmptySubsequences: false)
      let pad = String(repeating: " ", count: width - head.count)
      return (["  \(head)\(pad)\(lines[0])"] + lines.dropFirst().map { "  " + String(repeating: " ", count: width) + $0 })
        .joined(separator: "\n")
    }.joined(separator: "\n")
  }
}

/// What a command can print.
enum OutputFormat: String, CaseIterable, Sendable {
  case text, json, csv, html
}

extension Option {
  static let store = Option("--store", "PATH|URL", "the store: a SQLite file or a postgresql:// URL (default\n./proxy-store.sqlite, or PROXYSYNC_STORE)")
  static let org = Option("--org", "NAME", "the organization (or PROXYSYNC_ORG)")
  static let config = Option("--config", "FILE", "defaults for these options from a JSON file (see README)")
  static let logFormat = Option("--log-format", "text|json", "how warnings, errors and phases are logged on standard error")
  static let quiet = Option("--quiet", nil, "no progress display (it is only ever shown on a terminal)")
  static let force = Option("--force", nil, "apply even when the deactivation guard would refuse, or the\nexport is older than the last one applied")
  static let lockTimeout = Option("--lock-timeout", "SECONDS", "wait this long for another run of the organization (default:\nrefuse at once)")
  static let full = Option("--full", nil, "list every line (text sections are cut after 50, HTML tables\nafter 2,000)")

  /// `--format` with the formats a command can print, the first being the default.
  static func format(_ formats: [OutputFormat], _ what: String = "how to print it") -> Option {
    Option("--format", formats.map(\.rawValue).joined(separator: "|"), "\(what) (default \(formats[0].rawValue))")
  }
}
