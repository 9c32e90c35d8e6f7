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
    // Streamed from the store to the output in its order: a million people are never held.
    let output = ChunkedOutput(context.console)
    var count = 0
    if format == .json {
      try store.forEachPerson(of: organization, status: status, search: arguments[.search]) { person in
        output.write(count == 0 ? "[\n  " : ",\n  ")
        output.write(json(person), indent: 2)
        count += 1
      }
      output.write(count == 0 ? "[]\n" : "\n]\n")
    } else {
      var table = StreamedTable(["EMAIL", "NAME", "STATUS", "ROLE", "OKTA ID", "TITLE", "DEPARTMENT"]) { output.write($0) }
      try store.forEachPerson(of: organization, status: status, search: arguments[.search]) { person in
        table.add(row(person))
        count += 1
      }
      if count == 0 { output.write("no people\n") } else { table.finish() }
    }
    output.flush()
    return .ok
  }

  static func parseEmail(_ text: String) throws(ProxySyncError) -> EmailAddress {
    guard let email = EmailAddress(text) else { throw .usage("\"\(text)\" is not an email address") }
    return email
  }

  private static func row(_ person: Person) -> [String] {
    [person.email.rawValue, [person.profile.firstName, person.profile.lastName].compactMap { $0 }.joined(separator: " "),
     person.status.rawValue, person.role.rawValue, person.oktaUserID?.rawValue ?? "-", person.profile.title ?? "",
     person.profile.department ?? ""]
  }

  private static func json(_ person: Person) -> JSONValue {
    // One array a person, made to size: a million people listed.
    var members: [(String, JSONValue)] = []
    members.reserveCapacity(Profile.Field.allCases.count + 3)
    members.append(("userId", .string(person.oktaUserID?.rawValue)))
    for field in Profile.Field.allCases { members.append((field.rawValue, .string(person.profile[field]))) }
    members.append(("status", .string(person.status.rawValue)))
    members.append(("role", .string(person.role.rawValue)))
    return .object(members)
  }
}
