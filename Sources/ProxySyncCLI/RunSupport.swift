import ProxySyncCore
import ProxySyncReaders

/// What every writing run (`sync`, `import`, `apply`) shares: one run per organization at a
/// time, and a record of every refusal or failure.
enum RunSupport {

  /// `--lock-timeout SECONDS`: how long a run waits for another; 0 refuses at once.
  static func lockTimeout(_ arguments: Arguments) throws(ProxySyncError) -> Double {
    guard let text = arguments[.lockTimeout] else { return 0 }
    guard let seconds = Double(text), seconds >= 0 else { throw .usage("--lock-timeout takes seconds, not \"\(text)\"") }
    return seconds
  }

  /// Takes the organization's lock, runs `body`, records a refusal or failure, releases the lock.
  static func locked<T>(
    _ store: any ProxyStore, _ organization: Organization, run: RunStart, arguments: Arguments, context: Context,
    _ body: (inout RunStart) throws(ProxySyncError) -> T
  ) throws(ProxySyncError) -> T {
    var run = run
    let timeout = try lockTimeout(arguments)
    do {
      try store.acquireLock(
        for: organization, command: run.command, timeout: timeout,
        onWait: { context.warn("waiting up to \(timeout) s for \($0) to finish") },
        onTakeover: { context.warn("took over the lock left by \($0), which is no longer running") })
    } catch {
      if !store.recordRefusalQuickly(run, organization: organization, message: error.description) {
        context.warn("the refusal was not recorded: the store is busy with the other run")
      }
      throw error
    }
    defer { store.releaseLock(for: organization) }
    if context.logFormat == .json {
      context.log("info", [
        ("runId", .string(run.id.rawValue)), ("phase", .string("start")), ("command", .string(run.command)),
        ("organization", .string(organization.name)), ("source", .string(run.source)),
      ])
    }
    context.pause(at: "locked")
    do {
      return try body(&run)
    } catch {
      var message = error.description
      if case .invalidInput(let diagnostics) = error.kind { message += "\n" + diagnostics.errors.rendered(limit: 10) }
      let outcome: RunOutcome = error.kind == .failure ? .failed : .refused
      // Best effort: the original error is what the operator needs.
      _ = try? store.recordRun(run, organization: organization, outcome: outcome, message: message)
      throw error
    }
  }

  /// Prints the outcome: one line when nothing changed, the summary otherwise; with JSON logs,
  /// also a final log line with the counts.
  /// Warns about people an email conflict left out (the first 20, then a count).
  static func warnAboutConflicts(in plan: Plan, organization: Organization, context: Context) {
    let warnings = plan.emailConflictWarnings(organization: organization.name)
    for warning in warnings.prefix(20) { context.warn(warning) }
    if warnings.count > 20 { context.warn("… and \(warnings.count - 20) more email conflicts (see the plan's skipped list)") }
  }

  static func finish(_ plan: Plan, _ record: RunRecord, organization: Organization, format: OutputFormat, context: Context) {
    warnAboutConflicts(in: plan, organization: organization, context: context)
    if format == .json {
      context.console.out(plan.json(organization: organization.name).rendered() + "\n")
    } else if plan.isEmpty {
      // Quiet, unless someone waits for an address: that has to be noticed every night.
      let conflicts = plan.skipped.count { $0.reason == .emailConflict }
      let waiting = conflicts == 0 ? "" : "; email conflicts: \(conflicts) (see the warnings)"
      context.console.out("\(plan.outcomeLine(organization: organization.name)) (run \(record.id))\(waiting)\n")
    } else {
      var lines = plan.text(organization: organization.name, listing: false, style: context.textStyle(full: false))
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if plan.held != nil { lines[0] = context.textStyle(full: false).heading(plan.outcomeLine(organization: organization.name)) }
      context.console.out(lines.joined(separator: "\n") + "applied in run \(record.id)\n")
    }
    if context.logFormat == .json {
      context.log("info", [
        ("runId", .string(record.id.rawValue)), ("phase", .string("done")), ("outcome", .string(record.outcome.rawValue)),
        ("changes", .int(plan.operations.count)),
        ("counts", .object(record.counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
      ])
    }
  }

  /// Reads `manifest.json`, if any; a broken manifest is invalid input.
  static func readManifest(_ folder: String) throws(ProxySyncError) -> ExportManifest? {
    switch ManifestReader.read(folder: folder) {
    case .success(let manifest): return manifest
    case .failure(let diagnostic):
      throw ProxySyncError(.invalidInput([diagnostic]), "the export's manifest is invalid; nothing was written")
    }
  }

  /// Applies the manifest rules; a refusal is a guard refusal (exit 4), a warning is printed.
  static func check(
    _ manifest: ExportManifest?, against organization: Organization, requireManifest: Bool, force: Bool, context: Context
  ) throws(ProxySyncError) {
    switch ManifestVerdict.judge(manifest, binding: organization.binding, requireManifest: requireManifest, force: force) {
    case .accept: break
    case .warn(let message): context.warn("\(message)")
    case .refuse(let message): throw ProxySyncError(.guardTripped, "refused: \(message); nothing was written")
    }
  }
}
