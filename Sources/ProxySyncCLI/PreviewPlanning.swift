import ProxySyncCore

/// What a command that only looks (`plan`, `explain`) plans from: the export read while the
/// store is read on the other core, and the plan a sync would make from them.
struct PreviewPlanning: ~Copyable {
  let desired: DirectorySnapshot
  let numbers: UserNumbers?
  let preloaded: PreloadedSnapshot
  let plan: Plan

  /// - Parameter beforePlanning: checks made once the export is read (its manifest), before
  ///   the store's reading is waited for.
  init(
    source: String, store: any ProxyStore, organization: Organization, options: SyncOptions, quarantineLimit: Int,
    quiet: Bool, _ context: Context, beforePlanning: () throws(ProxySyncError) -> Void = {}
  ) throws(ProxySyncError) {
    let preload = SnapshotPreload(store: store, organization: organization)
    defer { _ = try? preload.wait() }
    let (desired, numbers, _) = try context.phase("read export") { () throws(ProxySyncError) in
      try Common.readExport(source, context, quarantineLimit: quarantineLimit, quiet: quiet)
    }
    try beforePlanning()
    let preloaded = try context.phase("load store (rest)") { () throws(ProxySyncError) in try preload.wait() }
    plan = context.phase("plan") { makePlan(desired: desired, current: preloaded.snapshot, options: options, numbers: numbers) }
    self.desired = desired
    self.numbers = numbers
    self.preloaded = preloaded
  }

  /// Frees the million-entry values on another thread, so the command's answer is not held up.
  consuming func tearDown() {
    Teardown.inBackground((desired, numbers, preloaded, plan))
  }
}
