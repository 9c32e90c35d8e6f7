extension PlanBuilder {
  /// Pushes groups (create, rename) and mirrors their memberships for provisioned people.
  mutating func planGroups() {
    let pushedGroups = PushedGroups(desired: desired, options: options)
    let pushed = desired.groups.filter(pushedGroups.contains)
    var pushedByID: [OktaGroupID: OktaGroup] = [:]
    for group in pushed { pushedByID[group.id] = pushedByID[group.id] ?? group }

    var storedByOktaID: [OktaGroupID: StoredGroup] = [:]
    var storedOktaIDs: [GroupID: OktaGroupID] = [:]
    for group in current.groups {
      // Dashboard-made groups and groups whose export record was quarantined are left alone.
      guard let oktaID = group.oktaGroupID, !desired.quarantinedGroupIDs.contains(oktaID) else { continue }
      storedOktaIDs[group.id] = oktaID
      if pushedByID[oktaID] == nil {
        // Vanished from the export, or no longer pushed: reported, never emptied or deleted.
        orphanedGroups.append(group)
      } else {
        storedByOktaID[oktaID] = group
      }
    }

    var groupOperations: [Operation] = []
    for group in pushedByID.values.sorted(by: { $0.id < $1.id }) {
      let ref = GroupRef(groupID: group.id, name: group.name)
      guard let stored = storedByOktaID[group.id] else {
        groupOperations.append(.createGroup(group))
        continue
      }
      // A groups file without descriptions keeps the stored ones.
      let description =
        !desired.groupDescriptionsExported || stored.description == group.description
        ? nil : ValueChange(old: stored.description, new: group.description)
      if stored.name != group.name {
        // Matched by Okta id: a new name is a rename, never delete-and-recreate.
        groupOperations.append(.renameGroup(ref, oldName: stored.name, newName: group.name, description: description))
      } else if let description {
        groupOperations.append(.updateGroup(ref, description: description))
      }
    }

    let reason: SkipReason? = options.pushGroups ? nil : .disabled
    for operation in groupOperations { add(operation, unless: reason) }
    planMemberships(pushedByID: pushedByID, storedOktaIDs: storedOktaIDs, unless: reason)
  }
}
