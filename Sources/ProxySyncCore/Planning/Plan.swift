/// The kinds of change a plan can hold, in the order a plan lists and applies them.
///
/// Groups come first so memberships can refer to them; people are linked and created before
/// memberships name them; deactivations come last, after everything they could block.
package enum OperationKind: String, CaseIterable, Sendable, Comparable {
  case createGroup, renameGroup, updateGroup, linkUser, createUser, updateUser, reactivateUser
  case addMember, removeMember, deactivateUser

  package static func < (a: Self, b: Self) -> Bool { a.order < b.order }
  /// The position in `allCases`.
  var order: Int {
    switch self {
    case .createGroup: 0
    case .renameGroup: 1
    case .updateGroup: 2
    case .linkUser: 3
    case .createUser: 4
    case .updateUser: 5
    case .reactivateUser: 6
    case .addMember: 7
    case .removeMember: 8
    case .deactivateUser: 9
    }
  }
}

/// Why a person should no longer be active; an Okta status outranks a lost assignment.
package enum DeactivationCause: String, Sendable {
  case suspended, deprovisioned, unassigned, notInExport
}

/// Why a change the export asks for was not planned.
package enum SkipReason: String, CaseIterable, Sendable {
  /// Proxy cannot deactivate a person who has not accepted the invite; the next run tries again.
  case pending
  /// A sync never changes an org admin.
  case admin
  /// The email is already held by another person in the organization.
  case emailConflict
  /// The member has no person in Proxy, so the membership has nobody to point at.
  case notProvisioned
  /// The operator turned this kind of operation off (`--no-…`).
  case disabled
}

/// A person as a plan names them: the Okta id (if linked) and the email.
package struct UserRef: Hashable, Sendable {
  package var userID: OktaUserID?
  package var email: EmailAddress
  /// The store row, when the person exists already.
  package var personID: PersonID?

  package init(userID: OktaUserID?, email: EmailAddress, personID: PersonID? = nil) {
    self.userID = userID
    self.email = email
    self.personID = personID
  }
}

/// A group as a plan names it.
package struct GroupRef: Hashable, Sendable {
  package var groupID: OktaGroupID
  package var name: String
  package init(groupID: OktaGroupID, name: String) {
    self.groupID = groupID
    self.name = name
  }
}

/// One change to the store.
///
/// The larger payloads are boxed (`indirect`): a plan holds millions of operations, and each
/// takes the size of the largest case, which is now a membership's.
package enum Operation: Hashable, Sendable {
  indirect case createGroup(OktaGroup)
  indirect case renameGroup(GroupRef, oldName: String, newName: String, description: ValueChange?)
  indirect case updateGroup(GroupRef, description: ValueChange)
  case linkUser(UserRef, to: OktaUserID)
  indirect case createUser(OktaUser)
  case updateUser(UserRef, changes: [FieldChange])
  case reactivateUser(UserRef)
  case addMember(GroupRef, UserRef)
  case removeMember(GroupRef, UserRef)
  case deactivateUser(UserRef, cause: DeactivationCause)

  package var kind: OperationKind {
    switch self {
    case .createGroup: .createGroup
    case .renameGroup: .renameGroup
    case .updateGroup: .updateGroup
    case .linkUser: .linkUser
    case .createUser: .createUser
    case .updateUser: .updateUser
    case .reactivateUser: .reactivateUser
    case .addMember: .addMember
    case .removeMember: .removeMember
    case .deactivateUser: .deactivateUser
    }
  }
}

/// A value before and after a change.
package struct ValueChange: Hashable, Sendable {
  package var old: String?
  package var new: String?
  package init(old: String?, new: String?) {
    self.old = old
    self.new = new
  }
}

/// An operation the export asked for that the plan will not carry out, and why.
package struct Skip: Hashable, Sendable {
  package var operation: Operation
  package var reason: SkipReason
  package init(_ operation: Operation, reason: SkipReason) {
    self.operation = operation
    self.reason = reason
  }
}

/// A stored person who keeps an address a new or changed account wanted.
package struct EmailHolder: Sendable, Equatable {
  package var person: Person
  /// Linked to an Okta user the export still has.
  package var isExported: Bool

  package init(person: Person, isExported: Bool) {
    self.person = person
    self.isExported = isExported
  }

  /// Someone who left and whose account is gone: an inactive member linked to an Okta user the
  /// export no longer has. A new account with their address is most likely a rehire.
  package var isFormerAccount: Bool { person.status == .inactive && !person.isAdmin && person.oktaUserID != nil && !isExported }

  /// "ann@x (00u1, inactive, member, linked to an Okta user no longer exported)".
  package var description: String {
    let link = person.oktaUserID.map { "\($0.rawValue), " } ?? "not linked to Okta, "
    let exported = person.oktaUserID == nil ? "" : isExported ? ", still in Okta" : ", linked to an Okta user no longer exported"
    return "\(person.email) (\(link)\(person.status.rawValue), \(person.role.rawValue)\(exported))"
  }
}

/// Everything one run would change, in a fixed order: the same inputs give the same plan.
package struct Plan: Sendable {
  package var operations: PlanOperations
  package var skipped: [Skip]
  /// Groups pushed earlier that the export no longer has; reported, never deleted.
  package var orphanedGroups: [StoredGroup]
  package var guardCheck: GuardCheck
  /// Who keeps each address an `emailConflict` skip wanted, when a stored person keeps it: the
  /// warning and `explain` name them (a rehire's new account meets their old person here).
  package var emailHolders: [EmailAddress: EmailHolder] = [:]
  /// Operations left out of this plan for an admin's approval (`--on-guard hold`).
  package var held: HeldOperations?

  package init(operations: [Operation], skipped: [Skip], orphanedGroups: [StoredGroup], guardCheck: GuardCheck) {
    self.init(
      ordered: PlanOperations(ordered: Self.inKeyOrder(operations)), skipped: skipped, orphanedGroups: orphanedGroups,
      guardCheck: guardCheck)
  }

  /// For the planner and the saved-plan reader, which hand over operations in key order
  /// already: checking a million again would cost a key per operation. Debug builds (the tests)
  /// check it.
  package init(ordered operations: PlanOperations, skipped: [Skip], orphanedGroups: [StoredGroup], guardCheck: GuardCheck) {
    assert(Self.inKeyOrder(Array(operations)) == Array(operations), "the planner handed over operations out of order")
    self.operations = operations
    self.skipped = Self.sorted(skipped) { $0.operation.sortKey }
    self.orphanedGroups = orphanedGroups.sorted { ($0.oktaGroupID?.rawValue ?? "") < ($1.oktaGroupID?.rawValue ?? "") }
    self.guardCheck = guardCheck
  }

  package var isEmpty: Bool { operations.isEmpty }

  /// How many operations of each kind; every kind is present, zeros included.
  package var summary: [(OperationKind, Int)] {
    OperationKind.allCases.map { ($0, operations.range(of: $0).count) }
  }

  /// How many skips of each reason, reasons with none left out.
  package var skippedSummary: [(SkipReason, Int)] {
    var counts: [SkipReason: Int] = [:]
    for skip in skipped { counts[skip.reason, default: 0] += 1 }
    return SkipReason.allCases.compactMap { reason in counts[reason].map { (reason, $0) } }
  }
}
