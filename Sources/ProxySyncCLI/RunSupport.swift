import ProxySyncCore
import ProxySyncReaders
import ProxySyncStore

/// What every writing run (`sync`, `import`, `apply`) shares: one run per organization at a
/// time, and a record of every refusal or failure.
enum RunSupport {
  static let options: Set<String> = ["--lock-timeout"]

  static let help = """
      --lock-timeout SECONDS    wait this long for another run of the organization (default: refuse at once)
    """

  /// Takes the organization's lock, runs `body`, records a refusal or failure, releases the lock.
  static func locked<T>(
    _ store: Store, _ organization: Organization, run: RunStart, arguments: Arguments, context: Context,
    _ body: (inout RunStart) throws(ProxySyncError) -> T
  ) throws(ProxySyncError) -> T {
    var run = run
    var timeout: Double = 0
    if let text = arguments["--lock-timeout"] {
      guard let seconds = Double(text), seconds >= 0 else { throw .usage("--lock-timeout takes seconds, not \"\(text)\"") }
      timeout = seconds
    }
    do {
      try store.acquireLock(for: organization, command: run.command, timeout: timeout) { gone in
        context.console.err("proxysync: warning: took over the lock left by \(gone), which is no longer running\n")
      }
    } catch {
      if !store.recordRefusalQuickly(run, organization: organization, message: error.description) {
        context.console.err("proxysync: warning: the refusal was not recorded: the store is busy with the other run\n")
      }
      throw error
    }
    defer { store.releaseLock(for: organization) }
    context.pause(at: "locked")
    do {
      return try body(&run)
    } catch {
      var message = error.description
      if case .invalidInput(let diagnostics) = error.kind { message += "\n" + diagnostics.errors.rendered(limit: 10) }
      let outcome: RunOutcome = error.kind == .failure ? .failed : .refused
      // Best effort: the original error is what the operator needs.
      _ = try? store.recordRun(run, organization: organization, outcome: outcome, message: message)
      throw error
    }
  }

  /// Reads `manifest.json`, if any; a broken manifest is invalid input.
  static func readManifest(_ folder: String) throws(ProxySyncError) -> ExportManifest? {
    switch ManifestReader.read(folder: folder) {
    case .success(let manifest): return manifest
    case .failure(let diagnostic):
      throw ProxySyncError(.invalidInput([diagnostic]), "the export's manifest is invalid; nothing was written")
    }
  }

  /// Applies the manifest rules; a refusal is a guard refusal (exit 4), a warning is printed.
  static func check(
    _ manifest: ExportManifest?, against organization: Organization, requireManifest: Bool, force: Bool, context: Context
  ) throws(ProxySyncError) {
    switch ManifestVerdict.judge(manifest, binding: organization.binding, requireManifest: requireManifest, force: force) {
    case .accept: break
    case .warn(let message): context.console.err("proxysync: warning: \(message)\n")
    case .refuse(let message): throw ProxySyncError(.guardTripped, "refused: \(message); nothing was written")
    }
  }
}
