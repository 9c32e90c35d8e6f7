import ProxySyncCore

/// The users numbered by id, with repeated ids and emails refused.
///
/// Built on the thread that read the users file while the other is still reading memberships:
/// numbering a million ids and emails is the largest single step of cross-checking an export.
/// Ids and emails are byte-keyed tables, not string dictionaries; a number leads back to the
/// record, to say where it was first seen.
struct UserIndex {
  private(set) var ids = IDInterner()
  /// The record (position in the users) of each accepted id's number.
  private(set) var recordOfUser: [Int] = []
  private(set) var problems: [Diagnostic] = []
  private(set) var rejected: Set<OktaUserID> = []

  private var emails = IDInterner()
  private var recordOfEmail: [Int] = []

  init(users: [OktaUser], sources: RowSources) {
    recordOfUser.reserveCapacity(users.count)
    recordOfEmail.reserveCapacity(users.count)
    for index in users.indices { add(at: index, of: users, sources: sources) }
  }

  /// Numbers the user at `index`, or refuses it as a repeat. Fields are read in place: copying
  /// a million users would retain every string of each.
  mutating func add(at index: Int, of users: [OktaUser], sources: RowSources) {
    if let number = ids.find(users[index].id.rawValue) {
      let (user, source, first) = (users[index], sources[index], recordOfUser[Int(number)])
      // Which record is right is unknown: the id is left out altogether.
      rejected.insert(user.id)
      problems.append(.recordError(at: source, "duplicate user id \"\(user.id)\" (first seen \(sources[first].describe(from: source)))"))
      return
    }
    if let number = emails.find(users[index].profile.email.rawValue) {
      let (user, source, owner) = (users[index], sources[index], recordOfEmail[Int(number)])
      rejected.insert(user.id)
      problems.append(.recordError(at: source,
        "user \"\(user.id)\": duplicate email \"\(user.profile.email)\" (first seen \(sources[owner].describe(from: source)), user \"\(users[owner].id)\"); emails are unique ignoring case"))
      return
    }
    _ = ids.number(of: users[index].id.rawValue)
    recordOfUser.append(index)
    _ = emails.number(of: users[index].profile.email.rawValue)
    recordOfEmail.append(index)
  }

  /// The record of the accepted user with this id, if there is one.
  func record(of id: UnsafeRawBufferPointer) -> Int? { ids.find(id).map { recordOfUser[Int($0)] } }
  func record(of id: OktaUserID) -> Int? { ids.find(id.rawValue).map { recordOfUser[Int($0)] } }
}
