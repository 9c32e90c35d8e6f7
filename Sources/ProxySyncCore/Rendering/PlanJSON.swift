extension Plan {
  /// The machine-readable plan (`--format json`), documented in the README. Version 1.
  package func json(organization: String) -> JSONValue {
    .object(jsonMembers(organization: organization) + (held.map { [("held", $0.json)] } ?? []))
  }

  /// Each operation as the plan's JSON lists it.
  package var operationsJSON: JSONValue { .array(operations.map { .object($0.jsonMembers) }) }

  private func jsonMembers(organization: String) -> [(String, JSONValue)] {
    [
      ("formatVersion", .int(1)),
      ("organization", .string(organization)),
      ("changes", .int(operations.count)),
      ("summary", .object(summary.map { ($0.0.rawValue, .int($0.1)) })),
      ("operations", operationsJSON),
      ("skipped", .array(skipped.map { .object($0.operation.jsonMembers + [("reason", .string($0.reason.rawValue))]) })),
      ("orphanedGroups", .array(orphanedGroups.map {
        .object([("groupId", .string($0.oktaGroupID?.rawValue)), ("name", .string($0.name))])
      })),
      ("guard", guardCheck.json),
    ]
  }
}

extension HeldOperations {
  /// What a sync held for approval, as its JSON output and the run's JSON show it.
  package var json: JSONValue {
    .object([
      ("run", .string(run.rawValue)), ("operations", .int(count)),
      ("summary", .object(plan.plan.summary.filter { $0.1 > 0 }.map { ($0.0.rawValue, .int($0.1)) })),
      ("guard", plan.plan.guardCheck.json), ("message", .string(message)),
    ])
  }
}

extension GuardCheck {
  var json: JSONValue {
    .object([
      ("deactivations", .int(deactivations)),
      ("activePeople", .int(activePeople)),
      ("limit", .string(limit.description)),
      ("allowed", .int(allowed)),
      ("emptyExport", .bool(isEmptyExport)),
      ("tripped", .bool(isTripped)),
    ])
  }
}

extension Operation {
  /// `op` first, then the ids, then the details of this kind.
  var jsonMembers: [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [("op", .string(kind.rawValue))]
    switch self {
    case .createGroup(let group):
      members += [("groupId", .string(group.id.rawValue)), ("name", .string(group.name)),
                  ("description", .string(group.description))]
    case .renameGroup(let group, let oldName, let newName, let description):
      var changes = [FieldChangeJSON(field: "name", old: oldName, new: newName)]
      if let description { changes.append(FieldChangeJSON(field: "description", old: description.old, new: description.new)) }
      members += [("groupId", .string(group.groupID.rawValue)), ("name", .string(group.name)),
                  ("changes", .array(changes.map(\.json)))]
    case .updateGroup(let group, let description):
      members += [("groupId", .string(group.groupID.rawValue)), ("name", .string(group.name)),
                  ("changes", .array([FieldChangeJSON(field: "description", old: description.old, new: description.new).json]))]
    case .linkUser(let person, let userID):
      members += [("userId", .string(userID.rawValue)), ("email", .string(person.email.rawValue))]
    case .createUser(let user):
      members += [("userId", .string(user.id.rawValue))]
      members += Profile.Field.allCases.map { ($0.rawValue, .string(user.profile[$0])) }
    case .updateUser(let person, let changes):
      members += person.jsonMembers
      members.append(("changes", .array(changes.map { FieldChangeJSON(field: $0.field.rawValue, old: $0.old, new: $0.new).json })))
    case .reactivateUser(let person):
      members += person.jsonMembers
    case .deactivateUser(let person, let cause):
      members += person.jsonMembers + [("cause", .string(cause.rawValue))]
    case .addMember(let group, let person), .removeMember(let group, let person):
      members += [("groupId", .string(group.groupID.rawValue)), ("groupName", .string(group.name))]
      members += person.jsonMembers
    }
    return members
  }
}

private struct FieldChangeJSON {
  var field: String
  var old: String?
  var new: String?
  var json: JSONValue { .object([("field", .string(field)), ("old", .string(old)), ("new", .string(new))]) }
}

extension UserRef {
  var jsonMembers: [(String, JSONValue)] {
    [("userId", .string(userID?.rawValue)), ("email", .string(email.rawValue))]
  }
}
