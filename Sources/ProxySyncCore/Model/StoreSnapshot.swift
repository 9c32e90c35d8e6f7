/// A person in the Proxy store, linked to Okta or invited by hand.
package struct Person: Hashable, Sendable {
  // Constants: see `Profile`.
  package let id: PersonID
  package let oktaUserID: OktaUserID?
  package let profile: Profile
  package let status: PersonStatus
  package let role: Role

  package init(
    id: PersonID, oktaUserID: OktaUserID?, profile: Profile,
    status: PersonStatus, role: Role = .member
  ) {
    self.id = id
    self.oktaUserID = oktaUserID
    self.profile = profile
    self.status = status
    self.role = role
  }

  package var email: EmailAddress { profile.email }
  package var isAdmin: Bool { role == .admin }
}

/// A group in the Proxy store. Groups without an Okta id were made in the dashboard.
package struct StoredGroup: Hashable, Sendable {
  package var id: GroupID
  package var oktaGroupID: OktaGroupID?
  package var name: String
  package var description: String?

  package init(id: GroupID, oktaGroupID: OktaGroupID?, name: String, description: String? = nil) {
    self.id = id
    self.oktaGroupID = oktaGroupID
    self.name = name
    self.description = description
  }
}

/// One person's membership in one stored group.
package struct StoredMembership: Hashable, Sendable {
  package var groupID: GroupID
  package var personID: PersonID
  package init(groupID: GroupID, personID: PersonID) {
    self.groupID = groupID
    self.personID = personID
  }
}

/// What one organization holds in the store when a plan is made.
package struct StoreSnapshot: Sendable, Equatable {
  package var people: [Person]
  package var groups: [StoredGroup]
  package var memberships: [StoredMembership]

  package init(people: [Person] = [], groups: [StoredGroup] = [], memberships: [StoredMembership] = []) {
    self.people = people
    self.groups = groups
    self.memberships = memberships
  }

  /// People who count toward the deactivation guard.
  package var activePeopleCount: Int { people.indices.count { people[$0].status == .active } }
}
