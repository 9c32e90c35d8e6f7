import ProxySyncCore

extension Option {
  static let status = Option("--status", "pending|active|inactive", "list only people with this status")
  static let search = Option("--search", "TEXT", "list only people whose email, names or Okta id hold TEXT")
  static let firstName = Option("--first-name", "F", "the person's first name")
  static let lastName = Option("--last-name", "L", "the person's last name")
  static let allPending = Option("--all-pending", nil, "mark every pending person active")
}

/// `proxysync people list|add|mark-active|set-role|relink`: the "All People" view and operator
/// actions.
enum PeopleCommand {
  static let listFormat = Option.format([.text, .json], "how to print them")
  static let listOptions: [Option] = [.store, .org, listFormat, .status, .search]
  static let addOptions: [Option] = [.store, .org, .firstName, .lastName, .lockTimeout]
  static let markActiveOptions: [Option] = [.store, .org, .allPending, .lockTimeout]
  static let changeOptions: [Option] = [.store, .org, .lockTimeout]

  static let command = Command.group("people", about: "Admins are never changed by a sync.", [
    ("list", .leaf(usage: "proxysync people list --org NAME [options]", options: listOptions, run: list)),
    ("add", .leaf(
      usage: "proxysync people add --org NAME EMAIL [options]",
      about: "Invites a person by hand: pending, not linked to Okta (a later sync may adopt them by email).",
      options: addOptions, run: PeopleChanges.add)),
    ("mark-active", .leaf(
      usage: "proxysync people mark-active --org NAME (EMAIL... | --all-pending) [options]",
      about: "Records that pending people accepted the invite.", options: markActiveOptions, run: PeopleChanges.markActive)),
    ("set-role", .leaf(
      usage: "proxysync people set-role --org NAME EMAIL admin|member [options]", options: changeOptions, run: PeopleChanges.setRole)),
    ("relink", .leaf(
      usage: "proxysync people relink --org NAME EMAIL OKTA_USER_ID [options]",
      about: """
        Moves an inactive person's Okta link to a new Okta user (someone rehired with a new account):
        the next sync updates and reactivates them, their data kept.
        """,
      options: changeOptions, run: PeopleChanges.relink)),
  ])

  static func list(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: listOptions)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, listFormat)
    var status: PersonStatus?
    if let text = arguments[.status] {
      guard let parsed = PersonStatus(rawValue: text) else { throw .usage("--status must be pending, active or inactive") }
      status = parsed
    }
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let people = try store.loadPeople(of: organization, status: status, search: arguments[.search])
    context.console.out(format == .json ? JSONValue.array(people.map(json)).rendered() + "\n" : table(people))
    return .ok
  }

  static func parseEmail(_ text: String) throws(ProxySyncError) -> EmailAddress {
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
