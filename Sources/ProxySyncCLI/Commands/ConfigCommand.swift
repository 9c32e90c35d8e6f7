import ProxySyncCore

/// `proxysync config get FILE KEY`: one setting of a config file, for scripts such as the
/// nightly wrapper, which has no JSON parser of its own to rely on.
enum ConfigCommand {
  static let command = Command.group("config", about: "", [
    ("get", .leaf(
      usage: "proxysync config get FILE KEY",
      about: """
        Prints the value of KEY in the config file FILE (see README: Configuration), or nothing when
        the file does not set it. The whole file is checked: an unknown key is an error.
        """,
      options: [], run: get))
  ])

  static func get(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: [])
    let positionals = try arguments.positionals(2, "config file and key")
    guard ConfigFile.keys[positionals[1]] != nil || ConfigFile.wrapperOnly.contains(positionals[1]) else {
      throw .usage("unknown key \"\(positionals[1])\" (known: \(ConfigFile.knownKeys.joined(separator: ", ")))")
    }
    if let value = try ConfigFile.value(of: positionals[1], in: positionals[0]) { context.console.out(value + "\n") }
    return .ok
  }
}
