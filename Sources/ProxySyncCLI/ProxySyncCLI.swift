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

  /// A command: its help text, the options it accepts, whether it needs a subcommand
  /// (`org create`), and how it runs.
  struct Command: Sendable {
    var help: String
    var options: [Option]
    var hasSubcommands = false
    var run: @Sendable (ArraySlice<String>, Context) throws(ProxySyncError) -> ExitStatus
  }

  static let commands: [String: Command] = [
    "plan": Command(help: PlanCommand.help, options: PlanCommand.options, run: PlanCommand.run),
    "sync": Command(help: SyncCommand.help(.sync), options: SyncCommand.options(.sync)) { (raw, context) throws(ProxySyncError) in
      try SyncCommand.run(raw, context, mode: .sync)
    },
    "import": Command(help: SyncCommand.help(.import), options: SyncCommand.options(.import)) { (raw, context) throws(ProxySyncError) in
      try SyncCommand.run(raw, context, mode: .import)
    },
    "apply": Command(help: ApplyCommand.help, options: ApplyCommand.options, run: ApplyCommand.run),
    "org": Command(help: OrgCommand.help, options: OrgCommand.options, hasSubcommands: true, run: OrgCommand.run),
    "people": Command(help: PeopleCommand.help, options: PeopleCommand.options, hasSubcommands: true, run: PeopleCommand.run),
    "groups": Command(help: GroupsCommand.help, options: GroupsCommand.options, hasSubcommands: true, run: GroupsCommand.run),
    "runs": Command(help: RunsCommand.help, options: RunsCommand.options, hasSubcommands: true, run: RunsCommand.run),
    "audit": Command(help: AuditCommand.help, options: AuditCommand.options, run: AuditCommand.run),
    "explain": Command(help: ExplainCommand.help, options: ExplainCommand.options, run: ExplainCommand.run),
    "fetch": Command(help: FetchCommand.help, options: FetchCommand.options, run: FetchCommand.run),
    "config": Command(help: ConfigCommand.help, options: [], hasSubcommands: true, run: ConfigCommand.run),
    "store": Command(help: StoreCommand.help, options: StoreCommand.options, hasSubcommands: true, run: StoreCommand.run),
  ]

  private static func dispatch(_ arguments: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    guard let name = arguments.first else {
      context.console.err(Help.overview)
      return .usage
    }
    if ["help", "--help", "-h"].contains(name) {
      context.console.out(Help.overview)
      return .ok
    }
    guard let command = commands[name] else { throw .usage("unknown command \"\(name)\"; run proxysync --help") }
    let rest = arguments.dropFirst()
    // Help is handled here, once: `--help` anywhere before a `--` shows the command's text.
    if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
      context.console.out(command.help)
      return .ok
    }
    if command.hasSubcommands, rest.first.map({ $0.hasPrefix("-") }) ?? true {
      context.console.err(command.help)
      return .usage
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
