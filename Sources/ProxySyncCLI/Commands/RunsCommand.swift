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
        var lines = [
          "run \(run.id)", "organization: \(run.organization)", "command: \(run.command)", "source: \(run.source ?? "-")",
          "started: \(run.startedAt)", "finished: \(run.finishedAt ?? "-")", "duration: \(duration(run))",
          "outcome: \(run.outcome.rawValue)",
        ]
        if let manifest = run.manifest { lines.append("manifest: \(manifest)") }
        if let message = run.message { lines.append("message: \(message)") }
        if !run.quarantined.isEmpty { lines += ["quarantined:"] + run.quarantined.map { "  \($0)" } }
        lines += run.counts.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { "  \($0.key): \($0.value)" }
        context.console.out(lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n")
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
