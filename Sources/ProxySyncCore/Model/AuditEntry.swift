/// One applied change to a person or group, as the audit log keeps it.
package struct AuditEntry: Hashable, Sendable {
  package var runID: RunID
  package var time: String
  package var command: String
  package var operation: String
  /// Who or what changed, e.g. `ann@example.com (00u1)` or `"Sales" (00g1) ← ann@example.com`.
  package var subject: String
  /// The changed values before and after, as compact JSON objects (nil where there was none).
  package var before: String?
  package var after: String?

  package init(
    runID: RunID, time: String, command: String, operation: String, subject: String = "", before: String?, after: String?
  ) {
    self.subject = subject
    self.runID = runID
    self.time = time
    self.command = command
    self.operation = operation
    self.before = before
    self.after = after
  }
}
