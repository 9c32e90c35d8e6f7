import Foundation
import ProxySyncFetch

/// The fetch's progress on standard error: pages, records and bytes so far, and any wait for
/// Okta's rate limit. Drawn on a terminal at most four times a second; with `--log-format json`,
/// waits and retries are logged instead.
final class FetchProgress: @unchecked Sendable {
  private let context: Context
  private let isDrawn: Bool
  private let lock = NSLock()
  private var pages = 0
  private var records = 0
  private var bytes = 0
  private var lastDrawn: ContinuousClock.Instant?
  private var drewSomething = false

  init(context: Context, quiet: Bool) {
    self.context = context
    isDrawn = context.console.errIsTerminal && context.logFormat == .text && !quiet
  }

  func record(_ event: FetchEvent) {
    lock.withLock {
      switch event {
      case .page(_, let count, let size):
        pages += 1
        records += count ?? 0
        bytes += size
        draw(nil)
      case .waitingForRateLimit(let seconds):
        if context.logFormat == .json { context.log("info", [("phase", .string("fetch")), ("waitSeconds", .double(seconds.rounded()))]) }
        draw("waiting \(Int(seconds.rounded(.up))) s for Okta's rate limit", force: true)
      case .retrying(let path, let reason, let after):
        if context.logFormat == .json {
          context.log("warning", [("message", .string("\(path): \(reason); trying again in \(Int(after)) s"))])
        } else if !isDrawn {
          context.warn("\(path): \(reason); trying again in \(Int(after)) s")
        }
        draw("\(reason), trying again in \(Int(after)) s", force: true)
      }
    }
  }

  private func draw(_ note: String?, force: Bool = false) {
    guard isDrawn else { return }
    let now = ContinuousClock.now
    if !force, let lastDrawn, now - lastDrawn < .milliseconds(250) { return }
    lastDrawn = now
    let megabytes = String(format: "%.1f", Double(bytes) / 1_048_576)
    context.console.err("\r\u{1B}[Kfetching: \(pages) pages, \(records) records counted, \(megabytes) MB" + (note.map { "; \($0)" } ?? ""))
    drewSomething = true
  }

  func finish() {
    lock.withLock { if drewSomething { context.console.err("\r\u{1B}[K") } }
  }
}

/// SIGTERM and SIGINT while a fetch runs: `onStop` is called once, and the process keeps
/// running so the fetch can clean up and exit 1 by itself.
final class StopSignals: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  private let lock = NSLock()
  private var stopped = false

  init(onStop: @escaping @Sendable () -> Void) {
    for signalNumber in [SIGTERM, SIGINT] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [self] in
        lock.withLock { stopped = true }
        onStop()
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Whether a signal stopped the fetch.
  var caught: Bool { lock.withLock { stopped } }

  func restore() {
    for source in sources { source.cancel() }
    signal(SIGTERM, SIG_DFL)
    signal(SIGINT, SIG_DFL)
  }
}
