import ProxySyncCore

/// The export and its numbering, held only until the plan is made from them.
///
/// A run applies its plan while holding the store's snapshot; the export is not needed past
/// planning, and for a million people it is a few hundred megabytes. Let go before the apply
/// fills SQLite's page cache, the apply's peak is no longer their sum.
final class PlanInputs: @unchecked Sendable {
  private var held: (DirectorySnapshot, UserNumbers?)?

  init(_ desired: consuming DirectorySnapshot, numbers: consuming UserNumbers?) { held = (desired, numbers) }

  /// The plan against `current`; afterwards the inputs are freed on another thread.
  /// Called once: a run makes one plan.
  func plan(against current: StoreSnapshot, options: SyncOptions) -> Plan {
    guard let (desired, numbers) = held.take() else { preconditionFailure("a run makes one plan") }
    let plan = makePlan(desired: desired, current: current, options: options, numbers: numbers)
    Teardown.inBackground((consume desired, consume numbers))
    return plan
  }
}
