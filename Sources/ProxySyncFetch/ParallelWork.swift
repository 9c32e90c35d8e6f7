import Foundation

/// Runs `count` pieces of work on at most `width` threads; the first failure stops the rest
/// (through `onFailure`, which cancels requests in flight) and is the one thrown.
///
/// The workers are threads of their own, not Dispatch's: they block on their requests, and
/// blocked Dispatch workers starve the pool URLSession answers on (it grows about a thread a
/// second), which made four workers take seconds to start.
func inParallel(
  _ count: Int, width: Int, onFailure: @escaping @Sendable () -> Void, _ body: @escaping @Sendable (Int) throws -> Void
) throws(FetchError) {
  let state = WorkState()
  let group = DispatchGroup()
  for _ in 0..<max(1, min(width, count)) {
    group.enter()
    let thread = Thread {
      defer { group.leave() }
      while let index = state.take(below: count) {
        do {
          try body(index)
        } catch {
          if state.fail(error as? FetchError ?? FetchError("\(error)")) { onFailure() }
        }
      }
    }
    thread.start()
  }
  group.wait()
  if let failure = state.failure { throw failure }
}

private final class WorkState: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private(set) var failure: FetchError?

  /// The next piece to do, or nil when all are taken or something failed.
  func take(below count: Int) -> Int? {
    lock.withLock {
      guard failure == nil, next < count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  /// Records a failure; true for the first one.
  func fail(_ error: FetchError) -> Bool {
    lock.withLock {
      guard failure == nil else { return false }
      failure = error
      return true
    }
  }
}
