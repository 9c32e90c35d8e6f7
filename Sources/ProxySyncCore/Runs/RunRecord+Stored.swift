/// How every store backend writes a run's row and reads it back: one codec, so the two read
/// alike. Values are text (NULL as nil), in the order each backend's SQL names its columns:
/// writing `id, org_id, command, source, started_at, outcome, quarantined, manifest,
/// plan_checksum, ran_by`; reading `id, organization name, command, source, started_at,
/// finished_at, outcome, counts, message, quarantined, manifest, duration_seconds, ran_by`.
extension RunStart {
  /// The new run's row: its values in the writing order.
  package func storedValues(organization: Organization, startedAt: String, outcome: RunOutcome) -> [String?] {
    [
      id.rawValue, String(organization.id.rawValue), command, source, startedAt, outcome.rawValue,
      quarantined.joined(separator: "\n"), manifest?.runText, appliedPlanChecksum(outcome: outcome), ranBy,
    ]
  }
}

extension RunRecord {
  /// How many columns a run's row is read from.
  package static let storedColumnCount = 13

  /// A run read back: `value(i)` is the i-th column of the reading order, as text.
  package init(stored value: (Int) -> String?) {
    self.init(
      id: RunID(value(0) ?? ""), organization: value(1) ?? "", command: value(2) ?? "", source: value(3),
      startedAt: value(4) ?? "", finishedAt: value(5), outcome: RunOutcome(rawValue: value(6) ?? "") ?? .failed,
      counts: Self.counts(fromJSON: value(7)), message: value(8),
      quarantined: (value(9) ?? "").split(separator: "\n").map(String.init), manifest: value(10),
      durationSeconds: value(11).flatMap(Double.init), ranBy: value(12))
  }

  /// The finished run's values, as `finishRun` writes them: finished_at, outcome, counts,
  /// message, duration_seconds.
  package var finishedValues: [String?] {
    [finishedAt, outcome.rawValue, Self.countsJSON(counts), message, durationSeconds.map { String($0) }]
  }

  /// Reads `countsJSON` back: a flat object of whole numbers (anything else is left out).
  static func counts(fromJSON text: String?) -> [String: Int] {
    guard let text else { return [:] }
    var counts: [String: Int] = [:]
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "\"") {
      var key = ""
      var index = rest.index(after: open)
      while index < rest.endIndex, rest[index] != "\"" {
        if rest[index] == "\\", rest.index(after: index) < rest.endIndex { index = rest.index(after: index) }
        key.append(rest[index])
        index = rest.index(after: index)
      }
      guard index < rest.endIndex else { break }
      rest = rest[rest.index(after: index)...].drop { $0 == ":" || $0 == " " }
      let digits = rest.prefix { $0.isNumber || $0 == "-" }
      if let number = Int(digits) { counts[key] = number }
      rest = rest.dropFirst(digits.count)
    }
    return counts
  }
}

extension StoreContents.RunRow {
  /// A copied run's row (`store copy`), in this order: id, org_id, command, source, started_at,
  /// finished_at, outcome, counts, message, quarantined, manifest, plan_checksum,
  /// duration_seconds, ran_by.
  package var storedValues: [String?] {
    let r = record
    return [
      r.id.rawValue, String(organization.rawValue), r.command, r.source, r.startedAt, r.finishedAt, r.outcome.rawValue,
      RunRecord.countsJSON(r.counts), r.message, r.quarantined.joined(separator: "\n"), r.manifest, planChecksum,
      r.durationSeconds.map { String($0) }, r.ranBy,
    ]
  }
}
