/// One command-line option, declared once: a command's accepted options, its `--help` lines,
/// the config file's key for it, and every read of its value are all made from this value, so
/// they cannot drift apart.
struct Option: Hashable, Sendable {
  let name: String
  /// What the value looks like (`PATH`, `N|P%`); nil for a flag.
  let value: String?
  /// One line (more lines after a line break) for `--help`.
  let help: String
  /// The config file's key that sets it (`--config FILE`), if any.
  let config: ConfigKey?

  init(_ name: String, _ value: String? = nil, _ help: String, config: ConfigKey? = nil) {
    self.name = name
    self.value = value
    self.help = help
    self.config = config
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

/// A key of the config file and how its JSON value sets the option.
struct ConfigKey: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    /// A string or number: the option's value.
    case value
    /// `false` sets this `--no-…` flag.
    case switchOff
    /// `true` sets this flag.
    case switchOn
    /// A list of strings: the values of a repeatable option.
    case list
  }

  let name: String
  let kind: Kind

  static func value(_ name: String) -> ConfigKey { ConfigKey(name: name, kind: .value) }
  static func switchOff(_ name: String) -> ConfigKey { ConfigKey(name: name, kind: .switchOff) }
  static func switchOn(_ name: String) -> ConfigKey { ConfigKey(name: name, kind: .switchOn) }
  static func list(_ name: String) -> ConfigKey { ConfigKey(name: name, kind: .list) }
}

/// What a command can print.
enum OutputFormat: String, CaseIterable, Sendable {
  case text, json, csv, html
}

extension Option {
  static let store = Option(
    "--store", "PATH|URL", "the store: a SQLite file, or a PostgreSQL URI or connection\nstring (default ./proxy-store.sqlite, or PROXYSYNC_STORE)",
    config: .value("store"))
  static let org = Option("--org", "NAME", "the organization (or PROXYSYNC_ORG)", config: .value("org"))
  static let config = Option("--config", "FILE", "defaults for these options from a JSON file (see README)")
  static let logFormat = Option(
    "--log-format", "text|json", "how warnings, errors and phases are logged on standard error", config: .value("logFormat"))
  static let quiet = Option("--quiet", nil, "no progress display (it is only ever shown on a terminal)")
  static let force = Option("--force", nil, "apply even when the deactivation guard would refuse, or the\nexport is older than the last one applied")
  static let lockTimeout = Option(
    "--lock-timeout", "SECONDS", "wait this long for another run of the organization (default:\nrefuse at once)", config: .value("lockTimeout"))
  static let full = Option("--full", nil, "list every line (text sections are cut after 50, HTML tables\nafter 2,000)")

  /// `--format` with the formats a command can print, the first being the default.
  static func format(_ formats: [OutputFormat], _ what: String = "how to print it") -> Option {
    Option("--format", formats.map(\.rawValue).joined(separator: "|"), "\(what) (default \(formats[0].rawValue))")
  }

  /// The formats a `--format` option offers, the default first.
  var formats: [OutputFormat] { (value ?? "").split(separator: "|").compactMap { OutputFormat(rawValue: String($0)) } }
}
