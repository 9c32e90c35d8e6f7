import ProxySyncCore

/// One operation of a saved plan, back as an `Operation` (see `Plan.json` for the shape).
enum SavedOperation {
  static func decode(_ json: JSONTree) -> Operation? {
    func text(_ key: String) -> String? { json[key]?.string }
    func user() -> UserRef? {
      guard let email = text("email").flatMap(EmailAddress.init) else { return nil }
      return UserRef(userID: text("userId").map(OktaUserID.init), email: email)
    }
    func group() -> GroupRef? {
      guard let id = text("groupId"), let name = text("groupName") ?? text("name") else { return nil }
      return GroupRef(groupID: OktaGroupID(id), name: name)
    }
    func change(_ field: String) -> ValueChange? {
      guard let entry = json["changes"]?.array?.first(where: { $0["field"]?.string == field }) else { return nil }
      return ValueChange(old: entry["old"]?.string, new: entry["new"]?.string)
    }
    switch text("op") {
    case "createGroup":
      guard let id = text("groupId"), let name = text("name") else { return nil }
      return .createGroup(OktaGroup(id: OktaGroupID(id), name: name, description: text("description")))
    case "renameGroup":
      guard let group = group(), let name = change("name"), let old = name.old, let new = name.new else { return nil }
      return .renameGroup(group, oldName: old, newName: new, description: change("description"))
    case "updateGroup":
      guard let group = group(), let description = change("description") else { return nil }
      return .updateGroup(group, description: description)
    case "linkUser":
      guard let email = text("email").flatMap(EmailAddress.init), let id = text("userId") else { return nil }
      return .linkUser(UserRef(userID: nil, email: email), to: OktaUserID(id))
    case "createUser":
      guard let id = text("userId"), let email = text("email").flatMap(EmailAddress.init) else { return nil }
      let profile = Profile(
        email: email, firstName: text("firstName"), lastName: text("lastName"), mobilePhone: text("mobilePhone"),
        title: text("title"), department: text("department"), employeeNumber: text("employeeNumber"))
      return .createUser(OktaUser(id: OktaUserID(id), status: .active, profile: profile))
    case "updateUser":
      guard let user = user(), let changes = json["changes"]?.array else { return nil }
      let fields = changes.compactMap { entry -> FieldChange? in
        guard let field = entry["field"]?.string.flatMap(Profile.Field.init(rawValue:)) else { return nil }
        return FieldChange(field: field, old: entry["old"]?.string, new: entry["new"]?.string)
      }
      return fields.count == changes.count ? .updateUser(user, changes: fields) : nil
    case "reactivateUser":
      return user().map { .reactivateUser($0) }
    case "deactivateUser":
      guard let user = user(), let cause = text("cause").flatMap(DeactivationCause.init(rawValue:)) else { return nil }
      return .deactivateUser(user, cause: cause)
    case "addMember":
      guard let group = group(), let user = user() else { return nil }
      return .addMember(group, user)
    case "removeMember":
      guard let group = group(), let user = user() else { return nil }
      return .removeMember(group, user)
    default:
      return nil
    }
  }

  /// A plan's guard numbers, as `GuardCheck.json` wrote them.
  static func guardCheck(_ json: JSONTree?) -> GuardCheck {
    GuardCheck(
      deactivations: json?["deactivations"]?.int ?? 0, activePeople: json?["activePeople"]?.int ?? 0,
      limit: json?["limit"]?.string.flatMap(DeactivationLimit.init(parsing:)) ?? .default,
      isEmptyExport: json?["emptyExport"]?.bool ?? false)
  }

  static func manifest(_ json: JSONTree?) -> ExportManifest? {
    guard let json, let org = json["oktaOrg"]?.string, let app = json["appId"]?.string, let at = json["exportedAt"]?.string
    else { return nil }
    return ExportManifest(oktaOrg: org, appID: app, exportedAt: at)
  }
}
