extension Plan {
  /// The same plan with every person found in the store by Okta id, or by email for people not
  /// linked to Okta (and for `linkUser`, whose person is not linked yet).
  ///
  /// Memberships name each person once however many groups they are in, so a million-person
  /// import resolves a million people, not its five million memberships.
  /// - Returns: nil when a person is missing: the store is not what the plan was made against.
  package func resolved(against store: StoreSnapshot) -> Plan? {
    var byOktaID: [OktaUserID: PersonID] = [:]
    var byEmail: [EmailAddress: PersonID] = [:]
    for person in store.people {
      if let id = person.oktaUserID { byOktaID[id] = person.id }
      byEmail[person.email] = person.id
    }
    var created = Set<OktaUserID>()
    for case .createUser(let user) in operations.leading { created.insert(user.id) }
    // A person linked by this plan is named by their new Okta id in its later operations.
    for case .linkUser(let ref, let id) in operations.leading { if let personID = byEmail[ref.email] { byOktaID[id] = personID } }
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
    func resolve(_ operation: Operation) -> Operation? {
      switch operation {
      case .linkUser(let ref, let id): resolve(ref, linking: true).map { .linkUser($0, to: id) }
      case .updateUser(let ref, let changes): resolve(ref).map { .updateUser($0, changes: changes) }
      case .reactivateUser(let ref): resolve(ref).map { .reactivateUser($0) }
      case .deactivateUser(let ref, let cause): resolve(ref).map { .deactivateUser($0, cause: cause) }
      case .addMember(let group, let ref): resolve(ref).map { .addMember(group, $0) }
      case .removeMember(let group, let ref): resolve(ref).map { .removeMember(group, $0) }
      case .createGroup, .renameGroup, .updateGroup, .createUser: operation
      }
    }
    func resolveAll(_ list: [Operation]) -> [Operation]? {
      var result: [Operation] = []
      result.reserveCapacity(list.count)
      for operation in list {
        guard let resolvedOperation = resolve(operation) else { return nil }
        result.append(resolvedOperation)
      }
      return result
    }
    guard let leading = resolveAll(operations.leading), let trailing = resolveAll(operations.trailing),
      let memberships = operations.memberships.mappingPeople({ resolve($0) })
    else { return nil }
    return Plan(
      ordered: PlanOperations(leading: leading, memberships: memberships, trailing: trailing), skipped: skipped,
      orphanedGroups: orphanedGroups, guardCheck: guardCheck)
  }
}
