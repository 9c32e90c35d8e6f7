import Dispatch

/// A value computed on another thread while this one goes on; `wait` returns it.
///
/// The store appliers make the next rows this way while the database writes the last ones: the
/// machine has two cores, and SQLite (or the PostgreSQL connection) keeps one busy.
package final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchGroup()
  /// Written once by the worker before `leave`, read only after `wait`: the group orders them.
  private var value: Value?

  package init(_ work: @escaping @Sendable () -> Value) {
    finished.enter()
    DispatchQueue.global().async { [self] in
      value = work()
      finished.leave()
    }
  }

  package func wait() -> Value {
    finished.wait()
    guard let value else { preconditionFailure("background work finished without a value") }
    return value
  }
}

extension BackgroundWork {
  /// Hands `write` the batches `0..<count` in order, each made by `make` on another thread
  /// while the one before it is written: the database stores one batch while the next is made.
  package static func pipeline(batches count: Int, make: @escaping @Sendable (Int) -> Value, write: (Int, Value) throws -> Void) rethrows {
    var next = count > 0 ? BackgroundWork { make(0) } : nil
    var index = 0
    while let ready = next {
      next = index + 1 < count ? BackgroundWork { [index] in make(index + 1) } : nil
      try write(index, ready.wait())
      index += 1
    }
  }
}
