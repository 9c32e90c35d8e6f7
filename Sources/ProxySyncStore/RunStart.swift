import ProxySyncCore

/// What the store records about a run before it knows the outcome.
package struct RunStart: Sendable {
  package var id: RunID
  package var command: String
  package var source: String?
  /// Records left out as invalid, rendered with file and line.
  package var quarantined: [String]
  /// The export's manifest: recorded with the run, and binding the organization on success.
  package var manifest: ExportManifest?
  /// Set when applying a saved plan, so the same plan is never applied twice.
  package var planChecksum: String?
  /// The counts of a plan that was refused (the guard), so the history shows what was stopped.
  package var counts: [String: Int] = [:]
  /// When the command began, for the run's duration.
  package let began = ContinuousClock.now

  /// Seconds since the run began, to the millisecond.
  var elapsedSeconds: Double {
    let elapsed = ContinuousClock.now - began
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return (seconds * 1000).rounded() / 1000
  }

  package init(
    id: RunID, command: String, source: String?, quarantined: [String] = [], manifest: ExportManifest? = nil,
    planChecksum: String? = nil
  ) {
    self.id = id
    self.command = command
    self.source = source
    self.quarantined = quarantined
    self.manifest = manifest
    self.planChecksum = planChecksum
  }
}
