import ProxySyncCore

/// The process exit statuses; the README documents them and scripts rely on them.
package enum ExitStatus: Int32, Sendable {
  case ok = 0
  case failure = 1
  case usage = 2
  case changesPending = 3
  case guardTripped = 4
  case locked = 5
  case stalePlan = 6

  /// The one mapping from an error to a status.
  init(for error: ProxySyncError) {
    switch error.kind {
    case .usage: self = .usage
    case .invalidInput, .failure: self = .failure
    case .guardTripped: self = .guardTripped
    case .locked: self = .locked
    case .stalePlan: self = .stalePlan
    }
  }
}
