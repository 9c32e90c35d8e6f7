import ProxySyncCore

/// A command's arguments split into options and positionals, checked against what it accepts.
struct Arguments {
  private(set) var positionals: [String] = []
  private var values: [String: String] = [:]
  /// Every value of an option given more than once (`--push-group A --push-group B`).
  private var repeated: [String: [String]] = [:]
  private var flags: Set<String> = []
  /// Defaults from `--config FILE`, below flags and the environment.
  private var configured: [String: String] = [:]
  private var configuredFlags: Set<String> = []
  private var configuredLists: [String: [String]] = [:]

  /// Parses `--name value`, `--name=value` and `--flag`, for the options a command declares;
  /// anything else is a positional.
  /// - Throws: a usage error for an option the command does not declare, or a missing value.
  init(_ arguments: ArraySlice<String>, accepting declared: [Option]) throws(ProxySyncError) {
    try self.init(
      arguments, options: Set(declared.filter { !$0.isFlag }.map(\.name)), flags: Set(declared.filter(\.isFlag).map(\.name)),
      acceptsConfig: declared.contains(.config))
  }

  private init(_ arguments: ArraySlice<String>, options: Set<String>, flags: Set<String>, acceptsConfig: Bool) throws(ProxySyncError) {
    var iterator = arguments.makeIterator()
    var onlyPositionals = false
    while let argument = iterator.next() {
      guard !onlyPositionals, argument.hasPrefix("-"), argument != "-" else {
        positionals.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositionals = true
        continue
      }
      let parts = argument.split(separator: "=", maxSplits: 1)
      let name = String(parts[0])
      if name == Option.config.name, acceptsConfig {
        guard let path = parts.count == 2 ? String(parts[1]) : iterator.next() else { throw .usage("--config needs a value") }
        let config = try ConfigFile.load(path)
        configured = config.values.filter { options.contains($0.key) }
        configuredFlags = config.flags.intersection(flags)
        configuredLists = config.lists.filter { options.contains($0.key) }
      } else if options.contains(name) {
        guard let value = parts.count == 2 ? String(parts[1]) : iterator.next() else {
          throw .usage("\(name) needs a value")
        }
        values[name] = value
        repeated[name, default: []].append(value)
      } else if flags.contains(name), parts.count == 1 {
        self.flags.insert(name)
      } else {
        throw .usage("unknown option \(name)")
      }
    }
  }

  /// The option's value: from the command line, else from the config file.
  subscript(option: Option) -> String? { values[option.name] ?? configured[option.name] }
  /// Every value of a repeatable option: the command line's, else the config file's list; nil
  /// when neither gives any.
  func all(_ option: Option) -> [String]? { repeated[option.name] ?? configuredLists[option.name] }
  /// Only what the command line says, for options the environment may also set.
  func explicit(_ option: Option) -> String? { values[option.name] }
  func configured(_ option: Option) -> String? { configured[option.name] }
  func has(_ flag: Option) -> Bool { flags.contains(flag.name) || configuredFlags.contains(flag.name) }
  /// Whether the command line or the config file gives the option at all.
  func gives(_ option: Option) -> Bool { option.isFlag ? has(option) : self[option] != nil }

  /// The value of a required option, or a usage error naming it.
  func required(_ option: Option, or environmentValue: String? = nil, hint: String = "") throws(ProxySyncError) -> String {
    guard let value = values[option.name] ?? environmentValue ?? configured[option.name], !value.isEmpty else {
      throw .usage("\(option.name) is required\(hint)")
    }
    return value
  }

  /// Exactly `count` positionals, or a usage error.
  func positionals(_ count: Int, _ what: String) throws(ProxySyncError) -> [String] {
    guard positionals.count == count else {
      throw .usage(positionals.count < count ? "missing \(what)" : "unexpected argument \"\(positionals[count])\"")
    }
    return positionals
  }
}
