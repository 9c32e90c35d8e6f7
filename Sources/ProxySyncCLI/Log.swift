import Foundation
import ProxySyncCore

/// How warnings, errors and progress reach standard error.
package enum LogFormat: String, Sendable {
  /// For people: `proxysync: warning: …`, diagnostics like a compiler.
  case text
  /// For log collectors: one JSON object a line (time, level, run id, phase, counts, duration).
  case json

  /// `--log-format` on the command line, else `logFormat` in a `--config` file, else text.
  static func detect(in arguments: [String]) -> LogFormat {
    func value(after option: String) -> String? {
      if let index = arguments.firstIndex(of: option), index + 1 < arguments.count { return arguments[index + 1] }
      return arguments.first { $0.hasPrefix(option + "=") }.map { String($0.dropFirst(option.count + 1)) }
    }
    // Before the command parses its arguments: its errors are logged in this format too.
    if let explicit = value(after: Option.logFormat.name) { return LogFormat(rawValue: explicit) ?? .text }
    if let path = value(after: Option.config.name), let config = try? ConfigFile.load(path), let configured = config.values[Option.logFormat.name] {
      return LogFormat(rawValue: configured) ?? .text
    }
    return .text
  }
}

extension Context {
  /// A warning an operator should read; it never changes the exit status.
  func warn(_ message: String) {
    switch logFormat {
    case .text: console.err("proxysync: warning: \(message.escapingControlCharacters())\n")
    case .json: log("warning", [("message", .string(message))])
    }
  }

  /// Advice on what probably caused the problems just reported, and how to fix it.
  func hint(_ message: String) {
    switch logFormat {
    case .text: console.err("proxysync: hint: \(message.escapingControlCharacters())\n")
    case .json: log("hint", [("message", .string(message))])
    }
  }

  /// Input diagnostics (warnings, or errors before a refusal).
  func report(_ diagnostics: [Diagnostic]) {
    switch logFormat {
    case .text: console.err(diagnostics.rendered() + "\n")
    case .json:
      for diagnostic in diagnostics.prefix(50) {
        log(diagnostic.severity.rawValue, [
          ("file", .string(diagnostic.file)), ("line", diagnostic.line.map { .int($0) } ?? .null),
        ] + (diagnostic.column.map { [("column", JSONValue.int($0))] } ?? []) + [("message", .string(diagnostic.message))])
      }
    }
  }

  /// One JSON log line: time and level first, then the fields.
  func log(_ level: String, _ fields: [(String, JSONValue)]) {
    let time = Date(timeIntervalSince1970: clock().timeIntervalSince1970)
    let entry = JSONValue.object([("time", .string(Self.logTime(time))), ("level", .string(level))] + fields)
    console.err(entry.rendered(compact: true) + "\n")
  }

  static func logTime(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }
}
