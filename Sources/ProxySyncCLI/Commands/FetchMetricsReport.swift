import Foundation
import ProxySyncCore
import ProxySyncFetch

extension FetchCommand {
  /// The fetch's metrics (`--metrics-file`), whatever its outcome.
  static func report(
    _ arguments: Arguments, _ context: Context, org: OktaURL, client: OktaClient, began: ContinuousClock.Instant, status: ExitStatus,
    summary: OktaFetch.Summary?
  ) {
    guard let path = arguments[.metricsFile] else { return }
    let now = Int64(context.clock().timeIntervalSince1970.rounded(.down))
    let elapsed = ContinuousClock.now - began
    let last = status == .ok
      ? now : MetricsFile.previousValue("proxysync_last_success_timestamp_seconds", in: path, organization: org.host, command: "fetch").map(Int64.init)
    var metrics = FetchMetrics(
      oktaOrg: org.host, endedAt: now, lastSuccess: last, exitStatus: Int(status.rawValue),
      durationSeconds: ((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000).rounded() / 1000)
    let figures = client.figures.current
    (metrics.requests, metrics.retries, metrics.throttled, metrics.waitSeconds) = (figures.requests, figures.retries, figures.throttled, figures.waitSeconds)
    if let summary {
      metrics.records = [("users", summary.users), ("deprovisionedUsers", summary.deprovisioned), ("groups", summary.groups), ("memberListings", summary.memberListings)]
    }
    MetricsFile.write(MetricsText.render(metrics.families), to: path, organization: org.host, command: "fetch", context: context)
  }
}
