import ProxySyncCore

extension Option {
  static let source = Option("--source", "DIR", "the Okta export folder", config: .value("source"))
  static let noCreateUsers = Option(
    "--no-create-users", nil, "do not create or link people (Okta's \"Create Users\" off)", config: .switchOff("createUsers"))
  static let noUpdateUsers = Option(
    "--no-update-users", nil, "do not update attributes (\"Update User Attributes\" off)", config: .switchOff("updateUsers"))
  static let noDeactivateUsers = Option(
    "--no-deactivate-users", nil, "do not deactivate or reactivate (\"Deactivate Users\" off)", config: .switchOff("deactivateUsers"))
  static let noPushGroups = Option(
    "--no-push-groups", nil, "do not create, rename or fill groups (\"Push Groups\" off)", config: .switchOff("pushGroups"))
  static let pushGroup = Option(
    "--push-group", "ID|PATTERN", "push only these groups: an Okta group id or a name pattern\n(* and ?, case ignored); repeat for more (Okta's Group Push)",
    config: .list("pushGroupSelection"))
  static let maxDeactivations = Option(
    "--max-deactivations", "N|P%", "guard limit (default 10%, always allowing up to 5)", config: .value("maxDeactivations"))
  static let requireManifest = Option(
    "--require-manifest", nil, "refuse an export without manifest.json", config: .switchOn("requireManifest"))
  static let quarantineInvalid = Option(
    "--quarantine-invalid", "N",
    "leave out up to N invalid records (bad fields, duplicates,\ndangling references) instead of refusing; syntax errors,\nbad encoding and missing files still refuse the run",
    config: .value("quarantineInvalid"))
}

/// The options `plan`, `sync` and `import` share: the export and Okta's "To App" switches.
enum PlanningOptions {
  /// Every planning command's options but `--format`, which each declares with its formats.
  static let shared: [Option] = [
    .store, .org, .source, .noCreateUsers, .noUpdateUsers, .noDeactivateUsers, .noPushGroups, .pushGroup, .maxDeactivations,
    .force, .requireManifest, .config, .logFormat, .quiet, .quarantineInvalid,
  ]

  /// What an import takes: it never deactivates, so the guard's options mean nothing to it.
  static let forImport = shared.filter { $0 != .noDeactivateUsers && $0 != .maxDeactivations }

  /// `--quarantine-invalid N`: how many invalid records may be left out instead of refusing.
  static func quarantineLimit(_ arguments: Arguments) throws(ProxySyncError) -> Int {
    guard let text = arguments[.quarantineInvalid] else { return 0 }
    guard let limit = Int(text), limit >= 0 else { throw .usage("--quarantine-invalid takes a count, not \"\(text)\"") }
    return limit
  }

  static func syncOptions(_ arguments: Arguments, mode: SyncOptions.Mode) throws(ProxySyncError) -> SyncOptions {
    if let format = arguments[.logFormat], LogFormat(rawValue: format) == nil {
      throw .usage("--log-format must be text or json, not \"\(format)\"")
    }
    var options = SyncOptions()
    options.mode = mode
    options.createUsers = !arguments.has(.noCreateUsers)
    options.updateUsers = !arguments.has(.noUpdateUsers)
    options.deactivateUsers = !arguments.has(.noDeactivateUsers)
    options.pushGroups = !arguments.has(.noPushGroups)
    if let selection = arguments.all(.pushGroup) {
      guard !selection.contains(where: { $0.trimmingWhitespace().isEmpty }) else {
        throw .usage("--push-group takes an Okta group id or a name pattern such as \"Eng*\", not an empty value")
      }
      options.pushGroupSelection = selection
    }
    if let text = arguments[.maxDeactivations] {
      guard let limit = DeactivationLimit(parsing: text) else {
        throw .usage("--max-deactivations takes a count (25) or a percentage (10%), not \"\(text)\"")
      }
      options.deactivationLimit = limit
    }
    return options
  }
}
