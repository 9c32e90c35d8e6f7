import ProxySyncCore

/// The people subcommands that change someone: `add`, `mark-active`, `set-role`, `relink`.
enum PeopleChanges {
  static func add(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.addOptions)
    let email = try PeopleCommand.parseEmail(arguments.positionals(1, "email address")[0])
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let person = try store.addPerson(to: organization, email: email, firstName: arguments[.firstName], lastName: arguments[.lastName])
    context.console.out("added \(person.email) to \"\(organization.name.escapingControlCharacters())\" (pending)\n")
    return .ok
  }

  static func markActive(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.markActiveOptions)
    let emails = try arguments.positionals.map(PeopleCommand.parseEmail)
    guard !emails.isEmpty != arguments.has(.allPending) else {
      throw .usage("name the people to mark active, or use --all-pending (not both)")
    }
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let count = try store.markActive(in: organization, emails: emails.isEmpty ? nil : emails)
    context.console.out("marked \(count) \(count == 1 ? "person" : "people") active\n")
    return .ok
  }

  static func setRole(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.changeOptions)
    let values = try arguments.positionals(2, "email address and role")
    guard let role = Role(rawValue: values[1]) else { throw .usage("the role must be admin or member, not \"\(values[1])\"") }
    let email = try PeopleCommand.parseEmail(values[0])
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    try store.setRole(in: organization, email: email, role: role)
    context.console.out("\(email) is now \(role == .admin ? "an admin" : "a member")\n")
    return .ok
  }

  static func relink(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.changeOptions)
    let values = try arguments.positionals(2, "email address and the new Okta user id")
    let (email, newID) = (try PeopleCommand.parseEmail(values[0]), OktaUserID(values[1].trimmingWhitespace()))
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let people = try store.loadPeople(of: organization)
    let person = people.first { $0.email == email }
    if let refusal = RelinkVerdict.refusal(
      email: email, person: person, newID: newID, linkedToNew: people.first { $0.oktaUserID == newID }, organization: organization)
    {
      throw refusal
    }
    guard let person else { return .failure }
    let start = RunStart(id: context.makeRunID(), command: "relink", source: nil)
    let record = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      try store.relink(person.id, from: person.oktaUserID, to: newID, in: organization, run: run)
    }
    context.console.out(
      "relinked \(email) to Okta user \(newID) (was \(person.oktaUserID?.rawValue ?? "not linked")) in run \(record.id); the next sync updates and reactivates them\n")
    return .ok
  }
}
