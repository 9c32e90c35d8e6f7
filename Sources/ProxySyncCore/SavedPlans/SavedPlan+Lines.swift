/// Saved-plan format 2: one compact JSON object per line, written and read as a stream so a
/// plan of any size costs neither side more than a line's worth of memory beyond the plan.
///
/// The first line describes the plan (organization, revision, command, guard, counts); then
/// one line per operation in plan order, except memberships, which come a group at a time
/// (`members`: `[userId or null, email]` pairs, at most `membersPerLine` to a line); the last
/// line seals every byte before it (`PlanSeal`): `{"signature":"…"}` for a file, signed with the
/// store's key, or `{"checksum":"…"}` for a text the store keeps.
extension SavedPlan {
  package static let formatVersion = 2
  /// Keeps a line of a group with a million members to a few hundred kilobytes.
  package static let membersPerLine = 5_000

  /// Hands each line (with its newline) to `write` in file order, sealing as it goes.
  package func writeLines<Failure: Error>(sealedWith seal: PlanSeal, _ write: (String) throws(Failure) -> Void) throws(Failure) {
    var hasher = seal.makeHasher()
    func emit(_ value: JSONValue) throws(Failure) {
      let line = value.rendered(compact: true) + "\n"
      hasher.update(line)
      try write(line)
    }
    try emit(.object(headerMembers))
    let operations = plan.operations
    for operation in operations.leading { try emit(.object(operation.jsonMembers)) }
    let memberships = operations.memberships
    for (kind, changes) in [(OperationKind.addMember, memberships.adds), (.removeMember, memberships.removes)] {
      var start = 0
      while start < changes.count {
        let group = changes[start].group
        var end = start
        while end < changes.count, changes[end].group == group, end - start < Self.membersPerLine { end += 1 }
        let ref = memberships.groups[Int(group)]
        let members = changes[start..<end].map { change -> JSONValue in
          let person = memberships.people[Int(change.person)]
          return .array([.string(person.userID?.rawValue), .string(person.email.rawValue)])
        }
        try emit(.object([
          ("op", .string(kind.rawValue)), ("groupId", .string(ref.groupID.rawValue)), ("groupName", .string(ref.name)),
          ("members", .array(members)),
        ]))
        start = end
      }
    }
    for operation in operations.trailing { try emit(.object(operation.jsonMembers)) }
    try write(JSONValue.object([(seal.field, .string(hasher.finalize()))]).rendered(compact: true) + "\n")
  }

  private var headerMembers: [(String, JSONValue)] {
    [
      ("formatVersion", .int(Self.formatVersion)),
      ("kind", .string(Self.kind)),
      ("command", .string(command)),
      ("organization", .string(organization)),
      ("revision", .int(Int(revision))),
      ("createdAt", .string(createdAt)),
      ("source", .string(source)),
      ("manifest", manifest.map {
        .object([("oktaOrg", .string($0.oktaOrg)), ("appId", .string($0.appID)), ("exportedAt", .string($0.exportedAt))])
      } ?? .null),
      ("changes", .int(plan.operations.count)),
      ("summary", .object(plan.summary.map { ($0.0.rawValue, .int($0.1)) })),
      ("guard", plan.guardCheck.json),
    ]
  }

  /// The whole file as text, for plans small enough to hold (tests, held operations).
  package func rendered(sealedWith seal: PlanSeal = .checksum) -> String {
    var text = ""
    writeLines(sealedWith: seal) { (line: String) in text += line }
    return text
  }
}
