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
  private let direct: Set<OktaUserID>
  private let viaGroups: Set<OktaUserID>
  private let directory: DirectorySnapshot

  package init(_ directory: DirectorySnapshot) {
    self.directory = directory
    direct = directory.assignedUserIDs
    // One lookup per distinct group and user, then integers for each membership.
    let table = directory.memberships
    let groupIsAssigned = table.groupIDs.map { directory.assignedGroupIDs.contains($0) }
    var userIsAssigned = [Bool](repeating: false, count: table.userIDs.count)
    for pair in table.pairs where groupIsAssigned[Int(pair.group)] { userIsAssigned[Int(pair.user)] = true }
    var viaGroups = Set<OktaUserID>()
    for (index, id) in table.userIDs.enumerated() where userIsAssigned[index] { viaGroups.insert(id) }
    self.viaGroups = viaGroups
  }

  package func isAssigned(_ user: OktaUserID) -> Bool {
    direct.contains(user) || viaGroups.contains(user)
  }

  package func isDirectlyAssigned(_ user: OktaUserID) -> Bool { direct.contains(user) }

  /// The assigned groups that give this user the app, sorted. Scans the memberships: only
  /// `explain` asks, for one person.
  package func groups(assigning user: OktaUserID) -> [OktaGroupID] {
    Set(directory.memberships.filter { $0.userID == user && directory.assignedGroupIDs.contains($0.groupID) }.map(\.groupID)).sorted()
  }
}

extension DesiredState {
  /// The rule: SUSPENDED or DEPROVISIONED wins over everything, then STAGED, then assignment.
  package init(for user: OktaUser, assignments: Assignments) {
    switch user.status {
    case .suspended: self = .inactive(.suspended)
    case .deprovisioned: self = .inactive(.deprovisioned)
    case .staged: self = .notPushed
    case .active, .provisioned, .recovery, .passwordExpired, .lockedOut:
      self = assignments.isAssigned(user.id) ? .active : .inactive(.unassigned)
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
