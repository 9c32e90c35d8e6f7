/// What a run leaves for Prometheus (node_exporter's textfile collector): gauges describing the
/// last run of one command for one organization, in the text exposition format. Counts and the
/// organization's name only, never people.
package struct RunMetrics: Sendable {
  package var organization: String
  package var command: String
  package var lastRun: RunRecord?
  package var lastSuccess: RunRecord?
  package var exitStatus: Int
  /// Seconds each phase of the command took, in order.
  package var phases: [(name: String, seconds: Double)] = []
  /// Deactivations the guard counted, and the active people they are a share of.
  package var guardShare: (deactivations: Int, activePeople: Int)?
  package var people: [PersonStatus: Int] = [:]

  package init(organization: String, command: String, lastRun: RunRecord?, lastSuccess: RunRecord?, exitStatus: Int) {
    self.organization = organization
    self.command = command
    self.lastRun = lastRun
    self.lastSuccess = lastSuccess
    self.exitStatus = exitStatus
  }

  static let lastRunHelp = "When the last run ended, in seconds since 1970."
  static let lastSuccessHelp = "When the last successful run (applied, no changes or held) ended."
  static let exitStatusHelp = "The exit status of the last run (0 ok, 4 guard, 5 locked, 6 stale plan...)."
  static let durationHelp = "How long the last run took."

  /// A metric: its name, help, and samples (extra labels, value).
  package struct Family: Sendable {
    package var name: String
    package var help: String
    package var samples: [(labels: [(String, String)], value: Double)]
  }

  package var families: [Family] {
    let base = [("organization", organization), ("command", command)]
    func one(_ name: String, _ help: String, _ value: Double?) -> Family {
      Family(name: name, help: help, samples: value.map { [([], $0)] } ?? [])
    }
    func seconds(_ run: RunRecord?) -> Double? { run.flatMap { Timestamp.secondsSince1970($0.finishedAt ?? $0.startedAt) }.map(Double.init) }
    let counts = lastRun?.counts ?? [:]
    func kinds(_ prefix: String) -> [(labels: [(String, String)], value: Double)] {
      counts.filter { prefix.isEmpty ? !$0.key.contains(".") : $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
        .map { ([(prefix == "skipped." ? "reason" : "kind", String($0.key.dropFirst(prefix.count)))], Double($0.value)) }
    }
    var families = [
      one("proxysync_last_run_timestamp_seconds", Self.lastRunHelp, seconds(lastRun)),
      one("proxysync_last_success_timestamp_seconds", Self.lastSuccessHelp, seconds(lastSuccess)),
      one("proxysync_last_run_exit_status", Self.exitStatusHelp, Double(exitStatus)),
      Family(
        name: "proxysync_last_run_outcome", help: "1 for the last run's outcome, 0 for the others.",
        samples: RunOutcome.allCases.map { ([("outcome", $0.rawValue)], lastRun?.outcome == $0 ? 1 : 0) }),
      one("proxysync_last_run_duration_seconds", Self.durationHelp, lastRun?.durationSeconds),
      Family(name: "proxysync_last_run_phase_duration_seconds", help: "How long each phase of the last run took.",
        samples: phases.map { ([("phase", $0.name)], $0.seconds) }),
      Family(name: "proxysync_last_run_operations", help: "Operations the last run applied, by kind.", samples: kinds("")),
      Family(name: "proxysync_last_run_skipped_operations", help: "Operations the last run skipped, by reason.", samples: kinds("skipped.")),
      Family(name: "proxysync_last_run_held_operations", help: "Operations the last run held for approval, by kind.", samples: kinds("held.")),
      Family(name: "proxysync_people", help: "People in the organization, by status.",
        samples: PersonStatus.allCases.map { ([("status", $0.rawValue)], Double(people[$0] ?? 0)) }),
    ]
    if let guardShare, guardShare.activePeople > 0 {
      families.append(one("proxysync_guard_deactivation_ratio", "The share of active people the last plan would deactivate.",
        Double(guardShare.deactivations) / Double(guardShare.activePeople)))
    }
    return families.map { family in
      var family = family
      family.samples = family.samples.map { (base + $0.labels, $0.value) }
      return family
    }
  }
}

/// The text exposition format: `# HELP`, `# TYPE … gauge`, then `name{label="value"} number`.
package enum MetricsText {
  package static func render(_ families: [RunMetrics.Family]) -> String {
    var text = ""
    for family in families where !family.samples.isEmpty {
      text += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) gauge\n"
      for sample in family.samples {
        let labels = sample.labels.map { "\($0.0)=\"\(escaped($0.1))\"" }.joined(separator: ",")
        text += "\(family.name){\(labels)} \(number(sample.value))\n"
      }
    }
    return text
  }

  /// Label values escape backslash, quote and line feed.
  package static func escapedLabel(_ value: String) -> String { escaped(value) }

  static func escaped(_ value: String) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
