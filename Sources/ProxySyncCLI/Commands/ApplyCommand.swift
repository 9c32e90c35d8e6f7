import Foundation
import ProxySyncCore
import ProxySyncReaders

/// `proxysync apply`: applies a plan saved by `plan --out`, exactly, or refuses.
enum ApplyCommand {
  static let force = Option("--force", nil, "apply a plan the deactivation guard flagged")
  static let options: [Option] = [.store, .org, force, .lockTimeout, .metricsFile, .quiet, .logFormat, .config]

  static let command = Command.leaf(
    usage: "proxysync apply --org NAME PLANFILE [options]",
    about: """
      Applies exactly the operations of a plan saved with `proxysync plan --out PLANFILE`, in one
      transaction. Refused with exit 6 when the organization's data changed since the plan was
      made, the plan was already applied, it is for another organization, or the file was edited,
      truncated or saved from another store (plans are signed with a key only this store holds).
      A plan the deactivation guard flagged needs --force (exit 4 otherwise).
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    var context = context
    let arguments = try Arguments(raw, accepting: options)
    let path = try arguments.positionals(1, "plan file")[0]
    let metrics = MetricsFile(arguments, &context)
    let store = try Common.openStore(arguments, context, forRun: true)
    let organization = try Common.organization(arguments, context, in: store)
    return try MetricsFile.report(metrics, store: store, organization: organization, command: "apply", context: context) {
      () throws(ProxySyncError) in try apply(path, arguments, context, store, organization)
    }
  }

  private static func apply(
    _ path: String, _ arguments: Arguments, _ context: Context, _ store: any ProxyStore, _ organization: Organization
  ) throws(ProxySyncError) -> (ExitStatus, Plan?) {
    let start = context.runStart(command: "apply", source: path)
    // Checked inside the locked run, so each refusal is recorded in the run history.
    let (plan, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      let key = try store.loadPlanSigningKey()
      let saved = try context.phase("read plan") { () throws(ProxySyncError) in try SavedPlanReader.read(path: path, key: key) }
      (run.manifest, run.planChecksum) = (saved.manifest, saved.checksum)
      if let refusal = SavedPlanVerdict.refusal(
        saved, organization: organization, appliedIn: try store.loadRun(appliedPlan: saved.checksum), force: arguments.has(force))
      {
        throw refusal
      }
      let progress = ApplyProgress(context: context, quiet: arguments.has(.quiet))
      progress.total = saved.plan.operations.count
      defer { progress.finish() }
      return try context.phase("load, resolve and apply") { () throws(ProxySyncError) in
        try store.applyChanges(to: organization, run: run, progress: { progress($0) }) { current, organization in
          try SavedPlanVerdict.plan(saved, against: current, organization: organization).get()
        }
      }
    }
    RunSupport.finish(plan, record, organization: organization, format: .text, context: context)
    return (.ok, plan)
  }
}
