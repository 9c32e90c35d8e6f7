import ProxySyncCore

/// `proxysync people list|add|mark-active|set-role`: the "All People" view and operator actions.
enum PeopleCommand {
  static let options: [Option] = [
    .store, .org, .format([.text, .json], "how list prints them"),
    Option("--status", "pending|active|inactive", "list only people with this status"),
    Option("--search", "TEXT", "list only people whose email, names or Okta id hold TEXT"),
    Option("--first-name", "F", "the first name of a person added by hand"),
    Option("--last-name", "L", "the last name of a person added by hand"),
    Option("--all-pending", nil, "mark every pending person active"),
    .lockTimeout,
  ]

  static let help = """
    usage: proxysync people list --org NAME [--status pending|active|inactive] [--search TEXT] [--format text|json]
           proxysync people add --org NAME EMAIL [--first-name F] [--last-name L]
           proxysync people mark-active --org NAME (EMAIL... | --all-pending)
           proxysync people set-role --org NAME EMAIL admin|member
           proxysync people relink --org NAME EMAIL OKTA_USER_ID

    `add` invites a person by hand: pending, not linked to Okta (a later sync may adopt them by
    email). `mark-active` records that a pending person accepted the invite. Admins are never
    changed by a sync. `relink` moves an inactive person's Okta link to a new Okta user (someone
    rehired with a new account): the next sync updates and reactivates them, their data kept.

    options:
    \(Option.help(options))

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw.dropFirst(), accepting: options)
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    switch raw.first {
    case "list":
      _ = try arguments.positionals(0, "")
      let format = try Common.format(arguments)
      var status: PersonStatus?
      if let text = arguments["--status"] {
        guard let parsed = PersonStatus(rawValue: text) else { throw .usage("--status must be pending, active or inactive") }
        status = parsed
      }
      let people = try store.loadPeople(of: organization, status: status, search: arguments["--search"])
      context.console.out(format == .json ? JSONValue.array(people.map(json)).rendered() + "\n" : table(people))
    case "add":
      let email = try parseEmail(arguments.positionals(1, "email address")[0])
      let person = try store.addPerson(
        to: organization, email: email, firstName: arguments["--first-name"], lastName: arguments["--last-name"])
      context.console.out("added \(person.email) to \"\(organization.name.escapingControlCharacters())\" (pending)\n")
    case "mark-active":
      let emails = try arguments.positionals.map(parseEmail)
      guard !emails.isEmpty != arguments.has("--all-pending") else {
        throw .usage("name the people to mark active, or use --all-pending (not both)")
      }
      let count = try store.markActive(in: organization, emails: emails.isEmpty ? nil : emails)
      context.console.out("marked \(count) \(count == 1 ? "person" : "people") active\n")
    case "set-role":
      let values = try arguments.positionals(2, "email address and role")
      guard let role = Role(rawValue: values[1]) else { throw .usage("the role must be admin or member, not \"\(values[1])\"") }
      let email = try parseEmail(values[0])
      try store.setRole(in: organization, email: email, role: role)
      context.console.out("\(email) is now \(role == .admin ? "an admin" : "a member")\n")
    case "relink":
      let values = try arguments.positionals(2, "email address and the new Okta user id")
      let (email, newID) = (try parseEmail(values[0]), OktaUserID(values[1].trimmingWhitespace()))
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
    default:
      throw .usage("unknown people command \"\(raw.first ?? "")\"; use list, add, mark-active, set-role or relink")
    }
    return .ok
  }

  private static func parseEmail(_ text: String) throws(ProxySyncError) -> EmailAddress {
    guard let email = EmailAddress(text) else { throw .usage("\"\(text)\" is not an email address") }
    return email
  }

  private static func table(_ people: [Person]) -> String {
    guard !people.isEmpty else { return "no people\n" }
    return Table.render(
      ["EMAIL", "NAME", "STATUS", "ROLE", "OKTA ID", "TITLE", "DEPARTMENT"],
      people.map {
        [$0.email.rawValue, [$0.profile.firstName, $0.profile.lastName].compactMap { $0 }.joined(separator: " "),
         $0.status.rawValue, $0.role.rawValue, $0.oktaUserID?.rawValue ?? "-", $0.profile.title ?? "", $0.profile.department ?? ""]
      })
  }

  private static func json(_ person: Person) -> JSONValue {
    .object(
      [("userId", .string(person.oktaUserID?.rawValue))]
        + Profile.Field.allCases.map { ($0.rawValue, .string(person.profile[$0])) }
        + [("status", .string(person.status.rawValue)), ("role", .string(person.role.rawValue))])
  }
}
