import ProxySyncCore

/// Builds an export in memory: `user("ann")` is Okta user `00u-ann` with email ann@example.com.
package struct DirectoryBuilder {
  package var snapshot = DirectorySnapshot()

  package init() {}

  /// Adds a user, assigned to the app directly unless `assigned` is false.
  package mutating func user(
    _ name: String, status: OktaStatus = .active, email: String? = nil, assigned: Bool = true,
    firstName: String? = nil, lastName: String? = nil, title: String? = nil
  ) {
    let id = OktaUserID.named(name)
    let profile = Profile(
      email: .named(email ?? "\(name)@example.com"), firstName: firstName ?? name.capitalized,
      lastName: lastName ?? "Example", title: title)
    snapshot.users.append(OktaUser(id: id, status: status, profile: profile))
    if assigned { snapshot.assignedUserIDs.insert(id) }
  }

  package mutating func group(
    _ name: String, displayName: String? = nil, description: String? = nil, type: OktaGroupType = .oktaGroup,
    assigned: Bool = false
  ) {
    let id = OktaGroupID.named(name)
    snapshot.groups.append(OktaGroup(id: id, type: type, name: displayName ?? name.capitalized, description: description))
    if assigned { snapshot.assignedGroupIDs.insert(id) }
  }

  package mutating func member(_ group: String, _ user: String) {
    snapshot.memberships.append(OktaMembership(groupID: .named(group), userID: .named(user)))
  }
}

/// Builds a store in memory; people and groups get ids in the order they are added.
package struct StoreBuilder {
  package var snapshot = StoreSnapshot()

  package init() {}

  /// Adds a person linked to Okta user `00u-NAME` (unless `linked` is false).
  package mutating func person(
    _ name: String, status: PersonStatus = .active, role: Role = .member, linked: Bool = true,
    email: String? = nil, firstName: String? = nil, lastName: String? = "Example", title: String? = nil
  ) {
    let profile = Profile(
      email: .named(email ?? "\(name)@example.com"), firstName: firstName ?? name.capitalized, lastName: lastName,
      title: title)
    snapshot.people.append(
      Person(
        id: PersonID(Int64(snapshot.people.count + 1)), oktaUserID: linked ? .named(name) : nil, profile: profile,
        status: status, role: role))
  }

  package mutating func group(_ name: String, displayName: String? = nil, description: String? = nil, linked: Bool = true) {
    snapshot.groups.append(
      StoredGroup(
        id: GroupID(Int64(snapshot.groups.count + 1)), oktaGroupID: linked ? .named(name) : nil,
        name: displayName ?? name.capitalized, description: description))
  }

  package mutating func member(_ group: String, _ person: String) {
    guard let groupID = snapshot.groups.first(where: { $0.oktaGroupID == .named(group) || $0.name == group.capitalized })?.id,
      let personID = self.personID(person)
    else { preconditionFailure("no group \(group) or person \(person) in the builder") }
    snapshot.memberships.append(StoredMembership(groupID: groupID, personID: personID))
  }

  package func personID(_ name: String) -> PersonID? {
    snapshot.people.first { $0.oktaUserID == .named(name) || $0.email.rawValue == "\(name)@example.com" }?.id
  }
}

extension DirectorySnapshot {
  package static func directory(_ build: (inout DirectoryBuilder) -> Void) -> DirectorySnapshot {
    var builder = DirectoryBuilder()
    build(&builder)
    return builder.snapshot
  }
}

extension StoreSnapshot {
  package static func store(_ build: (inout StoreBuilder) -> Void) -> StoreSnapshot {
    var builder = StoreBuilder()
    build(&builder)
    return builder.snapshot
  }
}

extension OktaUserID {
  package static func named(_ name: String) -> OktaUserID { OktaUserID("00u-\(name)") }
}

extension OktaGroupID {
  package static func named(_ name: String) -> OktaGroupID { OktaGroupID("00g-\(name)") }
}

extension EmailAddress {
  /// For tests: an address known to be valid.
  package static func named(_ text: String) -> EmailAddress {
    guard let email = EmailAddress(text) else { preconditionFailure("bad test email \(text)") }
    return email
  }
}

extension Plan {
  /// The operations as their one-line text, for compact whole-plan comparisons in tests.
  package var lines: [String] { operations.map(\.testLine) }
  package var skippedLines: [String] { skipped.map { "\($0.operation.testLine) [\($0.reason.rawValue)]" } }
}

extension Operation {
  /// "createUser 00u-ann", "addMember 00g-eng 00u-ann", "deactivateUser 00u-ann suspended".
  package var testLine: String {
    func who(_ ref: UserRef) -> String { ref.userID?.rawValue ?? ref.email.rawValue }
    switch self {
    case .createGroup(let group): return "createGroup \(group.id)"
    case .renameGroup(let group, let old, let new, _): return "renameGroup \(group.groupID) \(old) -> \(new)"
    case .updateGroup(let group, _): return "updateGroup \(group.groupID)"
    case .linkUser(let ref, let id): return "linkUser \(ref.email) \(id)"
    case .createUser(let user): return "createUser \(user.id)"
    case .updateUser(let ref, let changes):
      return "updateUser \(who(ref)) " + changes.map { "\($0.field.rawValue)=\($0.new ?? "nil")" }.joined(separator: ",")
    case .reactivateUser(let ref): return "reactivateUser \(who(ref))"
    case .addMember(let group, let ref): return "addMember \(group.groupID) \(who(ref))"
    case .removeMember(let group, let ref): return "removeMember \(group.groupID) \(who(ref))"
    case .deactivateUser(let ref, let cause): return "deactivateUser \(who(ref)) \(cause.rawValue)"
    }
  }
}
