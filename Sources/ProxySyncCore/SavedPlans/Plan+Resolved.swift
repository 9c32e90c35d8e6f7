extension Plan {
  /// The same plan with every person found in the store by Okta id, or by email for people not
  /// linked to Okta (and for `linkUser`, whose person is not linked yet).
  /// - Returns: nil when a person is missing: the store is not what the plan was made against.
  package func resolved(against store: StoreSnapshot) -> Plan? {
    var byOktaID: [OktaUserID: PersonID] = [:]
    var byEmail: [EmailAddress: PersonID] = [:]
    for person in store.people {
      if let id = person.oktaUserID { byOktaID[id] = person.id }
      byEmail[person.email] = person.id
    }
    var created = Set<OktaUserID>()
    for case .createUser(let user) in operations { created.insert(user.id) }
    // A person linked by this plan is named by their new Okta id in its later operations.
    for case .linkUser(let ref, let id) in operations { if let personID = byEmail[ref.email] { byOktaID[id] = personID } }
    func resolve(_ ref: UserRef, linking: Bool = false) -> UserRef? {
      var ref = ref
      if let id = ref.userID, !linking {
        if created.contains(id) { return ref }
        guard let personID = byOktaID[id] else { return nil }
        ref.personID = personID
      } else {
        guard let personID = byEmail[ref.email] else { return nil }
        ref.personID = personID
      }
      return ref
    }
    var result: [Operation] = []
    result.reserveCapacity(operations.count)
    for operation in operations {
      let resolvedOperation: Operation?
      switch operation {
      case .linkUser(let ref, let id): resolvedOperation = resolve(ref, linking: true).map { .linkUser($0, to: id) }
      case .updateUser(let ref, let changes): resolvedOperation = resolve(ref).map { .updateUser($0, changes: changes) }
      case .reactivateUser(let ref): resolvedOperation = resolve(ref).map { .reactivateUser($0) }
      case .deactivateUser(let ref, let cause): resolvedOperation = resolve(ref).map { .deactivateUser($0, cause: cause) }
      case .addMember(let group, let ref): resolvedOperation = resolve(ref).map { .addMember(group, $0) }
      case .removeMember(let group, let ref): resolvedOperation = resolve(ref).map { .removeMember(group, $0) }
      case .createGroup, .renameGroup, .updateGroup, .createUser: resolvedOperation = operation
      }
      guard let resolvedOperation else { return nil }
      result.append(resolvedOperation)
    }
    return Plan(operations: result, skipped: skipped, orphanedGroups: orphanedGroups, guardCheck: guardCheck)
  }
}
