import ProxySyncCore
import ProxySyncReaders

/// Options and steps several commands share: the store, the organization, the export.
enum Common {
  static let defaultStorePath = "./proxy-store.sqlite"

  /// `--store`, else `PROXYSYNC_STORE`, else `./proxy-store.sqlite`: a file path, or a
  /// `postgresql://` URL (see `StoreLocation`). Only `org create` makes a new store; other
  /// commands need an organization, so a missing store is an error rather than an empty file
  /// left behind.
  ///
  /// While another process's first import holds the whole store, a run (`forRun`: sync, import,
  /// apply) is refused at once as locked, naming it, or waits up to `--lock-timeout`; any other
  /// command says it waits, and waits.
  static func openStore(
    _ arguments: Arguments, _ context: Context, create: Bool = false, forRun: Bool = false
  ) throws(ProxySyncError) -> any ProxyStore {
    let location = arguments.explicit(.store) ?? context.environment["PROXYSYNC_STORE"] ?? arguments.configured(.store)
      ?? defaultStorePath
    let timeout = forRun ? try RunSupport.lockTimeout(arguments) : 0
    return try StoreLocation(location).open(create: create, context: context) { holder throws(ProxySyncError) -> Double? in
      guard forRun else {
        context.warn("the store is busy with a first import by \(holder); waiting for it")
        return nil
      }
      guard timeout > 0 else {
        throw holder.importRefusal()
      }
      context.warn("waiting up to \(timeout) s for \(holder) to finish its first import")
      return timeout
    }
  }

  /// `--org`, else `PROXYSYNC_ORG`; the organization must exist.
  static func organization(_ arguments: Arguments, _ context: Context, in store: any ProxyStore) throws(ProxySyncError) -> Organization {
    let name = try arguments.required(.org, or: context.environment["PROXYSYNC_ORG"], hint: " (or set PROXYSYNC_ORG)")
    return try store.loadOrganization(named: name)
  }

  /// Reads and validates the export; warnings go to standard error, errors refuse the run
  /// unless they are about single records and there are at most `quarantineLimit` of them.
  /// - Returns: the snapshot and the quarantined problems, rendered with file and line.
  static func readExport(
    _ folder: String, _ context: Context, quarantineLimit: Int = 0, quiet: Bool = false
  ) throws(ProxySyncError) -> (DirectorySnapshot, numbers: UserNumbers?, quarantined: [String]) {
    let progress = ProgressLine("reading \(folder)", unit: .bytes, context: context, quiet: quiet)
    let result = ExportReader.read(folder: folder) { progress.update($0, of: $1) }
    progress.finish()
    let errors = result.diagnostics.errors
    let verdict = QuarantineVerdict(errors: errors.count, structural: result.hasStructuralErrors, limit: quarantineLimit, folder: folder)
    if case .refuse(let message) = verdict {
      var refusal = ProxySyncError(.invalidInput(result.diagnostics), message)
      refusal.hints = result.hints
      throw refusal
    }
    if !result.diagnostics.isEmpty { context.report(result.diagnostics) }
    if case .leaveOut(let count) = verdict {
      context.warn(QuarantineVerdict.warning(leftOut: count))
      for hint in result.hints { context.hint(hint) }
    }
    return (result.partialSnapshot, result.userNumbers, errors.map(\.description))
  }

  /// The command's `--format` option, checked against the formats it declares; the first is
  /// the default.
  static func format(_ arguments: Arguments, _ option: Option) throws(ProxySyncError) -> OutputFormat {
    let allowed = option.formats
    guard let text = arguments[option] else { return allowed[0] }
    guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
      throw .usage("--format must be one of \(allowed.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
    }
    return format
  }
}
