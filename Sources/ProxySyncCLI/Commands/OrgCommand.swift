import ProxySyncCore

/// `proxysync org create NAME` and `proxysync org list`.
enum OrgCommand {
  static let listFormat = Option.format([.text, .json], "how to print them")

  static let command = Command.group("org", about: "Organizations are companies in the store.", [
    ("create", .leaf(
      usage: "proxysync org create NAME [options]", about: "Makes the store (a SQLite file) if it is missing.", options: [.store],
      run: create)),
    ("list", .leaf(usage: "proxysync org list [options]", options: [.store, listFormat], run: list)),
  ])

  static func create(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: [.store])
    let name = try arguments.positionals(1, "organization name")[0]
    let store = try Common.openStore(arguments, context, create: true)
    let organization = try store.createOrganization(named: name)
    context.console.out("created organization \"\(organization.name.escapingControlCharacters())\" in \(store.location)\n")
    return .ok
  }

  static func list(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: [.store, listFormat])
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, listFormat)
    let organizations = try Common.openStore(arguments, context).loadOrganizations()
    if format == .json {
      context.console.out(JSONValue.array(organizations.map { .object([("name", .string($0.name)), ("revision", .int(Int($0.revision)))]) }).rendered() + "\n")
    } else {
      context.console.out(organizations.isEmpty ? "no organizations\n" : Table.render(["NAME", "REVISION"], organizations.map { [$0.name, "\($0.revision)"] }))
    }
    return .ok
  }
}
