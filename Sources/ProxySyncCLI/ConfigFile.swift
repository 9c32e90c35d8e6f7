import Foundation
import ProxySyncCore

/// `--config FILE`: a JSON object giving defaults for a command's options, for cron.
///
/// Precedence: command-line flags, then the environment (`PROXYSYNC_STORE`, `PROXYSYNC_ORG`),
/// then this file, then the built-in defaults. Unknown keys are an error, so a typo never
/// silently turns a safety setting off.
enum ConfigFile {
  /// Config key → the option it stands for; booleans name the flag they turn on or off.
  static let keys: [String: Setting] = [
    "store": .value("--store"), "org": .value("--org"), "source": .value("--source"),
    "maxDeactivations": .value("--max-deactivations"), "onGuard": .value("--on-guard"), "quarantineInvalid": .value("--quarantine-invalid"),
    "lockTimeout": .value("--lock-timeout"), "logFormat": .value("--log-format"),
    "createUsers": .switchOff("--no-create-users"), "updateUsers": .switchOff("--no-update-users"),
    "deactivateUsers": .switchOff("--no-deactivate-users"), "pushGroups": .switchOff("--no-push-groups"),
    "requireManifest": .switchOn("--require-manifest"), "pushGroupSelection": .list("--push-group"),
    "oktaUrl": .value("--okta-url"), "appId": .value("--app-id"), "tokenFile": .value("--token-file"),
    "fetchTimeout": .value("--timeout"), "requestTimeout": .value("--request-timeout"), "maxWait": .value("--max-wait"),
    // Read by cron/proxysync-nightly, not by proxysync itself.
    "exportsDir": .wrapperOnly, "keepExports": .wrapperOnly,
  ]

  enum Setting {
    case value(String)
    /// `false` sets this `--no-…` flag.
    case switchOff(String)
    /// `true` sets this flag.
    case switchOn(String)
    /// A list of strings: the values of a repeatable option.
    case list(String)
    /// A setting of the nightly wrapper: allowed in the file, no option of proxysync's.
    case wrapperOnly
  }

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

  /// The options and flags the file sets.
  static func load(_ path: String) throws(ProxySyncError) -> (values: [String: String], flags: Set<String>, lists: [String: [String]]) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .usage("cannot read the config file \(path)") }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw .usage("the config file \(path) is not a JSON object")
    }
    var values: [String: String] = [:]
    var flags = Set<String>()
    var lists: [String: [String]] = [:]
    for key in object.keys.sorted() {
      guard let setting = keys[key] else {
        throw .usage("the config file \(path) has an unknown key \"\(key)\" (known: \(keys.keys.sorted().joined(separator: ", ")))")
      }
      let value: Any = object[key] ?? NSNull()
      switch setting {
      case .value(let option):
        if let text = value as? String {
          values[option] = text
        } else if let number = value as? NSNumber {
          values[option] = number.stringValue
        } else {
          throw .usage("\"\(key)\" in \(path) must be a string or a number")
        }
      case .wrapperOnly:
        continue
      case .list(let option):
        guard let texts = value as? [Any], let strings = texts as? [String] else {
          throw .usage("\"\(key)\" in \(path) must be a list of strings")
        }
        lists[option] = strings
      case .switchOff(let flag), .switchOn(let flag):
        guard let on = value as? Bool, isBoolean(value) else {
          throw .usage("\"\(key)\" in \(path) must be true or false")
        }
        if case .switchOff = setting, !on { flags.insert(flag) }
        if case .switchOn = setting, on { flags.insert(flag) }
      }
    }
    return (values, flags, lists)
  }
}
