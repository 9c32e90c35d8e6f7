import ProxySyncCore

/// What a command that only looks (`plan`, `explain`) plans from: the export read while the
/// store is read on the other core, and the plan a sync would make from them (its "plan"
/// phase includes waiting for the store's memberships, read while people are planned).
enum PreviewPlanning {
  /// - Parameter beforePlanning: checks made once the export is read (its manifest), before
  ///   the store's reading is waited for.
  /// - Returns: values the caller hands to `Teardown.inBackground` (each `consume`d) when it is
  ///   done, so the million-entry ones are freed on another thread.
  static func make(
    source: String, store: any ProxyStore, organization: Organization, options: SyncOptions, quarantineLimit: Int,
    quiet: Bool, _ context: Context, beforePlanning: () throws(ProxySyncError) -> Void = {}
  ) throws(ProxySyncError) -> (desired: DirectorySnapshot, numbers: UserNumbers?, preloaded: PreloadedSnapshot, plan: Plan) {
    let preload = SnapshotPreload(store: store, organization: organization)
    defer { _ = try? preload.wait() }
    let (desired, numbers, _) = try context.phase("read export") { () throws(ProxySyncError) in
      try Common.readExport(source, context, quarantineLimit: quarantineLimit, quiet: quiet)
    }
    try beforePlanning()
    let (plan, preloaded) = try context.phase("plan") { () throws(ProxySyncError) in
      try preload.plan(desired: desired, options: options, numbers: numbers)
    }
    return (desired, numbers, preloaded, plan)
  }
}
