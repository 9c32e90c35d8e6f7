import ProxySyncCore

/// `proxysync org create NAME` and `proxysync org list`.
enum OrgCommand {
  static let options: [Option] = [.store, .format([.text, .json], "how list prints them")]

  static let help = """
    usage: proxysync org create NAME [--store PATH|URL]
           proxysync org list [options]

    Organizations are companies in the store. `create` makes the store file if it is missing.

    options:
    \(Option.help(options))

    """

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw.dropFirst(), accepting: options)
    switch raw.first {
    case "create":
      let name = try arguments.positionals(1, "organization name")[0]
      let store = try Common.openStore(arguments, context, create: true)
      let organization = try store.createOrganization(named: name)
      context.console.out("created organization \"\(organization.name.escapingControlCharacters())\" in \(store.location)\n")
    case "list":
      _ = try arguments.positionals(0, "")
      let format = try Common.format(arguments)
      let organizations = try Common.openStore(arguments, context).loadOrganizations()
      if format == .json {
        context.console.out(JSONValue.array(organizations.map { .object([("name", .string($0.name)), ("revision", .int(Int($0.revision)))]) }).rendered() + "\n")
      } else {
        context.console.out(organizations.isEmpty ? "no organizations\n" : Table.render(["NAME", "REVISION"], organizations.map { [$0.name, "\($0.revision)"] }))
      }
    default:
      throw .usage("unknown org command \"\(raw.first ?? "")\"; use create or list")
    }
    return .ok
  }
}
