import Foundation
import ProxySyncCore

extension Store {
  func insertRun(_ run: RunStart, organization: Organization, startedAt: String, outcome: RunOutcome) throws {
    try connection.prepare(
      """
      INSERT INTO run (id, org_id, command, source, started_at, outcome, quarantined, manifest, plan_checksum, ran_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    ).execute(run.storedValues(organization: organization, startedAt: startedAt, outcome: outcome).map(SQLValue.text))
  }

  /// Keeps a run's held operations with it, and marks the run it approves.
  func recordHolding(_ held: HeldOperations?, approving approved: RunID?, in run: RunID) throws {
    if let held {
      try connection.prepare("UPDATE run SET held_plan = ? WHERE id = ?").execute([.text(held.plan.rendered()), .text(run.rawValue)])
    }
    if let approved {
      try connection.prepare("UPDATE run SET approved_in = ? WHERE id = ?").execute([.text(run.rawValue), .text(approved.rawValue)])
    }
  }

  package func loadHeld(of run: RunID) throws(ProxySyncError) -> ApprovalVerdict.Held? {
    try perform("reading run \(run)") {
      try connection.prepare("SELECT held_plan, approved_in FROM run WHERE id = ? AND held_plan IS NOT NULL").query([.text(run.rawValue)]) { row in
        ApprovalVerdict.Held(text: row.text(0) ?? "", approvedIn: row.text(1).map(RunID.init))
      }.first
    }
  }

  func finishRun(_ record: RunRecord) throws {
    try connection.prepare(
      "UPDATE run SET finished_at = ?, outcome = ?, counts = ?, message = ?, duration_seconds = ? WHERE id = ?"
    ).execute((record.finishedValues + [record.id.rawValue]).map(SQLValue.text))
  }

  /// Records a run that wrote nothing else (refused or failed), in its own small transaction.
  package func recordRun(
    _ run: RunStart, organization: Organization, outcome: RunOutcome, counts: [String: Int] = [:], message: String?
  ) throws(ProxySyncError) -> RunRecord {
    try perform("recording run \(run.id)") {
      try connection.transaction {
        try RunSequence.recordNothingWritten(
          SQLiteRunSteps(store: self), run: run, organization: organization, outcome: outcome, counts: counts, message: message)
      }
    }
  }

  /// The organization's runs, newest first.
  package func loadRuns(of organization: Organization, limit: Int = 50) throws(ProxySyncError) -> [RunRecord] {
    try perform("listing runs") {
      try connection.prepare("""
        SELECT \(Self.runColumns) FROM run r JOIN organization o ON o.id = r.org_id
        WHERE r.org_id = ? ORDER BY r.started_at DESC, r.rowid DESC LIMIT ?
        """).query([.integer(organization.id.rawValue), .integer(Int64(limit))], Self.run)
    }
  }

  package func loadRun(id: RunID) throws(ProxySyncError) -> RunRecord? {
    try perform("reading run \(id)") {
      try connection.prepare(
        "SELECT \(Self.runColumns) FROM run r JOIN organization o ON o.id = r.org_id WHERE r.id = ?"
      ).query([.text(id.rawValue)], Self.run).first
    }
  }

  /// A run's columns in the order `RunRecord(stored:)` reads them.
  static let runColumns =
    "r.id, o.name, r.command, r.source, r.started_at, r.finished_at, r.outcome, r.counts, r.message, r.quarantined, r.manifest, r.duration_seconds, r.ran_by"

  static func run(_ row: Row) -> RunRecord { RunRecord { row.text(Int32($0)) } }

  /// The run that applied a saved plan with this checksum, if any.
  package func loadRun(appliedPlan checksum: String) throws(ProxySyncError) -> RunID? {
    try perform("looking up a saved plan") {
      try connection.prepare("SELECT id FROM run WHERE plan_checksum = ? AND outcome IN ('applied', 'noChanges')")
        .query([.text(checksum)]) { RunID($0.text(0) ?? "") }.first
    }
  }

  /// Records a refusal without waiting long for another run's write lock: the refusal itself
  /// must be immediate. Returns false when the store was too busy to record it.
  package func recordRefusalQuickly(_ run: RunStart, organization: Organization, message: String) -> Bool {
    connection.withBusyTimeout(milliseconds: 250) {
      (try? recordRun(run, organization: organization, outcome: .refused, message: message)) != nil
    }
  }
}

extension Store {
  package func loadPeopleCounts(of organization: Organization) throws(ProxySyncError) -> [PersonStatus: Int] {
    let rows = try perform("counting people") {
      try connection.prepare("SELECT status, count(*) FROM person WHERE org_id = ? GROUP BY status")
        .query([.integer(organization.id.rawValue)]) { (PersonStatus(rawValue: $0.text(0) ?? ""), Int($0.integer(1))) }
    }
    return Dictionary(rows.compactMap { status, count in status.map { ($0, count) } }, uniquingKeysWith: +)
  }

  package func loadSize() throws(ProxySyncError) -> Int64? {
    let pages = try perform("measuring the store") {
      try connection.prepare("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").query { $0.integer(0) }.first
    }
    var status = stat()
    let log = stat(path + "-wal", &status) == 0 ? Int64(status.st_size) : 0
    return pages.map { $0 + log }
  }
}
