import Foundation
import ProxySyncCore
import ProxySyncReaders

/// `proxysync apply`: applies a plan saved by `plan --out`, exactly, or refuses.
enum ApplyCommand {
  static let help = """
    usage: proxysync apply --org NAME PLANFILE [--force] [--lock-timeout SECONDS] [--quiet] [--store PATH]

    Applies exactly the operations of a plan saved with `proxysync plan --out PLANFILE`, in one
    transaction. Refused with exit 6 when the organization's data changed since the plan was
    made, the plan was already applied, it is for another organization, or the file was edited
    or truncated. A plan the deactivation guard flagged needs --force (exit 4 otherwise).

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, options: Common.storeOptions.union(RunSupport.options), flags: ["--force", "--quiet"])
    let path = try arguments.positionals(1, "plan file")[0]
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let start = RunStart(id: context.makeRunID(), command: "apply", source: path)
    // Checked inside the locked run, so each refusal is recorded in the run history.
    let (plan, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      let saved = try SavedPlanReader.read(path: path)
      (run.manifest, run.planChecksum) = (saved.manifest, saved.checksum)
      guard saved.organization == organization.name else {
        throw ProxySyncError(.stalePlan, "the plan is for organization \"\(saved.organization)\", not \"\(organization.name)\"")
      }
      if let earlier = try store.loadRun(appliedPlan: saved.checksum) {
        throw ProxySyncError(.stalePlan, "this plan was already applied, in run \(earlier); make a new plan")
      }
      if saved.plan.guardCheck.isTripped, !arguments.has("--force") {
        throw ProxySyncError(.guardTripped, "the plan was flagged by the guard: \(saved.plan.guardCheck.explanation); apply it with --force if it is right")
      }
      let progress = ApplyProgress(context: context, quiet: arguments.has("--quiet"))
      progress.total = saved.plan.operations.count
      defer { progress.finish() }
      return try store.applyChanges(to: organization, run: run, progress: { progress($0) }) { current, organization in
        guard organization.revision == saved.revision else {
          throw ProxySyncError(.stalePlan, "the organization's data changed since the plan was made (revision \(saved.revision), now \(organization.revision)); make a new plan")
        }
        guard let plan = saved.plan.resolved(against: current) else {
          throw ProxySyncError(.stalePlan, "the store no longer matches the plan; make a new plan")
        }
        return plan
      }
    }
    RunSupport.finish(plan, record, organization: organization, format: "text", context: context)
    return .ok
  }
}
