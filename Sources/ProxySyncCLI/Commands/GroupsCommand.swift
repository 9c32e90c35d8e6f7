import ProxySyncCore

/// `proxysync groups list`: groups with their member counts.
enum GroupsCommand {
  static let format = Option.format([.text, .json])
  static let options: [Option] = [.store, .org, format]

  static let command = Command.group("groups", about: "", [
    ("list", .leaf(usage: "proxysync groups list --org NAME [options]", options: options, run: list))
  ])

  static func list(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, Self.format)
    let store = try Common.openStore(arguments, context)
    let groups = try store.loadGroupSummaries(of: try Common.organization(arguments, context, in: store))
    if format == .json {
      context.console.out(JSONValue.array(groups.map {
        .object([("groupId", .string($0.group.oktaGroupID?.rawValue)), ("name", .string($0.group.name)),
                 ("description", .string($0.group.description)), ("memberCount", .int($0.memberCount))])
      }).rendered() + "\n")
    } else {
      context.console.out(groups.isEmpty ? "no groups\n" : Table.render(
        ["NAME", "OKTA ID", "MEMBERS", "DESCRIPTION"],
        groups.map { [$0.group.name, $0.group.oktaGroupID?.rawValue ?? "-", "\($0.memberCount)", $0.group.description ?? ""] }))
    }
    return .ok
  }
}
