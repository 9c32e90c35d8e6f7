/// How an organization's runs stand, for `proxysync status` and a monitoring check: the last
/// run, the last success, runs held for approval and not approved, who holds the lock.
package struct StoreStatus: Sendable {
  /// The organization's runs, newest first (changes by hand left out: they say nothing of the
  /// nights).
  package var runs: [RunRecord]
  /// Held runs no approval has applied yet, newest first.
  package var waiting: [RunRecord]
  package var lockHolder: LockHolder?
  /// The store's size in bytes, when the backend can tell.
  package var bytes: Int64?

  package init(runs: [RunRecord], waiting: [RunRecord], lockHolder: LockHolder?, bytes: Int64?) {
    self.runs = runs.filter { !$0.isByHand }
    self.waiting = waiting
    self.lockHolder = lockHolder
    self.bytes = bytes
  }

  package var lastRun: RunRecord? { runs.first }
  /// The newest run that applied what it had to (held nights applied the rest).
  package var lastSuccess: RunRecord? { runs.first { $0.outcome.isSuccess } }

  /// What needs someone, most urgent first; empty when all is well. `now` and the age in
  /// seconds since 1970; `maxAge` in hours.
  package func problems(now: Int64, maxAge: Double?) -> [String] {
    var problems: [String] = []
    if let last = lastRun, !last.outcome.isSuccess {
      problems.append("the last run (\(last.id), \(last.command), \(last.startedAt)) was \(last.outcome.rawValue): \(last.message?.split(separator: "\n").first.map(String.init) ?? "no reason recorded")")
    }
    if let maxAge {
      if let success = lastSuccess, let started = Timestamp.secondsSince1970(success.startedAt) {
        let hours = Double(now - started) / 3600
        if hours > maxAge {
          problems.append("the last successful run (\(success.id)) was \(Self.age(now - started)) ago, more than --max-age \(Self.number(maxAge)) hours")
        }
      } else {
        problems.append("no run has succeeded yet")
      }
    }
    for run in waiting {
      problems.append("run \(run.id) holds operations for approval since \(run.startedAt): proxysync runs show \(run.id), then proxysync runs approve \(run.id) --org \(run.organization)")
    }
    return problems
  }

  /// "3 h", "2 d 4 h", "12 min".
  package static func age(_ seconds: Int64) -> String {
    if seconds < 3600 { return "\(max(0, seconds) / 60) min" }
    if seconds < 86_400 { return "\(seconds / 3600) h" }
    return "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h"
  }

  static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}
