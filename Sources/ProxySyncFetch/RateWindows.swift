import Foundation

/// Okta's rate limits, one window per family of endpoints (`/api/v1/users…`, `/api/v1/groups…`,
/// `/api/v1/apps…`): Okta counts each family apart, so a spent users window must not stop the
/// member listings, which Okta would still answer.
///
/// A family's budget is what Okta's last answer said was left in its window, less the requests
/// sent since (counted when they go, so the workers never overrun it together); a worker whose
/// family has nothing left waits for that window's reset while the other families go on. Once
/// the reset has passed the budget is unknown again until the next answer says.
final class RateWindows: @unchecked Sendable {
  private struct Window {
    /// Requests left in the window; nil when no answer of this window has said.
    var budget: Int?
    var resetAt: Date?
    /// A 429 holds the family until a moment after the reset Okta gave.
    var heldUntil = Date.distantPast
    var inFlight = 0
    /// The newest window Okta has named (its reset second), kept after it passes: an answer
    /// from it or an older one, handled late, says nothing about the window now in force.
    var latest = Int.min
  }

  private let lock = NSLock()
  private var windows: [String: Window] = [:]
  private let clock: @Sendable () -> Date

  init(clock: @escaping @Sendable () -> Date) { self.clock = clock }

  /// The family Okta counts a request against: the path's first part after `/api/v1`.
  static func family(of url: URL) -> String {
    let parts = url.path.split(separator: "/")
    guard parts.count >= 3, parts[0] == "api", parts[1].hasPrefix("v") else { return parts.first.map(String.init) ?? "" }
    return String(parts[2])
  }

  /// Takes a request's place in its family's window: 0 when it may go now (it is then counted),
  /// else the seconds until the window resets, to wait and ask again.
  func take(_ family: String) -> Double {
    lock.withLock {
      let now = clock()
      var window = current(family, now: now)
      defer { windows[family] = window }
      if window.heldUntil > now { return window.heldUntil.timeIntervalSince(now) }
      if let budget = window.budget, budget <= 0, let reset = window.resetAt { return reset.timeIntervalSince(now) }
      window.budget = window.budget.map { $0 - 1 }
      window.inFlight += 1
      return 0
    }
  }

  /// A request taken with `take` ended; its answer's headers say what is left, or `limit` is nil
  /// (no answer). Returns how long the family's next request would have to wait.
  @discardableResult
  func answered(_ family: String, limit: RateLimit?, throttled: Bool = false) -> Double {
    lock.withLock {
      let now = clock()
      var window = current(family, now: now)
      defer { windows[family] = window }
      window.inFlight = max(0, window.inFlight - 1)
      if let limit, let resetsIn = limit.resetsIn {
        let reset = now.addingTimeInterval(resetsIn)
        let known = window.resetAt ?? .distantPast
        let left = (limit.remaining ?? Int.max) - window.inFlight
        if let named = limit.window {
          // Okta names the window: a newer one starts, the one in force is narrowed, and an
          // answer from one already over is ignored however late it was handled.
          if named > window.latest {
            (window.budget, window.resetAt, window.latest) = (left, reset, named)
          } else if named == window.latest, window.resetAt != nil {
            window.budget = min(window.budget ?? left, left)
          }
        } else if reset > known.addingTimeInterval(-0.5) {
          // Without a named window, by when it resets: an answer from a window already over
          // says nothing about this one.
          let sameWindow = reset < known.addingTimeInterval(0.5)
          window.budget = sameWindow ? min(window.budget ?? left, left) : left
          window.resetAt = sameWindow ? known : reset
        }
        if throttled {
          window.budget = 0
          window.heldUntil = max(window.heldUntil, reset.addingTimeInterval(1))
        }
      }
      if window.heldUntil > now { return window.heldUntil.timeIntervalSince(now) }
      if let budget = window.budget, budget <= 0, let reset = window.resetAt { return max(0, reset.timeIntervalSince(now)) }
      return 0
    }
  }

  /// Holds a family for `seconds` from now (a 429 that gave no reset).
  func hold(_ family: String, for seconds: Double) {
    lock.withLock {
      let now = clock()
      var window = current(family, now: now)
      window.heldUntil = max(window.heldUntil, now.addingTimeInterval(seconds))
      windows[family] = window
    }
  }

  /// The family's window, forgotten once its reset has passed (a new window has begun).
  private func current(_ family: String, now: Date) -> Window {
    var window = windows[family] ?? Window()
    if let reset = window.resetAt, reset <= now {
      window.budget = nil
      window.resetAt = nil
    }
    return window
  }
}
