import ProxySyncCore

/// `proxysync runs list` and `proxysync runs show ID`: the history of syncs.
enum RunsCommand {
  static let options: [Option] = [
    .store, .org, .format([.text, .json, .html], "how to print them (html: show only)"),
    Option("--full", nil, "list every change (an HTML report lists up to 2,000 of each kind)"),
  ]

  static let help = """
    usage: proxysync runs list --org NAME [options]
           proxysync runs show ID [options]

    options:
    \(Option.help(options))

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw.dropFirst(), accepting: options)
    let format = try Common.format(arguments, allowed: raw.first == "show" ? [.text, .json, .html] : [.text, .json])
    let store = try Common.openStore(arguments, context)
    switch raw.first {
    case "list":
      _ = try arguments.positionals(0, "")
      let runs = try store.loadRuns(of: try Common.organization(arguments, context, in: store))
      if format == .json {
        context.console.out(JSONValue.array(runs.map(json)).rendered() + "\n")
      } else {
        context.console.out(runs.isEmpty ? "no runs\n" : Table.render(
          ["RUN", "COMMAND", "STARTED", "DURATION", "OUTCOME", "CHANGES", "SOURCE"],
          runs.map {
            [$0.id.rawValue, $0.command, $0.startedAt, duration($0), $0.outcome.rawValue, "\(changes($0))", $0.source ?? ""]
          }))
      }
    case "show":
      let id = RunID(try arguments.positionals(1, "run id")[0])
      guard let run = try store.loadRun(id: id) else { throw .failure("no run \"\(id)\" in the store") }
      if format == .html {
        let limit = arguments.has("--full") ? nil : HTMLPage.rowLimit
        context.console.out(run.html(audit: try store.loadAudit(of: run.id, limitPerOperation: limit)))
      } else if format == .json {
        context.console.out(json(run).rendered() + "\n")
      } else {
        let full = arguments.has("--full")
        let audit = try store.loadAudit(of: run.id, limitPerOperation: full ? nil : 50)
        context.console.out(run.text(audit: audit, style: context.textStyle(full: full)))
      }
    default:
      throw .usage("unknown runs command \"\(raw.first ?? "")\"; use list or show")
    }
    return .ok
  }

  private static func duration(_ run: RunRecord) -> String {
    run.durationSeconds.map { String(format: "%.2f s", $0) } ?? "-"
  }

  private static func changes(_ run: RunRecord) -> Int {
    OperationKind.allCases.reduce(0) { $0 + (run.counts[$1.rawValue] ?? 0) }
  }

  private static func json(_ run: RunRecord) -> JSONValue {
    .object([
      ("id", .string(run.id.rawValue)), ("organization", .string(run.organization)), ("command", .string(run.command)),
      ("source", .string(run.source)), ("startedAt", .string(run.startedAt)), ("finishedAt", .string(run.finishedAt)),
      ("outcome", .string(run.outcome.rawValue)), ("changes", .int(changes(run))),
      ("durationSeconds", run.durationSeconds.map(JSONValue.double) ?? .null),
      ("counts", .object(run.counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
      ("manifest", .string(run.manifest)), ("message", .string(run.message)), ("quarantined", .array(run.quarantined.map(JSONValue.string))),
    ])
  }
}
