// The fixed order of a plan: the same inputs give the same plan, whatever their order.

extension Plan {
  /// The operations in key order.
  static func inKeyOrder(_ operations: [Operation]) -> [Operation] { sorted(operations) { $0.sortKey } }

  /// Puts items in key order. The planner emits them in order already, so one pass checks that
  /// first, building each key only for the moment it is compared. Otherwise keys are computed
  /// once per element and indexes are sorted, not operations (each holds several strings).
  static func sorted<T>(_ items: [T], by key: (T) -> Operation.SortKey) -> [T] {
    var previous: Operation.SortKey?
    var inOrder = true
    for index in items.indices {
      let next = key(items[index])
      if let previous, next.precedes(previous) {
        inOrder = false
        break
      }
      previous = next
    }
    if inOrder { return items }
    let keys = items.map(key)
    return keys.withUnsafeBufferPointer { keys in
      // Compare fields in place: copying a key would retain and release its strings each time.
      var order = Array(keys.indices)
      // Most pairs are told apart by the first bytes of their primary (see `SortPrefix`).
      let prefixes = keys.compactMap { SortPrefix($0.primary) }
      guard prefixes.count == keys.count else {
        order.sort { keys[$0].precedes(keys[$1]) }
        return order.map { items[$0] }
      }
      order.sort { a, b in
        guard keys[a].kind == keys[b].kind, keys[a].primaryIsEmail == keys[b].primaryIsEmail, prefixes[a] != prefixes[b] else {
          return keys[a].precedes(keys[b])
        }
        return prefixes[a] < prefixes[b]
      }
      return order.map { items[$0] }
    }
  }
}

extension UserRef {
  /// The order plans list people in: linked people by Okta id, then unlinked ones by email.
  package func precedes(_ other: UserRef) -> Bool {
    switch (userID, other.userID) {
    case (let a?, let b?): a < b
    case (nil, nil): email < other.email
    case (_?, nil): true
    case (nil, _?): false
    }
  }
}

extension Operation {
  /// Kind first, then the Okta id the operation is about, so output never depends on input order.
  package var sortKey: SortKey {
    switch self {
    case .createGroup(let group): SortKey(kind, group.id.rawValue)
    case .renameGroup(let group, _, _, _), .updateGroup(let group, _): SortKey(kind, group.groupID.rawValue)
    case .linkUser(let user, _), .updateUser(let user, _), .reactivateUser(let user), .deactivateUser(let user, _):
      SortKey(kind, user: user)
    case .createUser(let user): SortKey(kind, user.id.rawValue)
    case .addMember(let group, let user), .removeMember(let group, let user):
      SortKey(kind, group.groupID.rawValue, user: user)
    }
  }

  /// Made without building new strings: a plan can hold millions of operations. A person is
  /// keyed by Okta id, or by email when unlinked; unlinked people sort after linked ones.
  package struct SortKey: Comparable, Sendable {
    var kind: OperationKind
    var primaryIsEmail = false
    var primary: String
    var secondaryIsEmail = false
    var secondary = ""

    init(_ kind: OperationKind, _ primary: String) {
      self.kind = kind
      self.primary = primary
    }

    init(_ kind: OperationKind, user: UserRef) {
      self.kind = kind
      primaryIsEmail = user.userID == nil
      primary = user.userID?.rawValue ?? user.email.rawValue
    }

    init(_ kind: OperationKind, _ primary: String, user: UserRef) {
      self.kind = kind
      self.primary = primary
      secondaryIsEmail = user.userID == nil
      secondary = user.userID?.rawValue ?? user.email.rawValue
    }

    func precedes(_ other: Self) -> Bool {
      if kind != other.kind { return kind < other.kind }
      if primaryIsEmail != other.primaryIsEmail { return !primaryIsEmail }
      if primary != other.primary { return primary < other.primary }
      if secondaryIsEmail != other.secondaryIsEmail { return !secondaryIsEmail }
      return secondary < other.secondary
    }

    package static func < (a: Self, b: Self) -> Bool { a.precedes(b) }
  }
}
