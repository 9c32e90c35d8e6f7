import Foundation
import ProxySyncCore

/// Everything a command may consult besides its arguments: injected so tests control it.
package struct Context: Sendable {
  package var environment: [String: String]
  package var console: Console
  package var clock: @Sendable () -> Date
  package var makeRunID: @Sendable () -> RunID
  package var logFormat: LogFormat = .text
  /// The operating-system user running the command (tests name one).
  package var user: String
  /// Where phases' durations go when the run's metrics are wanted (`--metrics-file`).
  var phaseLog: PhaseLog?

  package init(
    environment: [String: String], console: Console, clock: @escaping @Sendable () -> Date = { Date() },
    makeRunID: (@Sendable () -> RunID)? = nil, user: String? = nil
  ) {
    self.environment = environment
    self.console = console
    self.clock = clock
    self.makeRunID = makeRunID ?? { Context.defaultRunID(at: clock()) }
    self.user = user ?? Context.currentUser()
  }

  /// The effective user's name, or its number when it has none.
  static func currentUser() -> String {
    let uid = geteuid()
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return String(cString: name)
  }

  /// A new run of `command`, recorded with who runs it (and who they came through sudo from).
  func runStart(command: String, source: String?) -> RunStart {
    RunStart(id: makeRunID(), command: command, source: source, ranBy: RunStart.ranBy(user: user, sudoUser: environment["SUDO_USER"]))
  }

  /// A sortable, unique run id: the start time in UTC plus six random hex digits.
  static func defaultRunID(at date: Date) -> RunID {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return RunID(formatter.string(from: date) + "-" + String(UInt32.random(in: 0..<0x100_0000), radix: 16).leftPadded(to: 6))
  }
}

extension Context {
  /// Now, as the store and saved plans write times.
  func timestamp() -> String { Timestamp.iso8601(secondsSince1970: Int64(clock().timeIntervalSince1970.rounded(.down))) }
}

extension Context {
  /// Runs one phase of a command. Its duration is logged with `--log-format json`, printed with
  /// `PROXYSYNC_TIMING=1`, and kept for the run's metrics (`phaseLog`).
  func phase<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
    guard environment["PROXYSYNC_TIMING"] == "1" || logFormat == .json || phaseLog != nil else { return try body() }
    let start = ContinuousClock.now
    defer {
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      phaseLog?.record(name, seconds)
      if logFormat == .json {
        log("info", [("phase", .string(name)), ("durationSeconds", .double((seconds * 1000).rounded() / 1000))])
      } else if environment["PROXYSYNC_TIMING"] == "1" {
        console.err("timing: \(name) \(String(format: "%.3f", seconds)) s\n")
      }
    }
    return try body()
  }
}

extension Context {
  /// Colours only on a terminal, and never when `NO_COLOR` is set (to anything) or `TERM=dumb`.
  var usesColor: Bool {
    console.outIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
  }

  /// The text style for plans: colours per `usesColor`, sections cut unless `--full`.
  func textStyle(full: Bool) -> TextStyle { TextStyle(color: usesColor, sectionLimit: full ? nil : 50) }
}

extension Context {
  /// For tests of concurrency and crashes: with `PROXYSYNC_PAUSE=NAME` the run stops at the
  /// named point, says so on standard error, and waits for a line on standard input. Points:
  /// `locked` (after taking the run lock) and `apply:N` (once N operations or more are written).
  func pause(at point: String) {
    guard environment["PROXYSYNC_PAUSE"] == point else { return }
    console.err("proxysync: paused at \(point)\n")
    _ = readLine()
  }
}
