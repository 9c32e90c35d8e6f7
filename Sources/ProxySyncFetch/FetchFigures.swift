import Foundation

/// What a fetch did on the wire, for its metrics: requests sent, tries again, answers that said
/// the rate limit was spent (429), seconds spent waiting for a window.
package final class FetchFigures: @unchecked Sendable {
  private let lock = NSLock()
  private var counts = Counts()

  package struct Counts: Sendable, Equatable {
    package var requests = 0
    package var retries = 0
    package var throttled = 0
    package var waitSeconds = 0.0
  }

  package init() {}

  func count(_ change: (inout Counts) -> Void) { lock.withLock { change(&counts) } }
  package var current: Counts { lock.withLock { counts } }
}
