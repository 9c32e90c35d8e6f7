import Foundation

/// Waits that a signal can cut short: `Thread.sleep` cannot be interrupted, so a fetch told to
/// stop during a 60 s wait for Okta's rate limit used to sleep on for the rest of it.
final class Pause: @unchecked Sendable {
  private let condition = NSCondition()
  private var interrupted = false

  /// Waits `seconds`, or less if `interrupt` is called; true when it was interrupted.
  func wait(_ seconds: Double) -> Bool {
    let until = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    while !interrupted, condition.wait(until: until) {}
    return interrupted
  }

  /// Ends every wait, now and later.
  func interrupt() {
    condition.lock()
    interrupted = true
    condition.broadcast()
    condition.unlock()
  }
}
