import ProxySyncCore

/// The command line: dispatches to one command and maps whatever happens to an exit status.
package enum ProxySyncCLI {
  /// Runs one command line (without the program name). Never calls `exit`.
  package static func run(_ arguments: [String], context: Context) -> Int32 {
    var context = context
    context.logFormat = LogFormat.detect(in: arguments)
    do {
      return try dispatch(arguments[...], context).rawValue
    } catch {
      report(error, context: context)
      return ExitStatus(for: error).rawValue
    }
  }

  static let commands: [String: Command] = [
    "plan": PlanCommand.command, "sync": SyncCommand.command(.sync), "import": SyncCommand.command(.import),
    "apply": ApplyCommand.command, "org": OrgCommand.command, "people": PeopleCommand.command, "groups": GroupsCommand.command,
    "runs": RunsCommand.command, "audit": AuditCommand.command, "explain": ExplainCommand.command, "fetch": FetchCommand.command,
    "config": ConfigCommand.command, "store": StoreCommand.command, "status": StatusCommand.command,
  ]

  /// Every command and subcommand that runs, by its full name (`people add`).
  static var leaves: [(name: String, command: Command)] {
    commands.sorted { $0.key < $1.key }.flatMap { $0.value.leaves(named: $0.key) }
  }

  /// Every option any command declares (the config file's keys come from these).
  static var allOptions: [Option] { leaves.flatMap(\.command.options) }

  private static func dispatch(_ arguments: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    guard let name = arguments.first else {
      context.console.err(Help.overview)
      return .usage
    }
    if ["help", "--help", "-h"].contains(name) {
      context.console.out(Help.overview)
      return .ok
    }
    guard var command = commands[name] else { throw .usage("unknown command \"\(name)\"; run proxysync --help") }
    var rest = arguments.dropFirst()
    // Help is handled here, once: `--help` anywhere before a `--` shows the command's text.
    func asksForHelp() -> Bool { rest.prefix(while: { $0 != "--" }).contains { $0 == "--help" || $0 == "-h" } }
    if !command.subcommands.isEmpty {
      guard let first = rest.first, !first.hasPrefix("-") else {
        let asked = asksForHelp()
        asked ? context.console.out(command.help) : context.console.err(command.help)
        return asked ? .ok : .usage
      }
      guard let subcommand = command.subcommand(first) else {
        throw .usage("unknown \(name) command \"\(first)\"; use \(command.subcommands.map(\.name).joined(separator: ", "))")
      }
      command = subcommand
      rest = rest.dropFirst()
    }
    if asksForHelp() {
      context.console.out(command.help)
      return .ok
    }
    return try command.run(rest, context)
  }

  /// The one place errors become text (or JSON log lines) on standard error.
  static func report(_ error: ProxySyncError, context: Context) {
    if case .invalidInput(let diagnostics) = error.kind { context.report(diagnostics) }
    switch context.logFormat {
    case .text:
      context.console.err("proxysync: error: \(error.description.escapingControlCharacters())\n")
      if error.kind == .usage { context.console.err("run proxysync --help for usage\n") }
    case .json:
      context.log("error", [("message", .string(error.description)), ("exitStatus", .int(Int(ExitStatus(for: error).rawValue)))])
    }
    for hint in error.hints { context.hint(hint) }
  }
}
