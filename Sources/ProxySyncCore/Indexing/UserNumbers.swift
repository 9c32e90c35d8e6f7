/// The export's users numbered by Okta id, and each membership's user on the same numbers.
///
/// Planning a million people matches ids against assignments, memberships and stored people;
/// numbering them once lets every later step use arrays instead of string-keyed tables.
package struct UserNumbers: Sendable {
  package let ids: IDInterner
  /// The number of `users[i]` (equal to i unless an id repeats).
  package let ofPosition: [UInt32]
  /// The number of each of `memberships.userIDs`, or -1 for someone not among the users.
  package let ofMembershipUser: [Int32]
  /// Whether each number is in `assignedUserIDs`, when whoever numbered the users knew it.
  package let directlyAssigned: [Bool]?

  package init(ids: IDInterner, ofPosition: [UInt32], ofMembershipUser: [Int32], directlyAssigned: [Bool]? = nil) {
    self.ids = ids
    self.ofPosition = ofPosition
    self.ofMembershipUser = ofMembershipUser
    self.directlyAssigned = directlyAssigned
  }

  package init(_ directory: DirectorySnapshot) {
    var ids = IDInterner()
    ofPosition = directory.users.map { ids.number(of: $0.id.rawValue) }
    ofMembershipUser = directory.memberships.userIDs.map { id in ids.find(id.rawValue).map { Int32($0) } ?? -1 }
    directlyAssigned = nil
    self.ids = ids
  }

  package func number(of id: OktaUserID) -> Int? { ids.find(id.rawValue).map { Int($0) } }
}
