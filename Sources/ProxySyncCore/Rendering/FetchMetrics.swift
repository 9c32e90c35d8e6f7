/// What a fetch leaves for Prometheus, labelled with the Okta org (the organization it read)
/// and `command="fetch"`, beside the runs' metrics in the same file.
package struct FetchMetrics: Sendable {
  package var oktaOrg: String
  package var endedAt: Int64
  /// When a fetch of this org last succeeded (now, or as the file said before a failure).
  package var lastSuccess: Int64?
  package var exitStatus: Int
  package var durationSeconds: Double
  package var requests = 0
  package var retries = 0
  package var throttled = 0
  package var waitSeconds = 0.0
  /// Records fetched, by kind (users, deprovisioned users, groups, member listings).
  package var records: [(kind: String, count: Int)] = []

  package init(oktaOrg: String, endedAt: Int64, lastSuccess: Int64?, exitStatus: Int, durationSeconds: Double) {
    self.oktaOrg = oktaOrg
    self.endedAt = endedAt
    self.lastSuccess = lastSuccess
    self.exitStatus = exitStatus
    self.durationSeconds = durationSeconds
  }

  package var families: [RunMetrics.Family] {
    let base = [("organization", oktaOrg), ("command", "fetch")]
    func one(_ name: String, _ help: String, _ value: Double?) -> RunMetrics.Family {
      RunMetrics.Family(name: name, help: help, samples: value.map { [(base, $0)] } ?? [])
    }
    return [
      one("proxysync_last_run_timestamp_seconds", RunMetrics.lastRunHelp, Double(endedAt)),
      one("proxysync_last_success_timestamp_seconds", RunMetrics.lastSuccessHelp, lastSuccess.map(Double.init)),
      one("proxysync_last_run_exit_status", RunMetrics.exitStatusHelp, Double(exitStatus)),
      one("proxysync_last_run_duration_seconds", RunMetrics.durationHelp, durationSeconds),
      one("proxysync_fetch_requests", "Requests the last fetch sent to Okta.", Double(requests)),
      one("proxysync_fetch_retries", "Requests the last fetch tried again (5xx, network, past their deadline).", Double(retries)),
      one("proxysync_fetch_rate_limited_responses", "Answers of the last fetch that said the rate limit was spent (429).", Double(throttled)),
      one("proxysync_fetch_rate_limit_wait_seconds", "Seconds the last fetch waited for Okta's rate limit.", waitSeconds),
      RunMetrics.Family(
        name: "proxysync_fetch_records", help: "Records the last fetch read, by kind.",
        samples: records.map { (base + [("kind", $0.kind)], Double($0.count)) }),
    ]
  }
}
