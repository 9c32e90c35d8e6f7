import ProxySyncCore

/// `proxysync config get FILE KEY`: one setting of a config file, for scripts such as the
/// nightly wrapper, which has no JSON parser of its own to rely on.
enum ConfigCommand {
  static let help = """
    usage: proxysync config get FILE KEY

    Prints the value of KEY in the config file FILE (see README: Configuration), or nothing when
    the file does not set it. The whole file is checked: an unknown key is an error.

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    guard raw.first == "get" else { throw .usage("unknown config command \"\(raw.first ?? "")\"; use get") }
    let arguments = try Arguments(raw.dropFirst(), accepting: [])
    let positionals = try arguments.positionals(2, "config file and key")
    guard ConfigFile.keys[positionals[1]] != nil else {
      throw .usage("unknown key \"\(positionals[1])\" (known: \(ConfigFile.keys.keys.sorted().joined(separator: ", ")))")
    }
    if let value = try ConfigFile.value(of: positionals[1], in: positionals[0]) { context.console.out(value + "\n") }
    return .ok
  }
}
