import ProxySyncCore

extension Option {
  static let person = Option("--person", "EMAIL_OR_OKTA_ID", "the person whose history to show")
  static let group = Option("--group", "OKTA_GROUP_ID", "the group whose history to show")
}

/// `proxysync audit`: what syncs changed about one person or group, across runs.
enum AuditCommand {
  static let format = Option.format([.text, .json])
  static let options: [Option] = [.store, .org, .person, .group, format]

  static let command = Command.leaf(
    usage: "proxysync audit --org NAME (--person EMAIL_OR_OKTA_ID | --group OKTA_GROUP_ID) [options]",
    about: """
      Every applied change to the person or group, oldest first, with the run, the operation, whom
      or what it changed (a membership names the group and the person) and the values before and
      after.
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, Self.format)
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let entries: [AuditEntry]
    switch (arguments[.person], arguments[.group]) {
    case (let person?, nil): entries = try store.loadAudit(of: organization, person: person)
    case (nil, let group?): entries = try store.loadAudit(of: organization, group: group)
    default: throw .usage("name one --person or one --group")
    }
    if format == .json {
      context.console.out(JSONValue.array(entries.map {
        .object([("runId", .string($0.runID.rawValue)), ("time", .string($0.time)), ("command", .string($0.command)),
                 ("op", .string($0.operation)), ("subject", .string($0.subject)), ("before", .string($0.before)),
                 ("after", .string($0.after))])
      }).rendered() + "\n")
    } else {
      context.console.out(entries.isEmpty ? "no changes recorded\n" : Table.render(
        ["TIME", "RUN", "OPERATION", "SUBJECT", "BEFORE", "AFTER"],
        entries.map { [$0.time, $0.runID.rawValue, $0.operation, $0.subject, $0.before ?? "", $0.after ?? ""] }))
    }
    return .ok
  }
}
