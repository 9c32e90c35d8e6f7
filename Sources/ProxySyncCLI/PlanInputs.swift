import ProxySyncCore

/// The export and its numbering, held only until the run's plan is settled.
///
/// A run applies its plan while holding the store's snapshot; the export is not needed past
/// planning, and for a million people it is a few hundred megabytes. Let go before the apply
/// fills SQLite's page cache, the apply's peak is no longer their sum.
///
/// Not for an import: its apply keeps both cores busy (rows are made on one while SQLite writes
/// on the other), and freeing a million people beside it slowed a 1M import by 0.3–0.7 s; an
/// import lets them go after its apply, as before.
final class PlanInputs: @unchecked Sendable {
  private var held: (DirectorySnapshot, UserNumbers?)?
  private let freesEarly: Bool
  /// Kept here past planning when not freed early, until `letGo`.
  private var kept: (DirectorySnapshot, UserNumbers?)?

  init(_ desired: consuming DirectorySnapshot, numbers: consuming UserNumbers?, freesEarly: Bool) {
    held = (desired, numbers)
    self.freesEarly = freesEarly
  }

  /// The plan against the store as `preload` reads it, made before the run's transaction (its
  /// people while the store still reads memberships). The inputs are kept: the store may move
  /// before the run writes, and `plan(against:madeAhead:options:)` then plans again.
  func planAhead(_ preload: SnapshotPreload, options: SyncOptions) throws(ProxySyncError) -> (Plan, PreloadedSnapshot) {
    guard let (desired, numbers) = held else { preconditionFailure("planned ahead after the plan was made") }
    return try preload.plan(desired: desired, options: options, numbers: numbers)
  }

  /// The run's plan: `madeAhead` when it still holds (the store has not moved since it was
  /// read), else a plan against `current`; afterwards the inputs are freed on another thread,
  /// or kept until `letGo`. Called once: a run makes one plan.
  func plan(against current: StoreSnapshot, madeAhead: Plan?, options: SyncOptions) -> Plan {
    guard let (desired, numbers) = held.take() else { preconditionFailure("a run makes one plan") }
    let plan = madeAhead ?? makePlan(desired: desired, current: current, options: options, numbers: numbers)
    if freesEarly { Teardown.inBackground((consume desired, consume numbers)) } else { kept = (desired, numbers) }
    return plan
  }

  /// Frees whatever is still held, on another thread.
  func letGo() {
    if let values = held.take() { Teardown.inBackground(values) }
    if let values = kept.take() { Teardown.inBackground(values) }
  }
}
