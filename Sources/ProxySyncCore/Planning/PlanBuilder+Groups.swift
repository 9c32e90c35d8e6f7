extension PlanBuilder {
  /// Pushes groups (create, rename) and mirrors their memberships for provisioned people.
  mutating func planGroups() {
    let pushed = desired.groups.filter(\.isPushed)
    var pushedByID: [OktaGroupID: OktaGroup] = [:]
    for group in pushed { pushedByID[group.id] = pushedByID[group.id] ?? group }

    var storedByOktaID: [OktaGroupID: StoredGroup] = [:]
    var storedOktaIDs: [GroupID: OktaGroupID] = [:]
    for group in current.groups {
      // Dashboard-made groups and groups whose export record was quarantined are left alone.
      guard let oktaID = group.oktaGroupID, !desired.quarantinedGroupIDs.contains(oktaID) else { continue }
      storedOktaIDs[group.id] = oktaID
      if pushedByID[oktaID] == nil {
        // Vanished from the export: reported, never deleted.
        orphanedGroups.append(group)
      } else {
        storedByOktaID[oktaID] = group
      }
    }

    var groupOperations: [Operation] = []
    for group in pushedByID.values {
      let ref = GroupRef(groupID: group.id, name: group.name)
      guard let stored = storedByOktaID[group.id] else {
        groupOperations.append(.createGroup(group))
        continue
      }
      let description =
        stored.description == group.description ? nil : ValueChange(old: stored.description, new: group.description)
      if stored.name != group.name {
        // Matched by Okta id: a new name is a rename, never delete-and-recreate.
        groupOperations.append(.renameGroup(ref, oldName: stored.name, newName: group.name, description: description))
      } else if let description {
        groupOperations.append(.updateGroup(ref, description: description))
      }
    }

    let membershipOperations = planMemberships(pushedByID: pushedByID, storedOktaIDs: storedOktaIDs)
    for operation in groupOperations + membershipOperations {
      add(operation, unless: options.pushGroups ? nil : .disabled)
    }
  }

  /// Memberships of pushed groups mirror the export, for people who exist in Proxy.
  private mutating func planMemberships(
    pushedByID: [OktaGroupID: OktaGroup], storedOktaIDs: [GroupID: OktaGroupID]
  ) -> [Operation] {
    var usersByID: [OktaUserID: OktaUser] = [:]
    usersByID.reserveCapacity(desired.users.count)
    for user in desired.users { usersByID[user.id] = usersByID[user.id] ?? user }

    struct ExistingMembership: Hashable {
      var group: OktaGroupID
      var person: PersonID
    }
    var wanted = Set<ExistingMembership>()
    var wantedNew = Set<OktaMembership>()
    var operations: [Operation] = []
    for membership in Set(desired.memberships) {
      guard let group = pushedByID[membership.groupID] else { continue }
      let groupRef = GroupRef(groupID: group.id, name: group.name)
      guard let member = provisioned[membership.userID] else {
        // Nobody in Proxy to add; dangling references were reported by the reader.
        if let user = usersByID[membership.userID] {
          skipped.append(Skip(.addMember(groupRef, UserRef(userID: user.id, email: user.profile.email)), reason: .notProvisioned))
        }
        continue
      }
      if let personID = member.personID {
        wanted.insert(ExistingMembership(group: group.id, person: personID))
      } else if wantedNew.insert(membership).inserted {
        operations.append(.addMember(groupRef, member))
      }
    }

    var refsByPerson: [PersonID: UserRef] = [:]
    for ref in provisioned.values { if let id = ref.personID { refsByPerson[id] = ref } }
    var peopleByID: [PersonID: Person] = [:]
    for person in current.people { peopleByID[person.id] = person }
    func ref(for id: PersonID) -> UserRef? {
      refsByPerson[id] ?? peopleByID[id].map { UserRef(userID: $0.oktaUserID, email: $0.email, personID: $0.id) }
    }

    var existing = Set<ExistingMembership>()
    for membership in current.memberships {
      guard let oktaID = storedOktaIDs[membership.groupID], pushedByID[oktaID] != nil else { continue }
      if let userID = peopleByID[membership.personID]?.oktaUserID, desired.quarantinedUserIDs.contains(userID) { continue }
      existing.insert(ExistingMembership(group: oktaID, person: membership.personID))
    }
    for membership in wanted.subtracting(existing) {
      guard let group = pushedByID[membership.group], let member = ref(for: membership.person) else { continue }
      operations.append(.addMember(GroupRef(groupID: group.id, name: group.name), member))
    }
    if options.mode == .sync {
      for membership in existing.subtracting(wanted) {
        guard let group = pushedByID[membership.group], let member = ref(for: membership.person) else { continue }
        operations.append(.removeMember(GroupRef(groupID: group.id, name: group.name), member))
      }
    }
    return operations
  }
}
