import Foundation
import ProxySyncCore
import ProxySyncFetch

extension Option {
  static let metricsFile = Option(
    "--metrics-file", "PATH", "write the run's metrics there when it ends, for Prometheus (node_exporter's\ntextfile collector); see README", config: .value("metricsFile"))
}

/// Phase durations of one command, kept for its metrics.
final class PhaseLog: @unchecked Sendable {
  private let lock = NSLock()
  private var phases: [(name: String, seconds: Double)] = []
  func record(_ name: String, _ seconds: Double) { lock.withLock { phases.append((name, (seconds * 1000).rounded() / 1000)) } }
  var all: [(name: String, seconds: Double)] { lock.withLock { phases } }
}

/// `--metrics-file PATH`: when a run ends, whatever its outcome, its metrics (`RunMetrics`)
/// replace this organization's and command's in the file, which may hold others'. Written as a
/// new file renamed into place (the collector never reads half of one), readable by all: it
/// holds counts and the organization's name, never people.
struct MetricsFile {
  let path: String

  /// The file the command was asked for, if any; phases are measured from now on.
  init?(_ arguments: Arguments, _ context: inout Context) {
    guard let path = arguments[.metricsFile] else { return nil }
    self.path = path
    context.phaseLog = PhaseLog()
  }

  /// Runs a command's run and writes its metrics however it ends (`metrics` nil: just runs it);
  /// the plan, which may hold a million operations, is then let go off the exit path.
  static func report(
    _ metrics: MetricsFile?, store: any ProxyStore, organization: Organization, command: String, context: Context,
    _ body: () throws(ProxySyncError) -> (ExitStatus, Plan?)
  ) throws(ProxySyncError) -> ExitStatus {
    do {
      let (status, plan) = try body()
      metrics?.write(store: store, organization: organization, command: command, exit: status, plan: plan, context: context)
      Teardown.inBackground(consume plan)
      return status
    } catch {
      metrics?.write(store: store, organization: organization, command: command, exit: ExitStatus(for: error), plan: nil, context: context)
      throw error
    }
  }

  /// Writes the metrics of `command`'s last run in `organization`; a failure is a warning, never
  /// the run's outcome.
  func write(
    store: any ProxyStore, organization: Organization, command: String, exit: ExitStatus, plan: Plan?, context: Context
  ) {
    do throws(ProxySyncError) {
      let runs = try store.loadRuns(of: organization, limit: 400).filter { $0.command == command }
      var metrics = RunMetrics(
        organization: organization.name, command: command, lastRun: runs.first,
        lastSuccess: runs.first { $0.outcome.isSuccess }, exitStatus: Int(exit.rawValue))
      metrics.phases = context.phaseLog?.all ?? []
      metrics.people = try store.loadPeopleCounts(of: organization)
      if let check = plan?.held?.plan.plan.guardCheck ?? plan?.guardCheck {
        metrics.guardShare = (check.deactivations, check.activePeople)
      }
      Self.write(MetricsText.render(metrics.families), to: path, organization: organization.name, command: command, context: context)
    } catch {
      context.warn("cannot write the metrics file \(path): \(error.description)")
    }
  }

  /// Puts `text` (the lines of one organization and command) into the file, the others kept.
  static func write(_ text: String, to path: String, organization: String, command: String, context: Context) {
    let merged = merged(text, into: path, organization: organization, command: command)
    if let problem = PrivateFile.write(Data(merged.utf8), to: path, mode: 0o644) {
      context.warn("cannot write the metrics file \(path): \(problem)")
    }
  }

  /// A value the file holds for this organization and command (the last success, when a run
  /// fails), if the file is ours.
  static func previousValue(_ name: String, in path: String, organization: String, command: String) -> Double? {
    guard let old = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let prefix = "\(name){organization=\"\(MetricsText.escapedLabel(organization))\",command=\"\(MetricsText.escapedLabel(command))\"} "
    return old.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
  }

  /// The file's other organizations' and commands' metrics, kept, with these; a file that is
  /// not ours (any line not a proxysync metric) is replaced whole.
  static func merged(_ text: String, into path: String, organization: String, command: String) -> String {
    let ours = "{organization=\"\(MetricsText.escapedLabel(organization))\",command=\"\(MetricsText.escapedLabel(command))\""
    var names: [String] = []
    var heads: [String: [String]] = [:]
    var samples: [String: [String]] = [:]
    func add(_ text: String, dropping prefix: String?) {
      for line in text.split(separator: "\n").map(String.init) {
        let isHead = line.hasPrefix("# ")
        let words = line.split(separator: " ")
        let name = isHead ? (words.count > 2 ? String(words[2]) : "") : String(line.prefix { $0 != "{" && $0 != " " })
        if !names.contains(name) { names.append(name) }
        if isHead {
          if !heads[name, default: []].contains(where: { $0.prefix(6) == line.prefix(6) }) { heads[name, default: []].append(line) }
        } else if let prefix, line.dropFirst(name.count).hasPrefix(prefix) {
          continue
        } else {
          samples[name, default: []].append(line)
        }
      }
    }
    if let old = try? String(contentsOfFile: path, encoding: .utf8),
      old.split(separator: "\n").allSatisfy({ $0.hasPrefix("# HELP proxysync_") || $0.hasPrefix("# TYPE proxysync_") || $0.hasPrefix("proxysync_") })
    {
      add(old, dropping: ours)
    }
    add(text, dropping: nil)
    return names.compactMap { name in
      guard let lines = samples[name], !lines.isEmpty else { return nil }
      return ((heads[name] ?? []) + lines).joined(separator: "\n") + "\n"
    }.joined()
  }
}
