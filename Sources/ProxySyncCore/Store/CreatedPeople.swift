/// The row ids a store gives the people one plan creates, so the memberships after them can
/// name them before (or while) they are written.
///
/// A bulk import creates a million people and then names each in several memberships; looked
/// up by their Okta ids' bytes (`IDInterner`), not as `String` keys, which hash every byte
/// with SipHash on every lookup.
package struct CreatedPeople: Sendable {
  private var numbers = IDInterner()
  private var ids: [PersonID] = []

  package init() {}

  /// Gives `user` its row id; a second id for the same Okta id is ignored (a plan creates each
  /// person once).
  package mutating func add(_ user: OktaUserID, id: PersonID) {
    if Int(numbers.number(of: user.rawValue)) == ids.count { ids.append(id) }
  }

  /// The person's row: stored already, or created by this plan.
  package func id(of person: UserRef) throws(ProxySyncError) -> PersonID {
    if let id = person.personID ?? person.userID.flatMap({ numbers.find($0.rawValue) }).map({ ids[Int($0)] }) { return id }
    throw .failure("internal error: plan names person \(person.email) who is neither stored nor created")
  }

  /// The rows of the people `changes` names, in the order of its table.
  package func ids(of changes: MembershipChanges) throws(ProxySyncError) -> [PersonID] {
    var rows: [PersonID] = []
    rows.reserveCapacity(changes.people.count)
    for person in changes.people { rows.append(try id(of: person)) }
    return rows
  }
}
