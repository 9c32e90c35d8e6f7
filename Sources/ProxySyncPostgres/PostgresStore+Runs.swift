#if PostgreSQL
  import Foundation
  import ProxySyncCore

  extension PostgresStore {
    func insertRun(_ run: RunStart, organization: Organization, startedAt: String, outcome: RunOutcome) throws {
      try connection.query("""
        INSERT INTO run (id, org_id, command, source, started_at, outcome, quarantined, manifest, plan_checksum, ran_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """, run.storedValues(organization: organization, startedAt: startedAt, outcome: outcome))
    }

    /// Keeps a run's held operations with it, and marks the run it approves.
    func recordHolding(_ held: HeldOperations?, approving approved: RunID?, in run: RunID, organization: Organization) throws {
      let org = String(organization.id.rawValue)
      if let held {
        try connection.query("UPDATE run SET held_plan = $1 WHERE org_id = $2 AND id = $3", [held.plan.rendered(), org, run.rawValue])
      }
      if let approved {
        try connection.query("UPDATE run SET approved_in = $1 WHERE org_id = $2 AND id = $3", [run.rawValue, org, approved.rawValue])
      }
    }

    package func loadHeld(of run: RunID) throws(ProxySyncError) -> ApprovalVerdict.Held? {
      try perform("reading run \(run)") {
        let result = try connection.query("SELECT held_plan, approved_in FROM run WHERE id = $1 AND held_plan IS NOT NULL", [run.rawValue])
        guard result.rowCount > 0 else { return nil }
        return ApprovalVerdict.Held(text: result.text(0, 0) ?? "", approvedIn: result.text(0, 1).map(RunID.init))
      }
    }

    func finishRun(_ record: RunRecord, organization: Organization) throws {
      try connection.query("""
        UPDATE run SET finished_at = $1, outcome = $2, counts = $3, message = $4, duration_seconds = $5
        WHERE org_id = $6 AND id = $7
        """, record.finishedValues + [String(organization.id.rawValue), record.id.rawValue])
    }

    package func recordRun(
      _ run: RunStart, organization: Organization, outcome: RunOutcome, counts: [String: Int], message: String?
    ) throws(ProxySyncError) -> RunRecord {
      try perform("recording run \(run.id)") {
        try connection.transaction {
          try RunSequence.recordNothingWritten(
            PostgresRunSteps(store: self), run: run, organization: organization, outcome: outcome, counts: counts, message: message)
        }
      }
    }

    /// Records a refusal, giving up after a quarter second of waiting for other writers.
    package func recordRefusalQuickly(_ run: RunStart, organization: Organization, message: String) -> Bool {
      do {
        try connection.transaction { () throws -> Void in
          try connection.execute("SET LOCAL lock_timeout = '250ms'")
          _ = try RunSequence.recordNothingWritten(
            PostgresRunSteps(store: self), run: run, organization: organization, outcome: .refused, counts: [:], message: message)
        }
        return true
      } catch {
        return false
      }
    }

    package func loadRuns(of organization: Organization, limit: Int) throws(ProxySyncError) -> [RunRecord] {
      try perform("listing runs") {
        let result = try connection.query("""
          SELECT \(Self.runColumns) FROM run r JOIN organization o ON o.id = r.org_id
          WHERE r.org_id = $1 ORDER BY r.started_at DESC, r.seq DESC LIMIT $2
          """, [String(organization.id.rawValue), String(limit)])
        return result.rows { Self.run(result, $0) }
      }
    }

    package func loadRun(id: RunID) throws(ProxySyncError) -> RunRecord? {
      try perform("reading run \(id)") {
        let result = try connection.query(
          "SELECT \(Self.runColumns) FROM run r JOIN organization o ON o.id = r.org_id WHERE r.id = $1", [id.rawValue])
        return result.rows { Self.run(result, $0) }.first
      }
    }

    package func loadRun(appliedPlan checksum: String) throws(ProxySyncError) -> RunID? {
      try perform("looking up a saved plan") {
        let result = try connection.query(
          "SELECT id FROM run WHERE plan_checksum = $1 AND outcome IN ('applied', 'noChanges')", [checksum])
        return result.rows { RunID(result.text($0, 0) ?? "") }.first
      }
    }

    package func loadPeopleCounts(of organization: Organization) throws(ProxySyncError) -> [PersonStatus: Int] {
      let rows = try perform("counting people") {
        let result = try connection.query("SELECT status, count(*) FROM person WHERE org_id = $1 GROUP BY status", [String(organization.id.rawValue)])
        return result.rows { (PersonStatus(rawValue: result.text($0, 0) ?? ""), Int(result.integer($0, 1))) }
      }
      return Dictionary(rows.compactMap { status, count in status.map { ($0, count) } }, uniquingKeysWith: +)
    }

    package func loadSize() throws(ProxySyncError) -> Int64? {
      try perform("measuring the store") { try connection.query("SELECT pg_database_size(current_database())").integer(0, 0) }
    }

    /// A run's columns in the order `RunRecord(stored:)` reads them.
    static let runColumns =
      "r.id, o.name, r.command, r.source, r.started_at, r.finished_at, r.outcome, r.counts, r.message, r.quarantined, r.manifest, r.duration_seconds, r.ran_by"

    static func run(_ result: PGResult, _ row: Int) -> RunRecord { RunRecord { result.text(row, $0) } }
  }
#endif
