import ProxySyncCore

/// The export and its numbering, held only until the plan is made from them.
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

  /// The plan against `current`; afterwards the inputs are freed on another thread, or kept
  /// until `letGo`. Called once: a run makes one plan.
  func plan(against current: StoreSnapshot, options: SyncOptions) -> Plan {
    guard let (desired, numbers) = held.take() else { preconditionFailure("a run makes one plan") }
    let plan = makePlan(desired: desired, current: current, options: options, numbers: numbers)
    if freesEarly { Teardown.inBackground((consume desired, consume numbers)) } else { kept = (desired, numbers) }
    return plan
  }

  /// Frees whatever is still held, on another thread.
  func letGo() {
    if let values = held.take() { Teardown.inBackground(values) }
    if let values = kept.take() { Teardown.inBackground(values) }
  }
}
