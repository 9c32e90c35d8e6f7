import ProxySyncCore

/// `proxysync explain`: why a sync would do what it does to one person or group. Never writes.
enum ExplainCommand {
  /// What changes the plan it explains; nothing about applying it.
  static let options = PlanningOptions.shared.filter { ![Option.force, .requireManifest, .quiet].contains($0) }

  static let command = Command.leaf(
    usage: "proxysync explain --org NAME --source DIR (EMAIL | OKTA_USER_ID | OKTA_GROUP_ID) [options]",
    about: """
      The chain of evidence for one person or group: Okta status, how they are assigned, what
      Proxy should hold, the Proxy record found (by Okta id, by email, none), and the resulting
      operation or skip reason, with whether it counts toward the guard. Writes nothing.
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    let query = try arguments.positionals(1, "an email, an Okta user id or an Okta group id")[0]
    let options = try PlanningOptions.syncOptions(arguments, mode: .sync)
    let source = try arguments.required(.source)
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    // The plan a sync would make, made as `plan` makes it, and nothing more: the guard's numbers
    // need all of it.
    let (desired, numbers, preloaded, plan) = try PreviewPlanning.make(
      source: source, store: store, organization: organization, options: options,
      quarantineLimit: try PlanningOptions.quarantineLimit(arguments), quiet: false, context)
    let explanation = context.phase("explain") {
      Explanation.make(for: query, desired: desired, current: preloaded.snapshot, plan: plan, options: options, numbers: numbers)
    }
    Teardown.inBackground((consume desired, consume numbers, consume preloaded, consume plan))
    guard let explanation else {
      throw .failure("neither the export nor organization \"\(organization.name)\" knows \"\(query)\"")
    }
    context.console.out(explanation.text.escapingControlCharacters(keepingNewlines: true))
    return .ok
  }
}
