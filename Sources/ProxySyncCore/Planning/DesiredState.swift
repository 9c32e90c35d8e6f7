/// What the export says a person's Proxy status should be.
package enum DesiredState: Hashable, Sendable {
  /// Assigned and in a working Okta status: should be active in Proxy.
  case active
  /// Should be inactive in Proxy, and why.
  case inactive(DeactivationCause)
  /// STAGED: Okta does not push the user yet; the sync leaves them alone.
  case notPushed
}

/// The export's users numbered by Okta id, and each membership's user on the same numbers.
///
/// Planning a million people matches ids against assignments, memberships and stored people;
/// numbering them once lets every later step use arrays instead of string-keyed tables.
package struct UserNumbers: Sendable {
  package let ids: IDInterner
  /// The number of `users[i]` (equal to i unless an id repeats).
  package let ofPosition: [UInt32]
  /// The number of each of `memberships.userIDs`, or -1 for someone not among the users.
  package let ofMembershipUser: [Int32]

  package init(_ directory: DirectorySnapshot) {
    var ids = IDInterner()
    ofPosition = directory.users.map { ids.number(of: $0.id.rawValue) }
    ofMembershipUser = directory.memberships.userIDs.map { id in ids.find(id.rawValue).map { Int32($0) } ?? -1 }
    self.ids = ids
  }

  package func number(of id: OktaUserID) -> Int? { ids.find(id.rawValue).map { Int($0) } }
}

/// Who the Proxy app is assigned to: directly (`app-users`) or through an assigned group.
package struct Assignments: Sendable {
  package let numbers: UserNumbers
  private let direct: [Bool]
  private let assigned: [Bool]
  private let directory: DirectorySnapshot

  package init(_ directory: DirectorySnapshot) { self.init(directory, numbers: UserNumbers(directory)) }

  package init(_ directory: DirectorySnapshot, numbers: UserNumbers) {
    self.directory = directory
    self.numbers = numbers
    var direct = [Bool](repeating: false, count: numbers.ids.count)
    for id in directory.assignedUserIDs { if let number = numbers.number(of: id) { direct[number] = true } }
    var assigned = direct
    let table = directory.memberships
    let groupIsAssigned = table.groupIDs.map { directory.assignedGroupIDs.contains($0) }
    for pair in table.pairs where groupIsAssigned[Int(pair.group)] {
      let number = numbers.ofMembershipUser[Int(pair.user)]
      if number >= 0 { assigned[Int(number)] = true }
    }
    self.direct = direct
    self.assigned = assigned
  }

  /// Whether the export user with this number has the app.
  package func isAssigned(number: Int) -> Bool { assigned[number] }

  package func isAssigned(_ user: OktaUserID) -> Bool { numbers.number(of: user).map { assigned[$0] } ?? false }

  package func isDirectlyAssigned(_ user: OktaUserID) -> Bool { numbers.number(of: user).map { direct[$0] } ?? false }

  /// The assigned groups that give this user the app, sorted. Scans the memberships: only
  /// `explain` asks, for one person.
  package func groups(assigning user: OktaUserID) -> [OktaGroupID] {
    Set(directory.memberships.filter { $0.userID == user && directory.assignedGroupIDs.contains($0.groupID) }.map(\.groupID)).sorted()
  }
}

extension DesiredState {
  /// The rule: SUSPENDED or DEPROVISIONED wins over everything, then STAGED, then assignment.
  package init(for user: OktaUser, assignments: Assignments) {
    self.init(for: user, isAssigned: assignments.isAssigned(user.id))
  }

  package init(for user: OktaUser, isAssigned: Bool) {
    switch user.status {
    case .suspended: self = .inactive(.suspended)
    case .deprovisioned: self = .inactive(.deprovisioned)
    case .staged: self = .notPushed
    case .active, .provisioned, .recovery, .passwordExpired, .lockedOut:
      self = isAssigned ? .active : .inactive(.unassigned)
    }
  }

  /// Okta keeps pushing profile changes while the app is assigned, whatever the user's status.
  package var receivesProfileUpdates: Bool {
    switch self {
    case .active, .inactive(.suspended), .inactive(.deprovisioned): true
    case .inactive(.unassigned), .inactive(.notInExport), .notPushed: false
    }
  }
}
