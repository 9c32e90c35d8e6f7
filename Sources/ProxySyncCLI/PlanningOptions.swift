import ProxySyncCore

/// The options `plan`, `sync` and `import` share: the export and Okta's "To App" switches.
enum PlanningOptions {
  static let options: Set<String> = Common.storeOptions.union([
    "--source", "--max-deactivations", "--format", "--quarantine-invalid", "--log-format", "--push-group",
  ])

  /// `--quarantine-invalid N`: how many invalid records may be left out instead of refusing.
  static func quarantineLimit(_ arguments: Arguments) throws(ProxySyncError) -> Int {
    guard let text = arguments["--quarantine-invalid"] else { return 0 }
    guard let limit = Int(text), limit >= 0 else { throw .usage("--quarantine-invalid takes a count, not \"\(text)\"") }
    return limit
  }
  static let flags: Set<String> = [
    "--no-create-users", "--no-update-users", "--no-deactivate-users", "--no-push-groups", "--force",
    "--require-manifest", "--quiet",
  ]

  static func syncOptions(_ arguments: Arguments, mode: SyncOptions.Mode) throws(ProxySyncError) -> SyncOptions {
    if let format = arguments["--log-format"], LogFormat(rawValue: format) == nil {
      throw .usage("--log-format must be text or json, not \"\(format)\"")
    }
    var options = SyncOptions()
    options.mode = mode
    options.createUsers = !arguments.has("--no-create-users")
    options.updateUsers = !arguments.has("--no-update-users")
    options.deactivateUsers = !arguments.has("--no-deactivate-users")
    options.pushGroups = !arguments.has("--no-push-groups")
    if let selection = arguments.all("--push-group") {
      guard !selection.contains(where: { $0.trimmingWhitespace().isEmpty }) else {
        throw .usage("--push-group takes an Okta group id or a name pattern such as \"Eng*\", not an empty value")
      }
      options.pushGroupSelection = selection
    }
    if let text = arguments["--max-deactivations"] {
      guard let limit = DeactivationLimit(parsing: text) else {
        throw .usage("--max-deactivations takes a count (25) or a percentage (10%), not \"\(text)\"")
      }
      options.deactivationLimit = limit
    }
    return options
  }

  static let help = """
      --store PATH              the store file (default ./proxy-store.sqlite, or PROXYSYNC_STORE)
      --org NAME                the organization (or PROXYSYNC_ORG)
      --source DIR              the Okta export folder
      --format text|json        how to print the plan (default text)
      --no-create-users         do not create or link people (Okta's "Create Users" off)
      --no-update-users         do not update attributes ("Update User Attributes" off)
      --no-deactivate-users     do not deactivate or reactivate ("Deactivate Users" off)
      --no-push-groups          do not create, rename or fill groups ("Push Groups" off)
      --push-group ID|PATTERN   push only these groups: an Okta group id or a name pattern
                                (* and ?, case ignored); repeat for more (Okta's Group Push)
      --max-deactivations N|P%  guard limit (default 10%, always allowing up to 5)
      --force                   apply even when the deactivation guard would refuse, or the
                                export is older than the last one applied
      --require-manifest        refuse an export without manifest.json
      --config FILE             defaults for these options from a JSON file (see README)
      --log-format text|json    how warnings, errors and phases are logged on standard error
      --quiet                   no progress display (it is only ever shown on a terminal)
      --quarantine-invalid N    leave out up to N invalid records (bad fields, duplicates,
                                dangling references) instead of refusing; syntax errors,
                                bad encoding and missing files still refuse the run
    """
}
