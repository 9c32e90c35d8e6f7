import Foundation

/// A value computed on another thread while this one goes on; `wait` returns it.
///
/// The applier prepares the next people's values this way while SQLite writes the last ones:
/// the machine has two cores, and SQLite uses one.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchGroup()
  /// Written once by the worker before `leave`, read only after `wait`: the group orders them.
  private var value: Value?

  init(_ work: @escaping @Sendable () -> Value) {
    finished.enter()
    DispatchQueue.global().async { [self] in
      value = work()
      finished.leave()
    }
  }

  func wait() -> Value {
    finished.wait()
    guard let value else { preconditionFailure("background work finished without a value") }
    return value
  }
}
