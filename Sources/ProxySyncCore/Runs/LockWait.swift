/// Waiting for another run's lock, the same way on every backend: refuse once `timeout` has
/// passed (at once for 0), tell the caller once that waiting began, else let it try again.
package struct LockWait {
  private let deadline: ContinuousClock.Instant
  private var told = false

  package init(timeout seconds: Double) {
    deadline = .now + .milliseconds(Int64((max(seconds, 0) * 1000).rounded()))
  }

  /// Called each time `holder` still has the lock: throws the refusal naming them when time
  /// is up; otherwise returns and the caller pauses before trying again.
  package mutating func stillHeld(
    by holder: LockHolder, of organization: Organization, onWait: (LockHolder) -> Void
  ) throws(ProxySyncError) {
    guard ContinuousClock.now < deadline else { throw holder.refusal(of: organization) }
    if !told {
      told = true
      onWait(holder)
    }
  }
}
