import Foundation

/// Pieces of work run on at most `width` threads, in the order they were added; a piece may add
/// more (the member listings, once the listings that name the groups are done). The first
/// failure stops the rest (through `onFailure`, which cancels requests in flight) and is the one
/// thrown.
///
/// The workers are threads of their own, not Dispatch's: they block on their requests, and
/// blocked Dispatch workers starve the pool URLSession answers on (it grows about a thread a
/// second), which made four workers take seconds to start.
final class ParallelWork: @unchecked Sendable {
  typealias Piece = @Sendable () throws -> Void

  private let condition = NSCondition()
  private var waiting: [Piece] = []
  private var running = 0
  private var failure: FetchError?

  /// Adds pieces to run once a worker is free.
  func add(_ pieces: [Piece]) {
    condition.lock()
    waiting += pieces
    condition.broadcast()
    condition.unlock()
  }

  /// Runs everything added, before and while it runs, until none is left or one failed.
  func run(width: Int, onFailure: @escaping @Sendable () -> Void) throws(FetchError) {
    let group = DispatchGroup()
    for _ in 0..<max(1, width) {
      group.enter()
      let thread = Thread { [self] in
        defer { group.leave() }
        while let piece = take() {
          do {
            try piece()
            finished(nil)
          } catch {
            if finished(error as? FetchError ?? FetchError("\(error)")) { onFailure() }
          }
        }
      }
      thread.start()
    }
    group.wait()
    if let failure { throw failure }
  }

  /// The next piece; waits while others run that may still add some; nil when all is done.
  private func take() -> Piece? {
    condition.lock()
    defer { condition.unlock() }
    while failure == nil, waiting.isEmpty, running > 0 { condition.wait() }
    guard failure == nil, !waiting.isEmpty else { return nil }
    running += 1
    return waiting.removeFirst()
  }

  /// A piece ended; true when its failure is the first.
  @discardableResult
  private func finished(_ error: FetchError?) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    running -= 1
    condition.broadcast()
    guard let error, failure == nil else { return false }
    failure = error
    return true
  }
}

/// Runs `then` once, when the last of `count` pieces of work says it is done.
final class Countdown: @unchecked Sendable {
  private let lock = NSLock()
  private var left: Int
  private let then: @Sendable () throws(FetchError) -> Void

  init(_ count: Int, then: @escaping @Sendable () throws(FetchError) -> Void) {
    left = count
    self.then = then
  }

  func done() throws(FetchError) {
    let last = lock.withLock {
      left -= 1
      return left == 0
    }
    if last { try then() }
  }
}
