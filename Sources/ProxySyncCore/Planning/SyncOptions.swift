/// How a run may change the store: Okta's "To App" switches, the mode and the guard's limit.
package struct SyncOptions: Sendable, Equatable {
  /// `sync` mirrors the export; `import` only adds (never deactivates or removes members).
  package enum Mode: String, Sendable { case sync, `import` }

  package var mode: Mode = .sync
  package var createUsers = true
  package var updateUsers = true
  /// Okta's "Deactivate Users" switch covers reactivation too.
  package var deactivateUsers = true
  package var pushGroups = true
  /// The operator's choice of groups to push (`--push-group`): Okta group ids or name patterns;
  /// nil pushes every group the export allows (see `PushedGroups`).
  package var pushGroupSelection: [String]? = nil
  package var deactivationLimit: DeactivationLimit = .default

  package init() {}
  package static let `default` = SyncOptions()
}

/// How many deactivations one run may make before the guard refuses it.
package enum DeactivationLimit: Sendable, Equatable, CustomStringConvertible {
  /// At most this many.
  case count(Int)
  /// At most this share of the organization's active people; never fewer than `floor`.
  case percent(Double, floor: Int)

  /// 10% of active people, but a run may always deactivate up to 5.
  package static let `default` = DeactivationLimit.percent(10, floor: 5)

  /// The largest number of deactivations allowed when `activePeople` are active.
  package func allowed(activePeople: Int) -> Int {
    switch self {
    case .count(let count): return count
    case .percent(let percent, let floor):
      let share = Int((Double(activePeople) * percent / 100).rounded(.down))
      return max(share, floor)
    }
  }

  /// Parses `N` (a count) or `P%` (a share of active people); nil when it is neither.
  package init?(parsing text: String) {
    if text.hasSuffix("%") {
      guard let percent = Double(text.dropLast()), percent >= 0, percent <= 100 else { return nil }
      self = .percent(percent, floor: 5)
    } else {
      guard let count = Int(text), count >= 0 else { return nil }
      self = .count(count)
    }
  }

  package var description: String {
    switch self {
    case .count(let count): "\(count)"
    case .percent(let percent, _):
      percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }
  }
}
