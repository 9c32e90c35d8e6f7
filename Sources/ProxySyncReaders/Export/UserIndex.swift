import ProxySyncCore

/// The users numbered by id, with repeated ids refused.
///
/// Built on the thread that read the users file while the other is still reading memberships:
/// numbering a million ids is the largest single step of cross-checking an export. Ids are a
/// byte-keyed table, not a string dictionary; a number leads back to the record, to say where
/// it was first seen. Emails may repeat: Okta requires unique logins, not unique emails (a
/// service account can share a person's address), and the planner settles who gets an address.
struct UserIndex {
  private(set) var ids = IDInterner()
  /// The record (position in the users) of each accepted id's number.
  private(set) var recordOfUser: [Int] = []
  private(set) var problems: [Diagnostic] = []
  private(set) var rejected: Set<OktaUserID> = []

  init(users: [OktaUser], sources: RowSources) {
    ids = IDInterner(capacity: users.count)
    recordOfUser.reserveCapacity(users.count)
    for index in users.indices { add(at: index, of: users, sources: sources) }
  }

  /// Numbers the user at `index`, or refuses it as a repeat. Fields are read in place: copying
  /// a million users would retain every string of each.
  mutating func add(at index: Int, of users: [OktaUser], sources: RowSources) {
    // One probe: a number that is not new is a repeat.
    let number = ids.number(of: users[index].id.rawValue)
    if Int(number) < recordOfUser.count {
      let (user, source, first) = (users[index], sources[index], recordOfUser[Int(number)])
      // Which record is right is unknown: the id is left out altogether.
      rejected.insert(user.id)
      problems.append(.recordError(at: source, "duplicate user id \"\(user.id)\" (first seen \(sources[first].describe(from: source)))"))
      return
    }
    recordOfUser.append(index)
  }

  /// The record of each id `other` numbers, in number order: -1 for ids that are no user's.
  /// Split between two cores, each looking its half up in batches (`IDInterner.find(idsOf:in:)`).
  func records(ofIDsIn other: IDInterner) -> [Int32] {
    parallelChunks(other.count) { range in
      ids.find(idsOf: other, in: range).map { number in number.map { Int32(recordOfUser[Int($0)]) } ?? -1 }
    }
  }

  /// The record of the accepted user with this id, if there is one.
  func record(of id: OktaUserID) -> Int? { ids.find(id.rawValue).map { recordOfUser[Int($0)] } }
}
