import Foundation
import ProxySyncCore
import ProxySyncFetch
import ProxySyncReaders

/// `proxysync runs list`, `runs show ID` and `runs approve ID`: the history of syncs, and the
/// approval of what a sync held back.
extension Option {
  static let last = Option("--last", "N", "the last N runs (default 50; 30 in the HTML page's chart and table)")
  static let pageOut = Option("--out", "FILE", "write the HTML page there (0600) instead of standard output")
}

enum RunsCommand {
  static let listFormat = Option.format([.text, .json, .html], "how to print them (html: a page with a chart of the nights)")
  static let showFormat = Option.format([.text, .json, .html], "how to print it")
  static let listOptions: [Option] = [.store, .org, listFormat, .last, .pageOut]
  static let showOptions: [Option] = [.store, .org, showFormat, .full]
  static let approveOptions: [Option] = [.store, .org, .lockTimeout, .metricsFile, .quiet, .logFormat]

  static let command = Command.group("runs", about: "The history of runs, and the approval of what a sync held back.", [
    ("list", .leaf(usage: "proxysync runs list --org NAME [options]", options: listOptions, run: list)),
    ("show", .leaf(usage: "proxysync runs show ID [options]", about: "What one run did, change by change.", options: showOptions, run: show)),
    ("approve", .leaf(
      usage: "proxysync runs approve ID --org NAME [options]",
      about: """
        Applies the operations a sync held for approval (--on-guard hold), as a run of its own, if
        the organization has not changed in a way that affects them; otherwise it exits 6 saying
        what changed, and the next sync holds what still applies.
        """,
      options: approveOptions, run: approve)),
  ])

  static func list(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: listOptions)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, listFormat)
    var limit = format == .html ? 30 : 50
    if let text = arguments[.last] {
      guard let number = Int(text), (1...10_000).contains(number) else { throw .usage("--last takes a number of runs from 1 to 10000, not \"\(text)\"") }
      limit = number
    }
    if arguments[.pageOut] != nil, format != .html { throw .usage("--out goes with --format html") }
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    if format == .html {
      // The nights: changes by hand are left out of the page, so more runs are read.
      let runs = Array(try store.loadRuns(of: organization, limit: limit * 4 + 100).filter { !$0.isByHand }.prefix(limit))
      let page = RunRecord.html(runs, organization: organization.name, generatedAt: context.timestamp())
      guard let out = arguments[.pageOut] else {
        context.console.out(page)
        return .ok
      }
      if let problem = PrivateFile.write(Data(page.utf8), to: out) { throw .failure("cannot write the page to \(out): \(problem)") }
      context.console.out("\(runs.count) runs of \(organization.name) written to \(out)\n")
      return .ok
    }
    let runs = try store.loadRuns(of: organization, limit: limit)
    if format == .json {
      context.console.out(JSONValue.array(runs.map { json($0) }).rendered() + "\n")
    } else {
      context.console.out(runs.isEmpty ? "no runs\n" : Table.render(
        ["RUN", "COMMAND", "STARTED", "DURATION", "OUTCOME", "CHANGES", "SOURCE"],
        runs.map {
          [$0.id.rawValue, $0.command, $0.startedAt, duration($0), $0.outcome.rawValue, "\($0.changeCount)", $0.source ?? ""]
        }))
    }
    return .ok
  }

  static func show(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: showOptions)
    let format = try Common.format(arguments, showFormat)
    let store = try Common.openStore(arguments, context)
    let id = RunID(try arguments.positionals(1, "run id")[0])
    guard let run = try store.loadRun(id: id) else { throw .failure("no run \"\(id)\" in the store") }
    if let name = arguments[.org] ?? context.environment["PROXYSYNC_ORG"], run.organization != name {
      throw .failure("run \"\(id)\" is not a run of organization \"\(name)\"")
    }
    let held = try store.loadHeld(of: id)
    let heldPlan = try held.map { (held) throws(ProxySyncError) in try SavedPlanReader.read(text: held.text, name: "run \(id)'s held operations").plan }
    if format == .html {
      let limit = arguments.has(.full) ? nil : HTMLPage.rowLimit
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
      let full = arguments.has(.full)
      let audit = try store.loadAudit(of: run.id, limitPerOperation: full ? nil : 50)
      var text = run.text(audit: audit, held: heldPlan, style: context.textStyle(full: full))
      if let approved = held?.approvedIn { text += "\napproved in run \(approved)\n" }
      context.console.out(text)
    }
    return .ok
  }

  /// `runs approve ID`: the held operations, checked against the organization as it stands
  /// and applied in a run of its own (command `approve`), which marks the held run approved.
  static func approve(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    var context = context
    let arguments = try Arguments(raw, accepting: approveOptions)
    let id = RunID(try arguments.positionals(1, "run id")[0])
    let metrics = MetricsFile(arguments, &context)
    let store = try Common.openStore(arguments, context, forRun: true)
    let organization = try Common.organization(arguments, context, in: store)
    return try MetricsFile.report(metrics, store: store, organization: organization, command: "approve", context: context) {
      () throws(ProxySyncError) in try approve(id, arguments, context, store, organization)
    }
  }

  private static func approve(
    _ id: RunID, _ arguments: Arguments, _ context: Context, _ store: any ProxyStore, _ organization: Organization
  ) throws(ProxySyncError) -> (ExitStatus, Plan?) {
    var start = context.runStart(command: "approve", source: "run \(id)")
    start.approves = id
    let (plan, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      let held = try store.loadHeld(of: id)
      if let refusal = ApprovalVerdict.refusal(id, run: try store.loadRun(id: id), held: held, organization: organization) { throw refusal }
      let saved = try SavedPlanReader.read(text: held?.text ?? "", name: "run \(id)'s held operations")
      let progress = ApplyProgress(context: context, quiet: arguments.has(.quiet))
      progress.total = saved.plan.operations.count
      defer { progress.finish() }
      return try store.applyChanges(to: organization, run: run, progress: { progress($0) }) { current, _ in
        try ApprovalVerdict.plan(saved, run: id, against: current).get()
      }
    }
    RunSupport.finish(plan, record, organization: organization, format: .text, context: context)
    return (.ok, plan)
  }

  private static func duration(_ run: RunRecord) -> String {
    run.durationSeconds.map { String(format: "%.2f s", $0) } ?? "-"
  }

  /// A run as `runs list` and `runs show` print it; `held`, what it held for approval.
  private static func json(_ run: RunRecord, held: JSONValue? = nil) -> JSONValue {
    .object(jsonMembers(run) + (held.map { [("held", $0)] } ?? []))
  }

  private static func jsonMembers(_ run: RunRecord) -> [(String, JSONValue)] {
    [
      ("id", .string(run.id.rawValue)), ("organization", .string(run.organization)), ("command", .string(run.command)),
      ("ranBy", .string(run.ranBy)),
      ("source", .string(run.source)), ("startedAt", .string(run.startedAt)), ("finishedAt", .string(run.finishedAt)),
      ("outcome", .string(run.outcome.rawValue)), ("changes", .int(run.changeCount)),
      ("durationSeconds", run.durationSeconds.map(JSONValue.double) ?? .null),
      ("counts", .object(run.counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
      ("manifest", .string(run.manifest)), ("message", .string(run.message)), ("quarantined", .array(run.quarantined.map(JSONValue.string))),
    ]
  }
}
