/// A change made to people by hand (`people add`, `mark-active`, `set-role`, `relink`): written
/// as a run with an audit row each, like a sync's changes, so "who made this person an admin,
/// and when?" has an answer. Every backend writes them through `ProxyStore.applyPersonChanges`;
/// what they say in the audit is decided here.
package enum PersonChange: Sendable, Equatable {
  case add(email: EmailAddress, firstName: String?, lastName: String?)
  case markActive(PersonID)
  case setRole(PersonID, from: Role, to: Role)
  case relink(PersonID, from: OktaUserID?, to: OktaUserID)

  /// The commands that make these changes, as the run history names them; their runs say
  /// nothing of the nights, so status and the page of the nights leave them out (`runs list`
  /// shows them).
  package enum Command: String, Sendable, CaseIterable {
    case add, markActive = "mark-active", setRole = "set-role", relink
  }

  /// The audit row's operation, and the run's count key.
  package var operation: String {
    switch self {
    case .add: Self.addOperation
    case .markActive: Self.markActiveOperation
    case .setRole: Self.setRoleOperation
    case .relink: RelinkVerdict.operation
    }
  }

  package static let addOperation = "addPerson"
  package static let markActiveOperation = "markActive"
  package static let setRoleOperation = "setRole"
  /// Every operation a change by hand records, with the heading a run's report gives it.
  package static let operations: [(operation: String, title: String)] = [
    (addOperation, "People added by hand"), (markActiveOperation, "Marked active"), (setRoleOperation, "Role changes"),
    (RelinkVerdict.operation, "Relinked to a new Okta account"),
  ]

  /// The values before and after, as the audit keeps them.
  package var audit: (before: String?, after: String?) {
    switch self {
    case .add(let email, let firstName, let lastName):
      var after = AuditJSON()
      after.add("email", email.rawValue)
      after.add(Profile.Field.firstName.rawValue, firstName)
      after.add(Profile.Field.lastName.rawValue, lastName)
      after.add("status", PersonStatus.pending.rawValue)
      after.add("role", Role.member.rawValue)
      return (nil, after.rendered)
    case .markActive:
      return (Self.json("status", PersonStatus.pending.rawValue), Self.json("status", PersonStatus.active.rawValue))
    case .setRole(_, let old, let new):
      return (Self.json("role", old.rawValue), Self.json("role", new.rawValue))
    case .relink(_, let old, let new):
      let (before, after) = RelinkVerdict.audit(from: old, to: new)
      return (before, after)
    }
  }

  private static func json(_ key: String, _ value: String) -> String {
    var json = AuditJSON()
    json.add(key, value)
    return json.rendered
  }
}

/// Which changes a command by hand makes, judged on the organization's people as they stand
/// inside the store's transaction; a refusal when it cannot be made.
package enum PersonChanges {
  package static func add(
    _ email: EmailAddress, firstName: String?, lastName: String?, in organization: Organization, people: [Person]
  ) throws(ProxySyncError) -> [PersonChange] {
    guard !people.contains(where: { $0.email == email }) else {
      throw .failure("\(email) is already in organization \"\(organization.name)\"")
    }
    return [.add(email: email, firstName: firstName, lastName: lastName)]
  }

  /// The named people (each must be pending), or with nil every pending person.
  package static func markActive(_ emails: [EmailAddress]?, in organization: Organization, people: [Person]) throws(ProxySyncError) -> [PersonChange] {
    guard let emails else { return people.filter { $0.status == .pending }.map { .markActive($0.id) } }
    var changes: [PersonChange] = []
    for email in emails {
      guard let person = people.first(where: { $0.email == email }), person.status == .pending else {
        throw .failure("\(email) is not a pending person in organization \"\(organization.name)\"")
      }
      changes.append(.markActive(person.id))
    }
    return changes
  }

  /// Nothing when the person has that role already.
  package static func setRole(_ role: Role, of email: EmailAddress, in organization: Organization, people: [Person]) throws(ProxySyncError) -> [PersonChange] {
    guard let person = people.first(where: { $0.email == email }) else {
      throw .failure("\(email) is not in organization \"\(organization.name)\"")
    }
    return person.role == role ? [] : [.setRole(person.id, from: person.role, to: role)]
  }

  package static func relink(_ email: EmailAddress, to newID: OktaUserID, in organization: Organization, people: [Person]) throws(ProxySyncError) -> [PersonChange] {
    let person = people.first { $0.email == email }
    if let refusal = RelinkVerdict.refusal(
      email: email, person: person, newID: newID, linkedToNew: people.first { $0.oktaUserID == newID }, organization: organization)
    {
      throw refusal
    }
    guard let person else { return [] }
    return [.relink(person.id, from: person.oktaUserID, to: newID)]
  }

  /// The people a run only marks active, when they are more than one: what a backend writes in
  /// bulk (`--all-pending` marks a million); nil for any other run, written change by change.
  package static func markedActiveInBulk(_ changes: [PersonChange]) -> [PersonID]? {
    let marked = changes.compactMap { change -> PersonID? in
      if case .markActive(let id) = change { id } else { nil }
    }
    return marked.count == changes.count && marked.count > 1 ? marked : nil
  }

  /// The record of a run of changes by hand: applied, or with nothing to change, no changes.
  package static func record(
    _ changes: [PersonChange], run: RunStart, organization: Organization, startedAt: String, finishedAt: String
  ) -> RunRecord {
    var counts: [String: Int] = [:]
    for change in changes { counts[change.operation, default: 0] += 1 }
    return RunRecord(
      run, organization: organization.name, startedAt: startedAt, finishedAt: finishedAt, outcome: changes.isEmpty ? .noChanges : .applied,
      counts: counts, message: nil)
  }
}

extension RunRecord {
  /// A run of a change by hand (`PersonChange.Command`), not a night's.
  package var isByHand: Bool { PersonChange.Command(rawValue: command) != nil }

  /// The changes the run applied: a plan's operations and changes by hand alike (its counts
  /// also hold skips and the guard's figures, which are not changes).
  package var changeCount: Int {
    OperationKind.allCases.reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }
      + PersonChange.operations.reduce(0) { $0 + (counts[$1.operation] ?? 0) }
  }
}
