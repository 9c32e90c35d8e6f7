/// What the export says a person's Proxy status should be.
package enum DesiredState: Hashable, Sendable {
  /// Assigned and in a working Okta status: should be active in Proxy.
  case active
  /// Should be inactive in Proxy, and why.
  case inactive(DeactivationCause)
  /// STAGED: Okta does not push the user yet; the sync leaves them alone.
  case notPushed
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
    var direct = numbers.directlyAssigned ?? [Bool](repeating: false, count: numbers.ids.count)
    if numbers.directlyAssigned == nil {
      switch directory.directAssignments {
      case .ids(let ids): for id in ids { if let number = numbers.number(of: id) { direct[number] = true } }
      case .byPosition(let flags): for (position, flag) in flags.enumerated() where flag { direct[Int(numbers.ofPosition[position])] = true }
      }
    }
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
