import ProxySyncCore
import ProxySyncReaders

/// `proxysync runs list`, `runs show ID` and `runs approve ID`: the history of syncs, and the
/// approval of what a sync held back.
enum RunsCommand {
  static let options: [Option] = [
    .store, .org, .format([.text, .json, .html], "how to print them (html: show only)"),
    Option("--full", nil, "list every change (an HTML report lists up to 2,000 of each kind)"),
    .lockTimeout, .quiet, .logFormat,
  ]

  static let help = """
    usage: proxysync runs list --org NAME [options]
           proxysync runs show ID [options]
           proxysync runs approve ID --org NAME [options]

    approve applies the operations a sync held for approval (--on-guard hold), as a run of its
    own, if the organization has not changed in a way that affects them; otherwise it exits 6
    saying what changed, and the next sync holds what still applies.

    options:
    \(Option.help(options))

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw.dropFirst(), accepting: options)
    let format = try Common.format(arguments, allowed: raw.first == "show" ? [.text, .json, .html] : [.text, .json])
    if raw.first == "approve" { return try approve(arguments, context) }
    let store = try Common.openStore(arguments, context)
    switch raw.first {
    case "list":
      _ = try arguments.positionals(0, "")
      let runs = try store.loadRuns(of: try Common.organization(arguments, context, in: store))
      if format == .json {
        context.console.out(JSONValue.array(runs.map { json($0) }).rendered() + "\n")
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
      let held = try store.loadHeld(of: id)
      let heldPlan = try held.map { (held) throws(ProxySyncError) in try SavedPlanReader.read(text: held.text, name: "run \(id)'s held operations").plan }
      if format == .html {
        let limit = arguments.has("--full") ? nil : HTMLPage.rowLimit
        context.console.out(run.html(audit: try store.loadAudit(of: run.id, limitPerOperation: limit), held: heldPlan, rowLimit: limit))
      } else if format == .json {
        // The same fields as a plan's operations (`--format json` of plan).
        let heldJSON = heldPlan.map { plan -> JSONValue in
          .object([
            ("operations", .int(plan.operations.count)), ("approvedIn", .string(held?.approvedIn?.rawValue)),
            ("list", plan.operationsJSON),
          ])
        }
        context.console.out(json(run, held: heldJSON).rendered() + "\n")
      } else {
        let full = arguments.has("--full")
        let audit = try store.loadAudit(of: run.id, limitPerOperation: full ? nil : 50)
        var text = run.text(audit: audit, held: heldPlan, style: context.textStyle(full: full))
        if let approved = held?.approvedIn { text += "\napproved in run \(approved)\n" }
        context.console.out(text)
      }
    default:
      throw .usage("unknown runs command \"\(raw.first ?? "")\"; use list, show or approve")
    }
    return .ok
  }

  /// `runs approve ID`: the held operations, checked against the organization as it stands
  /// and applied in a run of its own (command `approve`), which marks the held run approved.
  private static func approve(_ arguments: Arguments, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let id = RunID(try arguments.positionals(1, "run id")[0])
    let store = try Common.openStore(arguments, context, forRun: true)
    let organization = try Common.organization(arguments, context, in: store)
    var start = RunStart(id: context.makeRunID(), command: "approve", source: "run \(id)")
    start.approves = id
    let (plan, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      let held = try store.loadHeld(of: id)
      if let refusal = ApprovalVerdict.refusal(id, run: try store.loadRun(id: id), held: held, organization: organization) { throw refusal }
      let saved = try SavedPlanReader.read(text: held?.text ?? "", name: "run \(id)'s held operations")
      let progress = ApplyProgress(context: context, quiet: arguments.has("--quiet"))
      progress.total = saved.plan.operations.count
      defer { progress.finish() }
      return try store.applyChanges(to: organization, run: run, progress: { progress($0) }) { current, _ in
        try ApprovalVerdict.plan(saved, run: id, against: current).get()
      }
    }
    RunSupport.finish(plan, record, organization: organization, format: .text, context: context)
    return .ok
  }

  private static func duration(_ run: RunRecord) -> String {
    run.durationSeconds.map { String(format: "%.2f s", $0) } ?? "-"
  }

  private static func changes(_ run: RunRecord) -> Int {
    OperationKind.allCases.reduce(0) { $0 + (run.counts[$1.rawValue] ?? 0) }
  }

  /// A run as `runs list` and `runs show` print it; `held`, what it held for approval.
  private static func json(_ run: RunRecord, held: JSONValue? = nil) -> JSONValue {
    .object(jsonMembers(run) + (held.map { [("held", $0)] } ?? []))
  }

  private static func jsonMembers(_ run: RunRecord) -> [(String, JSONValue)] {
    [
      ("id", .string(run.id.rawValue)), ("organization", .string(run.organization)), ("command", .string(run.command)),
      ("source", .string(run.source)), ("startedAt", .string(run.startedAt)), ("finishedAt", .string(run.finishedAt)),
      ("outcome", .string(run.outcome.rawValue)), ("changes", .int(changes(run))),
      ("durationSeconds", run.durationSeconds.map(JSONValue.double) ?? .null),
      ("counts", .object(run.counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
      ("manifest", .string(run.manifest)), ("message", .string(run.message)), ("quarantined", .array(run.quarantined.map(JSONValue.string))),
    ]
  }
}
