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

  private static func dispatch(_ arguments: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    guard let command = arguments.first else {
      context.console.err(Help.overview)
      return .usage
    }
    let rest = arguments.dropFirst()
    switch command {
    case "plan": return try PlanCommand.run(rest, context)
    case "sync": return try SyncCommand.run(rest, context, mode: .sync)
    case "import": return try SyncCommand.run(rest, context, mode: .import)
    case "apply": return try ApplyCommand.run(rest, context)
    case "org": return try OrgCommand.run(rest, context)
    case "people": return try PeopleCommand.run(rest, context)
    case "groups": return try GroupsCommand.run(rest, context)
    case "runs": return try RunsCommand.run(rest, context)
    case "audit": return try AuditCommand.run(rest, context)
    case "explain": return try ExplainCommand.run(rest, context)
    case "help", "--help", "-h":
      context.console.out(Help.overview)
      return .ok
    default:
      throw .usage("unknown command \"\(command)\"; run proxysync --help")
    }
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
  }
}
