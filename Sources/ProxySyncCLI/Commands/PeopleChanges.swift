import ProxySyncCore

/// The people subcommands that change someone: `add`, `mark-active`, `set-role`, `relink`. Each
/// is a run, with the organization's lock and an audit row per change, like a sync.
enum PeopleChanges {
  static func add(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.addOptions)
    let email = try PeopleCommand.parseEmail(arguments.positionals(1, "email address")[0])
    let (organization, record) = try change(.add, arguments, context) { organization, people throws(ProxySyncError) in
      try PersonChanges.add(email, firstName: arguments[.firstName], lastName: arguments[.lastName], in: organization, people: people)
    }
    context.console.out("added \(email) to \"\(organization.name.escapingControlCharacters())\" (pending) in run \(record.id)\n")
    return .ok
  }

  static func markActive(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.markActiveOptions)
    let emails = try arguments.positionals.map(PeopleCommand.parseEmail)
    guard !emails.isEmpty != arguments.has(.allPending) else {
      throw .usage("name the people to mark active, or use --all-pending (not both)")
    }
    let (_, record) = try change(.markActive, arguments, context) { organization, people throws(ProxySyncError) in
      try PersonChanges.markActive(emails.isEmpty ? nil : emails, in: organization, people: people)
    }
    let count = record.counts[PersonChange.markActiveOperation] ?? 0
    context.console.out("marked \(count) \(count == 1 ? "person" : "people") active (run \(record.id))\n")
    return .ok
  }

  static func setRole(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.changeOptions)
    let values = try arguments.positionals(2, "email address and role")
    guard let role = Role(rawValue: values[1]) else { throw .usage("the role must be admin or member, not \"\(values[1])\"") }
    let email = try PeopleCommand.parseEmail(values[0])
    let (_, record) = try change(.setRole, arguments, context) { organization, people throws(ProxySyncError) in
      try PersonChanges.setRole(role, of: email, in: organization, people: people)
    }
    let already = record.outcome == .noChanges ? " already" : ""
    context.console.out("\(email) is\(already) \(role == .admin ? "an admin" : "a member") (run \(record.id))\n")
    return .ok
  }

  static func relink(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: PeopleCommand.changeOptions)
    let values = try arguments.positionals(2, "email address and the new Okta user id")
    let (email, newID) = (try PeopleCommand.parseEmail(values[0]), OktaUserID(values[1].trimmingWhitespace()))
    var old: OktaUserID?
    let (_, record) = try change(.relink, arguments, context) { organization, people throws(ProxySyncError) in
      let changes = try PersonChanges.relink(email, to: newID, in: organization, people: people)
      if case .relink(_, let from, _)? = changes.first { old = from }
      return changes
    }
    context.console.out(
      "relinked \(email) to Okta user \(newID) (was \(old?.rawValue ?? "not linked")) in run \(record.id); the next sync updates and reactivates them\n")
    return .ok
  }

  /// Opens the store and makes the changes `decide` chooses as one locked, recorded run.
  private static func change(
    _ command: PersonChange.Command, _ arguments: Arguments, _ context: Context,
    decide: (Organization, [Person]) throws(ProxySyncError) -> [PersonChange]
  ) throws(ProxySyncError) -> (Organization, RunRecord) {
    let store = try Common.openStore(arguments, context, forRun: true)
    let organization = try Common.organization(arguments, context, in: store)
    let start = context.runStart(command: command.rawValue, source: nil)
    let (_, record) = try RunSupport.locked(store, organization, run: start, arguments: arguments, context: context) { run throws(ProxySyncError) in
      try store.applyPersonChanges(in: organization, run: run) { people throws(ProxySyncError) in try decide(organization, people) }
    }
    return (organization, record)
  }
}
