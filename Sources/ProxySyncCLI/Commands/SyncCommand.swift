import ProxySyncCore

extension Option {
  static let dryRun = Option(
    "--dry-run", nil, "print the plan this command would apply and write nothing; exits\nas plan does (--out, --detailed-exitcode and --full need it)")
  static let onGuard = Option(
    "--on-guard", "refuse|hold", "when the guard trips: refuse the whole run (default), or hold\nthe deactivations for proxysync runs approve and apply the rest",
    config: .value("onGuard"))
}

/// `proxysync sync` and `proxysync import`: plan and apply in one transaction.
enum SyncCommand {
  static let format = Option.format([.text, .json, .csv, .html], "how to print the plan (csv and html with --dry-run)")

  /// An import never deactivates: the guard's options mean nothing to it.
  static func options(_ mode: SyncOptions.Mode) -> [Option] {
    (mode == .sync ? PlanningOptions.shared + [.onGuard] : PlanningOptions.forImport) + [format, .lockTimeout, .metricsFile, .dryRun]
      + PlanCommand.previewOnly
  }

  static func command(_ mode: SyncOptions.Mode) -> Command {
    let about =
      mode == .sync
      ? """
        Makes the store mirror the export: creates, updates, deactivates, reactivates, pushes groups.
        Everything is applied in one transaction, or nothing is. The run is recorded.
        Exit status: 0 ok, 1 error, 4 refused by a guard (nothing written) or, with --on-guard
        hold, applied but for the deactivations held for approval, 5 another run holds the
        organization.
        """
      : """
        Bulk import for migrations: creates, links and updates; never deactivates or removes members.
        Everything is applied in one transaction, or nothing is. The run is recorded.
        Exit status: 0 ok, 1 error, 4 refused (the export's tenant or age; nothing written), 5
        another run holds the organization.
        """
    return .leaf(usage: "proxysync \(mode.rawValue) --org NAME --source DIR [options]", about: about, options: options(mode)) {
      (raw, context) throws(ProxySyncError) in try run(raw, context, mode: mode)
    }
  }

  static func run(_ raw: ArraySlice<String>, _ context: Context, mode: SyncOptions.Mode) throws(ProxySyncError) -> ExitStatus {
    var context = context
    // A preview of exactly this run: planned as it would be, printed or saved, nothing written.
    let arguments = try Arguments(raw, accepting: options(mode))
    if arguments.has(.dryRun) {
      return try PlanCommand.preview(raw, context, mode: mode, accepting: options(mode), format: format)
    }
    for option in PlanCommand.previewOnly where arguments.gives(option) {
      throw .usage("\(option.name) goes with --dry-run (or proxysync plan)")
    }
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, Self.format)
    guard format == .text || format == .json else { throw .usage("--format \(format.rawValue) goes with --dry-run (or proxysync plan)") }
    let options = try PlanningOptions.syncOptions(arguments, mode: mode)
    let source = try arguments.required(.source)
    let force = arguments.has(.force)
    let onTrip = try guardAction(arguments)
    let quarantineLimit = try PlanningOptions.quarantineLimit(arguments)
    let metrics = MetricsFile(arguments, &context)
    let store = try Common.openStore(arguments, context, forRun: true)
    let organization = try Common.organization(arguments, context, in: store)
    return try MetricsFile.report(metrics, store: store, organization: organization, command: mode.rawValue, context: context) {
      () throws(ProxySyncError) in
      try apply(mode, arguments, context, store, organization, source, options, force, onTrip, quarantineLimit, format)
    }
  }

  /// The run itself, once the store and the organization are known.
  private static func apply(
    _ mode: SyncOptions.Mode, _ arguments: Arguments, _ context: Context, _ store: any ProxyStore, _ organization: Organization,
    _ source: String, _ options: SyncOptions, _ force: Bool, _ onTrip: GuardAction, _ quarantineLimit: Int, _ format: OutputFormat
  ) throws(ProxySyncError) -> (ExitStatus, Plan?) {
    let start = context.runStart(command: mode.rawValue, source: source)
    let (plan, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      run.manifest = try RunSupport.readManifest(source)
      let preload = SnapshotPreload(store: store, organization: organization)
      defer { _ = try? preload.wait() }
      let (desired, numbers, quarantined) = try context.phase("read export") { () throws(ProxySyncError) in
        try Common.readExport(source, context, quarantineLimit: quarantineLimit, quiet: arguments.has(.quiet))
      }
      run.quarantined = quarantined
      let inputs = PlanInputs(consume desired, numbers: consume numbers, freesEarly: mode == .sync)
      // Planned before the write transaction (people while the store may still be reading its
      // memberships); the run keeps that plan only if nothing was applied since it was read.
      let (ahead, preloaded) = try context.phase("plan") { () throws(ProxySyncError) in try inputs.planAhead(preload, options: options) }
      let manifest = run.manifest
      let progress = ApplyProgress(context: context, quiet: arguments.has(.quiet))
      defer { progress.finish() }
      var refusedCounts: [String: Int]?
      defer { if let refusedCounts { run.counts = refusedCounts } }  // the history shows what the guard stopped
      let applied = try context.phase("apply") { () throws(ProxySyncError) in
        try store.applyChanges(to: organization, run: run, preloaded: preloaded, progress: { progress($0) }) { current, organization in
          try RunSupport.check(manifest, against: organization, requireManifest: arguments.has(.requireManifest), force: force, context: context)
          let plan = inputs.plan(against: current, madeAhead: preloaded.isCurrent(at: organization) ? ahead : nil, options: options)
          switch plan.guardCheck.decision(force: force, onTrip: onTrip) {
          case .proceed:
            progress.total = plan.operations.count
            return plan
          case .hold:
            let applied = plan.holdingDeactivations(
              run: run.id, organization: organization.name, revision: organization.revision, createdAt: context.timestamp(),
              source: source)
            progress.total = applied.operations.count
            return applied
          case .refuse(let refusal):
            refusedCounts = plan.runCounts
            context.console.out(plan.text(organization: organization.name, listing: false))
            throw refusal
          }
        }
      }
      inputs.letGo()
      Teardown.inBackground(consume preloaded)
      return applied
    }
    RunSupport.finish(plan, record, organization: organization, format: format, context: context)
    // Monitoring must still hear of it: the night went on, but someone has to approve or not.
    let status: ExitStatus = plan.held == nil ? .ok : .guardTripped
    if let held = plan.held { context.warn(held.message) }
    return (status, plan)
  }

  /// `--on-guard refuse|hold`: what to do when the guard trips.
  static func guardAction(_ arguments: Arguments) throws(ProxySyncError) -> GuardAction {
    guard let text = arguments[.onGuard] else { return .refuse }
    guard let action = GuardAction(rawValue: text) else { throw .usage("--on-guard takes refuse or hold, not \"\(text)\"") }
    return action
  }
}
