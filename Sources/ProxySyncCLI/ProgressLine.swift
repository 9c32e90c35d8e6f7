import Foundation

/// A one-line progress display on standard error for long reads and applies.
///
/// Drawn only when standard error is a terminal, logs are text and `--quiet` is off; at most
/// four updates a second; the line is cleared when the phase ends, so nothing is left behind.
final class ProgressLine {
  private let context: Context
  private let label: String
  private let unit: Unit
  private let isEnabled: Bool
  private let start = ContinuousClock.now
  private var lastDrawn: ContinuousClock.Instant?
  private var drewSomething = false

  enum Unit { case bytes, operations }

  init(_ label: String, unit: Unit, context: Context, quiet: Bool) {
    self.label = label
    self.unit = unit
    self.context = context
    isEnabled = context.console.errIsTerminal && context.logFormat == .text && !quiet
  }

  /// `done` of `total` so far; draws only when a quarter second has passed since the last draw.
  func update(_ done: Int, of total: Int) {
    guard isEnabled else { return }
    let now = ContinuousClock.now
    if let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
    lastDrawn = now
    let elapsed = seconds(now - start)
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    var text = "\(label): \(format(done))"
    if total > 0 {
      text += " of \(format(total)) (\(Int(Double(done) * 100 / Double(total)))%)"
    }
    if rate > 0 {
      text += ", \(format(Int(rate)))/s"
      if total > done { text += ", ETA \(Int((Double(total - done) / rate).rounded(.up))) s" }
    }
    context.console.err("\r\u{1B}[K" + text)
    drewSomething = true
  }

  /// Clears the line.
  func finish() {
    if drewSomething { context.console.err("\r\u{1B}[K") }
  }

  private func format(_ value: Int) -> String {
    switch unit {
    case .operations: return "\(value)"
    case .bytes:
      let units = ["B", "KB", "MB", "GB"]
      var size = Double(value)
      var index = 0
      while size >= 1000, index < units.count - 1 {
        size /= 1000
        index += 1
      }
      return index == 0 ? "\(value) B" : String(format: "%.1f %@", size, units[index])
    }
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}

/// What a writing run reports while it applies: the progress line, and the test pause point
/// `apply:N`. `sync` and `apply` share it.
final class ApplyProgress {
  private let line: ProgressLine
  private let context: Context
  /// The plan's size, once known.
  var total = 0
  /// The test pause point `apply:N`, if one is set; reached once N operations are written,
  /// however many the appliers report at a time.
  private let pauseAfter: Int?
  private var done = 0

  init(context: Context, quiet: Bool) {
    self.context = context
    line = ProgressLine("applying", unit: .operations, context: context, quiet: quiet)
    pauseAfter = context.environment["PROXYSYNC_PAUSE"].flatMap { $0.hasPrefix("apply:") ? Int($0.dropFirst(6)) : nil }
  }

  /// Hears how many operations are written so far.
  func callAsFunction(_ done: Int) {
    line.update(done, of: total)
    if let pauseAfter, self.done < pauseAfter, done >= pauseAfter { context.pause(at: "apply:\(pauseAfter)") }
    self.done = done
  }

  func finish() { line.finish() }
}
