import Foundation
import ProxySyncCore
import ProxySyncFetch

extension Option {
  static let planOut = Option(
    "--out", "FILE", "save the plan, with what it was computed against, for\nproxysync apply; with --format html, write the report there")
  static let detailedExitcode = Option("--detailed-exitcode", nil, "exit 3 when the plan has changes")
}

/// `proxysync plan`: what a sync would change. Never writes.
enum PlanCommand {
  /// What only a preview takes (`plan`, and `sync`/`import` with `--dry-run`).
  static let previewOnly: [Option] = [.planOut, .detailedExitcode, .full]
  static let format = Option.format([.text, .json, .csv, .html], "how to print the plan")
  static let options = PlanningOptions.shared + [format] + previewOnly

  static let command = Command.leaf(
    usage: "proxysync plan --org NAME --source DIR [options]",
    about: """
      Compares the export with the store and prints the plan. Writes nothing.
      Exit status: 0 ok, 3 changes pending (with --detailed-exitcode), 4 the guard would refuse.
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    try preview(raw, context, mode: .sync, accepting: options, format: format)
  }

  /// The plan `mode` would apply, printed or saved; never writes to the store. `accepting` is
  /// the command's own options and `format` its `--format`.
  static func preview(
    _ raw: ArraySlice<String>, _ context: Context, mode: SyncOptions.Mode, accepting options: [Option], format formatOption: Option
  ) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, formatOption)
    let options = try PlanningOptions.syncOptions(arguments, mode: mode)
    let source = try arguments.required(.source)
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let limit = try PlanningOptions.quarantineLimit(arguments)
    let manifest = try RunSupport.readManifest(source)
    let (desired, numbers, preloaded, plan) = try PreviewPlanning.make(
      source: source, store: store, organization: organization, options: options, quarantineLimit: limit,
      quiet: arguments.has(.quiet), context
    ) { () throws(ProxySyncError) in
      try RunSupport.check(
        manifest, against: organization, requireManifest: arguments.has(.requireManifest), force: arguments.has(.force),
        context: context)
    }

    if format == .html {
      let report = plan.html(
        ReportContext(organization: organization.name, source: source, manifest: manifest, generatedAt: context.timestamp()),
        rowLimit: arguments.has(.full) ? nil : HTMLPage.rowLimit)
      if let out = arguments[.planOut] {
        if let problem = PrivateFile.write(Data(report.utf8), to: out) { throw .failure("cannot write the report to \(out): \(problem)") }
        context.console.out("\(plan.summaryLine(organization: organization.name)); report written to \(out)\n")
      } else {
        context.console.out(report)
      }
    } else if let out = arguments[.planOut] {
      // The revision the snapshot was read at: apply refuses if anything changed since.
      let saved = SavedPlan(
        organization: organization.name, revision: preloaded.revision, createdAt: context.timestamp(),
        source: source, manifest: manifest, plan: plan, command: mode.rawValue)
      let key = try store.loadPlanSigningKey()
      let problem = context.phase("save plan") { PrivateFile.write(saved, to: out, signedWith: key) }
      if let problem { throw .failure("cannot write the plan to \(out): \(problem)") }
    }
    if format != .html { context.phase("render") {
      switch format {
      case .json: context.console.out(plan.json(organization: organization.name).rendered() + "\n")
      case .csv: context.console.out(plan.csv())
      default: context.console.out(plan.text(organization: organization.name, style: context.textStyle(full: arguments.has(.full))))
      }
    } }
    RunSupport.warnAboutConflicts(in: plan, organization: organization, context: context)
    let decision = plan.guardCheck.decision(force: arguments.has(.force), onTrip: mode == .sync ? try SyncCommand.guardAction(arguments) : .refuse)
    switch decision {
    case .proceed: break
    case .hold: context.warn(plan.guardCheck.holdPreviewWarning)
    case .refuse: context.warn(plan.guardCheck.previewWarning)
    }
    let tripped = if case .proceed = decision { false } else { true }
    let status: ExitStatus = tripped ? .guardTripped : arguments.has(.detailedExitcode) && !plan.isEmpty ? .changesPending : .ok
    Teardown.inBackground((consume desired, consume numbers, consume preloaded, consume plan))
    return status
  }
}
