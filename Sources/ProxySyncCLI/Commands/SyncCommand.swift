import ProxySyncCore
import ProxySyncStore

/// `proxysync sync` and `proxysync import`: plan and apply in one transaction.
enum SyncCommand {
  static func help(_ mode: SyncOptions.Mode) -> String {
    let what =
      mode == .sync
      ? "Makes the store mirror the export: creates, updates, deactivates, reactivates, pushes groups."
      : "Bulk import for migrations: creates, links and updates; never deactivates or removes members."
    return """
      usage: proxysync \(mode.rawValue) --org NAME --source DIR [options]

      \(what)
      Everything is applied in one transaction, or nothing is. The run is recorded.
      Exit status: 0 ok, 1 error (nothing written), 4 refused by the guard (nothing written).

      options:
      \(PlanningOptions.help)

      """
  }

  static func run(_ raw: ArraySlice<String>, _ context: Context, mode: SyncOptions.Mode) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, options: PlanningOptions.options, flags: PlanningOptions.flags)
    if arguments.wantsHelp {
      context.console.out(help(mode))
      return .ok
    }
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments)
    let options = try PlanningOptions.syncOptions(arguments, mode: mode)
    let source = try arguments.required("--source")
    let force = arguments.has("--force")
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let quarantineLimit = try PlanningOptions.quarantineLimit(arguments)
    var run = RunStart(id: context.makeRunID(), command: mode.rawValue, source: source)

    var refusedPlan: Plan?
    do {
      let (desired, quarantined) = try context.phase("read export") { () throws(ProxySyncError) in
        try Common.readExport(source, context, quarantineLimit: quarantineLimit)
      }
      run.quarantined = quarantined
      let (plan, record) = try context.phase("load, plan and apply") { () throws(ProxySyncError) in try store.applyChanges(to: organization, run: run) { current in
        let plan = context.phase("plan") { makePlan(desired: desired, current: current, options: options) }
        if plan.guardCheck.isTripped, !force {
          refusedPlan = plan
          throw ProxySyncError(.guardTripped, "refused by the guard: \(plan.guardCheck.explanation); nothing was written. Review with proxysync plan, then rerun with --force or a higher --max-deactivations")
        }
        return plan
      } }
      if format == "json" {
        context.console.out(plan.json(organization: organization.name).rendered() + "\n")
      } else if plan.isEmpty {
        context.console.out("\(plan.summaryLine(organization: organization.name)) (run \(record.id))\n")
      } else {
        context.console.out(plan.text(organization: organization.name, listing: false) + "applied in run \(record.id)\n")
      }
      return .ok
    } catch {
      if let refusedPlan { context.console.out(refusedPlan.text(organization: organization.name, listing: false)) }
      let outcome: RunOutcome = error.kind == .failure ? .failed : .refused
      // Recording the refusal is best effort: the original error is what the operator needs.
      var message = error.description
      if case .invalidInput(let diagnostics) = error.kind { message += "\n" + diagnostics.errors.rendered(limit: 10) }
      _ = try? store.recordRun(run, organization: organization, outcome: outcome, counts: refusedPlan?.runCounts ?? [:], message: message)
      throw error
    }
  }
}
