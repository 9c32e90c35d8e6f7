/// An Okta user as the export describes them.
package struct OktaUser: Hashable, Sendable {
  // Constants: see `Profile`.
  package let id: OktaUserID
  package let status: OktaStatus
  package let profile: Profile

  package init(id: OktaUserID, status: OktaStatus, profile: Profile) {
    self.id = id
    self.status = status
    self.profile = profile
  }
}

/// Okta's kinds of group; built-in ones (Everyone) are never pushed.
package enum OktaGroupType: String, Sendable {
  case oktaGroup = "OKTA_GROUP"
  case appGroup = "APP_GROUP"
  case builtIn = "BUILT_IN"
}

/// An Okta group as the export describes it.
package struct OktaGroup: Hashable, Sendable {
  package var id: OktaGroupID
  package var type: OktaGroupType
  package var name: String
  package var description: String?

  package init(id: OktaGroupID, type: OktaGroupType = .oktaGroup, name: String, description: String? = nil) {
    self.id = id
    self.type = type
    self.name = name
    self.description = description
  }

  /// Built-in groups such as Everyone exist in every Okta org and are not pushed to Proxy.
  package var isPushed: Bool { type != .builtIn }
}

/// One user's membership in one group.
package struct OktaMembership: Hashable, Sendable {
  package var groupID: OktaGroupID
  package var userID: OktaUserID
  package init(groupID: OktaGroupID, userID: OktaUserID) {
    self.groupID = groupID
    self.userID = userID
  }
}

/// Everything an Okta export says, already validated: ids unique, references resolved.
package struct DirectorySnapshot: Sendable {
  package var users: [OktaUser]
  package var groups: [OktaGroup]
  package var memberships: MembershipTable
  /// Users the Proxy app is assigned to directly (`app-users`), by id; see `directAssignments`.
  /// Made from the reader's flags on every read: take it once, not once per user.
  package var assignedUserIDs: Set<OktaUserID> {
    get { directAssignments.ids(of: users) }
    set { directAssignments = .ids(newValue) }
    _modify {
      var ids = directAssignments.ids(of: users)
      directAssignments = .ids([])  // the set is not shared while it is changed
      defer { directAssignments = .ids(ids) }
      yield &ids
    }
  }
  /// The same, as the reader keeps it: a set of a million ids cost a quarter of a second to
  /// build, and the planner needs a flag per user anyway.
  package var directAssignments = DirectAssignments.ids([])
  /// Groups the Proxy app is assigned to (`app-groups`): their members are assigned too.
  package var assignedGroupIDs: Set<OktaGroupID>
  /// Users and groups left out because their records were invalid (`--quarantine-invalid`):
  /// their Proxy counterparts are left exactly as they are, never read as gone.
  package var quarantinedUserIDs: Set<OktaUserID> = []
  package var quarantinedGroupIDs: Set<OktaGroupID> = []
  /// The groups with an ACTIVE Group Push mapping (`group-push-mappings.json`); nil when the
  /// export has no such file, and every group but built-in ones is pushed (see `PushedGroups`).
  package var pushMappings: Set<OktaGroupID>? = nil
  /// Membership records left out as invalid: the group-person pairs they name are left exactly
  /// as they are (see `QuarantinedMembership`).
  package var quarantinedMemberships: [QuarantinedMembership] = []
  /// False when a record left out as invalid may have assigned the app to someone: then nobody
  /// is deactivated as `unassigned` in this run.
  package var assignmentsComplete = true
  /// Profile attributes the export did not carry (a CSV without that column): "not exported"
  /// is not "empty", so Proxy's values are kept as they are, never cleared.
  package var unexportedFields: Set<Profile.Field> = []
  /// False when the groups file had no description column: descriptions are then kept.
  package var groupDescriptionsExported = true

  package init(
    users: [OktaUser] = [], groups: [OktaGroup] = [], memberships: MembershipTable = [],
    assignedUserIDs: Set<OktaUserID> = [], assignedGroupIDs: Set<OktaGroupID> = []
  ) {
    self.users = users
    self.groups = groups
    self.memberships = memberships
    self.directAssignments = .ids(assignedUserIDs)
    self.assignedGroupIDs = assignedGroupIDs
  }
}

/// Who has the Proxy app directly: a set of ids, or a flag per user in the snapshot's user
/// order (valid only while the users are the ones it was made for, as the reader hands them over).
package enum DirectAssignments: Sendable {
  case ids(Set<OktaUserID>)
  case byPosition([Bool])

  /// The ids, for users in the order the flags follow.
  package func ids(of users: [OktaUser]) -> Set<OktaUserID> {
    switch self {
    case .ids(let ids): return ids
    case .byPosition(let flags): return Set(zip(users, flags).lazy.filter(\.1).map(\.0.id))
    }
  }
}

/// A membership record left out as invalid, by what could still be read of it. A missing id
/// widens what is protected: no group means every group of that person, no person every member
/// of that group, neither every membership.
package struct QuarantinedMembership: Hashable, Sendable {
  package var groupID: OktaGroupID?
  package var userID: OktaUserID?
  package init(groupID: OktaGroupID?, userID: OktaUserID?) {
    self.groupID = groupID
    self.userID = userID
  }

  /// Whether a stored membership of this group and person must be left as it is.
  package static func protects(_ list: [QuarantinedMembership], group: OktaGroupID, user: OktaUserID?) -> Bool {
    list.contains { ($0.groupID == nil || $0.groupID == group) && ($0.userID == nil || $0.userID == user) }
  }
}
