/// What an audit row says about a change: the values before and after, as compact JSON, and
/// who or what it was about. One rule for every store backend, so their audit logs read alike.
package enum AuditValues {
  /// Before and after of one operation. Creates have no before; a membership change has neither
  /// (the row names the group and the person).
  package static func of(_ operation: Operation) -> (before: String?, after: String?) {
    switch operation {
    case .createGroup(let created):
      return (nil, group(created.name, created.description))
    case .renameGroup(_, let oldName, let newName, let description):
      // The name, and the description only when it changed too.
      guard let description else { return (json(("name", oldName)), json(("name", newName))) }
      return (group(oldName, description.old), group(newName, description.new))
    case .updateGroup(_, let description):
      return (json(("description", description.old)), json(("description", description.new)))
    case .linkUser(_, let userID):
      return (json(("userId", nil)), json(("userId", userID.rawValue)))
    case .createUser(let user):
      return (nil, created(user))
    case .updateUser(_, let changes):
      var before = AuditJSON()
      var after = AuditJSON()
      for change in changes {
        before.add(change.field.rawValue, change.old)
        after.add(change.field.rawValue, change.new)
      }
      return (before.rendered, after.rendered)
    case .reactivateUser:
      return (json(("status", PersonStatus.inactive.rawValue)), json(("status", PersonStatus.active.rawValue)))
    case .deactivateUser(_, let cause):
      return (json(("status", PersonStatus.active.rawValue)), json(("status", PersonStatus.inactive.rawValue), ("cause", cause.rawValue)))
    case .addMember, .removeMember:
      return (nil, nil)
    }
  }

  /// A created person: every profile field, and how they start (pending, a member).
  package static func created(_ user: OktaUser) -> String {
    var after = AuditJSON()
    after.add("userId", user.id.rawValue)
    for field in Profile.Field.allCases { after.add(field.rawValue, user.profile[field]) }
    after.add("status", PersonStatus.pending.rawValue)
    after.add("role", Role.member.rawValue)
    return after.rendered
  }

  /// Who or what an entry is about, e.g. `"Sales" (00g1) ← ann@example.com (00u1)`.
  package static func subject(group: String?, email: String?, oktaID: String?) -> String {
    let person = email.map { email in oktaID.map { "\(email) (\($0))" } ?? email }
    return [group, person].compactMap { $0 }.joined(separator: " ← ")
  }

  private static func group(_ name: String, _ description: String?) -> String {
    json(("name", name), ("description", description))
  }

  private static func json(_ members: (String, String?)...) -> String {
    var json = AuditJSON()
    for (key, value) in members { json.add(key, value) }
    return json.rendered
  }
}
