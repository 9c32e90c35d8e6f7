import Foundation
import ProxySyncCore

/// `--config FILE`: a JSON object giving defaults for a command's options, for cron.
///
/// Precedence: command-line flags, then the environment (`PROXYSYNC_STORE`, `PROXYSYNC_ORG`),
/// then this file, then the built-in defaults. Unknown keys are an error, so a typo never
/// silently turns a safety setting off. The keys are the options' own (`Option.config`).
enum ConfigFile {
  /// Settings of the nightly wrapper: allowed in the file, no option of proxysync's.
  static let wrapperOnly: Set = ["exportsDir", "keepExports"]

  /// Config key → the option it sets, from every command's declarations.
  static let keys: [String: Option] = {
    var keys: [String: Option] = [:]
    for option in ProxySyncCLI.allOptions {
      if let config = option.config { keys[config.name] = option }
    }
    return keys
  }()

  static var knownKeys: [String] { (Array(keys.keys) + wrapperOnly).sorted() }

  /// One key's value as text (a string, a number, true or false, a list one item a line), after
  /// the whole file was checked; nil when the file does not set it.
  static func value(of key: String, in path: String) throws(ProxySyncError) -> String? {
    _ = try load(path)
    guard let data = FileManager.default.contents(atPath: path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let value = object[key]
    else { return nil }
    switch value {
    case let list as [String]: return list.joined(separator: "\n")
    case let flag as Bool where isBoolean(value): return flag ? "true" : "false"
    case let number as NSNumber: return number.stringValue
    default: return "\(value)"
    }
  }

  /// Whether a parsed JSON value was `true` or `false`: Foundation also reads `1` as a Bool.
  private static func isBoolean(_ value: Any) -> Bool {
    value is Bool && String(describing: type(of: value)).contains("Bool")
  }

  /// The options and flags the file sets, by option name.
  static func load(_ path: String) throws(ProxySyncError) -> (values: [String: String], flags: Set<String>, lists: [String: [String]]) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read the config file \(path)") }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw .usage("the config file \(path) is not a JSON object")
    }
    var values: [String: String] = [:]
    var flags = Set<String>()
    var lists: [String: [String]] = [:]
    for key in object.keys.sorted() where !wrapperOnly.contains(key) {
      guard let option = keys[key], let config = option.config else {
        throw .usage("the config file \(path) has an unknown key \"\(key)\" (known: \(knownKeys.joined(separator: ", ")))")
      }
      let value: Any = object[key] ?? NSNull()
      switch config.kind {
      case .value:
        if let text = value as? String {
          values[option.name] = text
        } else if let number = value as? NSNumber, !isBoolean(value) {
          values[option.name] = number.stringValue
        } else {
          throw .usage("\"\(key)\" in \(path) must be a string or a number")
        }
      case .list:
        guard let texts = value as? [Any], let strings = texts as? [String] else {
          throw .usage("\"\(key)\" in \(path) must be a list of strings")
        }
        lists[option.name] = strings
      case .switchOff, .switchOn:
        guard let on = value as? Bool, isBoolean(value) else {
          throw .usage("\"\(key)\" in \(path) must be true or false")
        }
        if config.kind == .switchOff, !on { flags.insert(option.name) }
        if config.kind == .switchOn, on { flags.insert(option.name) }
      }
    }
    return (values, flags, lists)
  }
}
