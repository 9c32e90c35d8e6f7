import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What a fetch reports as it goes, for a progress line or a log.
package enum FetchEvent: Sendable {
  /// A page arrived: its listing, how many records it held (nil when not counted), its size.
  case page(listing: String, records: Int?, bytes: Int)
  /// Okta's rate limit is spent: no request goes out for this many seconds.
  case waitingForRateLimit(seconds: Double)
  /// A request failed in a way worth trying again (5xx, network); the next try is in `after` s.
  case retrying(path: String, reason: String, after: Double)
}

/// GET requests to one Okta org, one at a time per caller, with Okta's rules for being a good
/// client: pages followed by their `Link` header, rate limits waited out, server errors and
/// network failures tried again a bounded number of times, and anything else a failure that
/// names the path, the status and Okta's `errorSummary`.
///
/// Every wait is bounded: a wait for a rate limit or a retry longer than `maxWait` fails the
/// fetch at once, each request has a deadline for its whole answer, and the whole fetch one of
/// its own. `cancel` (SIGTERM) ends every wait and request at once.
///
/// Shared by the fetch's workers: a spent rate-limit window holds only the requests of its own
/// family of endpoints (`RateWindows`).
package final class OktaClient: @unchecked Sendable {
  package struct Settings: Sendable {
    /// The longest single wait (rate limit, retry back-off); a longer one fails the fetch.
    package var maxWait: Double = 600
    /// Tries after the first for a 5xx answer, a network failure or a request past its deadline.
    package var retries = 5
    /// The longest a request may take, from sending it to its last byte.
    package var requestTimeout: Double = 120
    /// The longest the whole fetch may take.
    package var timeout: Double = 4 * 3_600
    /// The largest page body, decompressed: Okta's largest pages (1,000 group members) are a
    /// few megabytes.
    package var maxPageBytes = 64 << 20
    package init() {}
  }

  private let org: OktaURL
  private let token: String
  private let settings: Settings
  private let sleep: (@Sendable (Double) -> Void)?
  private let clock: @Sendable () -> Date
  private let events: @Sendable (FetchEvent) -> Void
  private let transfers: HTTPTransfers
  private let pause = Pause()
  private let deadline: Date
  /// What this client did on the wire, for the fetch's metrics.
  package let figures = FetchFigures()
  private let windows: RateWindows
  private let lock = NSLock()
  private var cancelled = false

  /// - Parameters:
  ///   - sleep: waits this many seconds; tests record the waits instead. Nil: a real wait that
  ///     `cancel` cuts short.
  package init(
    org: OktaURL, token: String, settings: Settings = Settings(), sleep: (@Sendable (Double) -> Void)? = nil,
    clock: @escaping @Sendable () -> Date = { Date() }, events: @escaping @Sendable (FetchEvent) -> Void = { _ in }
  ) {
    self.org = org
    self.token = token
    self.settings = settings
    self.sleep = sleep
    self.clock = clock
    self.events = events
    deadline = clock().addingTimeInterval(settings.timeout)
    windows = RateWindows(clock: clock)
    transfers = HTTPTransfers(maxBody: settings.maxPageBytes)
  }

  deinit { transfers.close() }

  /// Stops every request in flight, every wait, and every later request (SIGTERM): they fail
  /// as interrupted.
  package func cancel() {
    lock.withLock { cancelled = true }
    pause.interrupt()
    transfers.cancelAll()
  }

  var isCancelled: Bool { lock.withLock { cancelled } }

  /// Passes an event of the fetch on to whoever listens.
  func report(_ event: FetchEvent) { events(event) }

  /// One page: its body and the next page's address, if there is one; nil for a 404 when
  /// `missingIsEmpty` (a listing the org does not have).
  func get(_ url: URL, missingIsEmpty: Bool = false) throws(FetchError) -> (body: Data, next: URL?)? {
    guard org.owns(url) else {
      throw FetchError("Okta's next-page link points to \(url.host ?? "another host"), not \(org.host); the token is never sent elsewhere")
    }
    let family = RateWindows.family(of: url)
    var failures = 0
    while true {
      try waitForWindow(url, family: family)
      let answer: Result<HTTPAnswer, HTTPTransfers.Failure>
      do throws(FetchError) {
        answer = try perform(url)
      } catch {
        windows.answered(family, limit: nil)
        throw error
      }
      guard case .success(let response) = answer else {
        windows.answered(family, limit: nil)
        if case .failure(let failure) = answer, case .tooLarge(let bytes) = failure {
          throw FetchError("\(url.path): Okta's answer is larger than \(bytes >> 20) MB once decompressed; giving up (no page of Okta's is that large)")
        }
        failures += 1
        try retry(url, reason: Self.reason(answer), failures: failures)
        continue
      }
      let limit = RateLimit(headers: response.headers, now: clock())
      var wait = windows.answered(family, limit: limit, throttled: response.status == 429)
      switch response.status {
      case 200:
        // Refused now rather than after the next request waited: a window resetting past
        // `--max-wait` fails the fetch at once.
        if wait > 0 { try check(url, wait: wait, for: "Okta's rate limit is spent and resets in") }
        return (response.body, try nextPage(response))
      case 429:
        figures.count { $0.throttled += 1 }
        if limit.resetsIn == nil {
          wait = backoff(1)
          windows.hold(family, for: wait)
        }
        try check(url, wait: wait, for: "Okta's rate limit is spent and resets in")
      case 404 where missingIsEmpty:
        return nil
      case 500...599:
        failures += 1
        try retry(url, reason: "HTTP \(response.status)", failures: failures)
      default:
        throw FetchError("\(url.path): HTTP \(response.status)\(Self.errorSummary(response.body).map { ": \($0)" } ?? "")")
      }
    }
  }

  /// One request, within its deadline and the fetch's.
  private func perform(_ url: URL) throws(FetchError) -> Result<HTTPAnswer, HTTPTransfers.Failure> {
    let left = deadline.timeIntervalSince(clock())
    guard left > 0 else { throw pastTimeout(url) }
    var request = URLRequest(url: url)
    request.httpMethod = "GET"
    request.setValue("SSWS \(token)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    // Okta compresses with gzip; nothing else is asked for.
    request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
    request.setValue("proxysync", forHTTPHeaderField: "User-Agent")
    figures.count { $0.requests += 1 }
    let answer = transfers.perform(request, deadline: min(settings.requestTimeout, left))
    if isCancelled { throw FetchError("interrupted") }
    if case .failure(.timedOut) = answer, settings.requestTimeout > left { throw pastTimeout(url) }
    return answer
  }

  private static func reason(_ answer: Result<HTTPAnswer, HTTPTransfers.Failure>) -> String {
    switch answer {
    case .failure(.timedOut(let seconds)): "no complete answer within \(Int(seconds.rounded())) s"
    case .failure(.network(let words)): words
    default: "no response"
    }
  }

  /// Waits before trying `url` again, or fails when the tries are used up.
  private func retry(_ url: URL, reason: String, failures: Int) throws(FetchError) {
    guard failures <= settings.retries else {
      throw FetchError("\(url.path): \(reason), \(failures) times; giving up")
    }
    let wait = backoff(failures)
    try check(url, wait: wait, for: "\(reason); the next try would be in")
    events(.retrying(path: url.path, reason: reason, after: wait))
    figures.count { $0.retries += 1 }
    try pauseFor(wait)
  }

  /// 1, 2, 4, 8… seconds, at most 60.
  private func backoff(_ failures: Int) -> Double { min(60, Double(1 << min(failures - 1, 6))) }

  /// A wait of `seconds` is refused past `--max-wait` and past the fetch's deadline.
  private func check(_ url: URL, wait seconds: Double, for what: String) throws(FetchError) {
    guard seconds <= settings.maxWait else {
      throw FetchError("\(url.path): \(what) \(Int(seconds.rounded(.up))) s, more than --max-wait \(Int(settings.maxWait)) allows")
    }
    guard clock().addingTimeInterval(seconds) < deadline else { throw pastTimeout(url) }
  }

  private func pastTimeout(_ url: URL) -> FetchError {
    FetchError("\(url.path): the fetch would run past its --timeout of \(Int(settings.timeout)) s; giving up")
  }

  /// Waits until the family's window has room for this request (other families go on).
  private func waitForWindow(_ url: URL, family: String) throws(FetchError) {
    while true {
      if isCancelled { throw FetchError("interrupted") }
      let wait = windows.take(family)
      guard wait > 0 else { return }
      try check(url, wait: wait, for: "Okta's rate limit is spent and resets in")
      events(.waitingForRateLimit(seconds: wait))
      figures.count { $0.waitSeconds += wait }
      try pauseFor(wait)
    }
  }

  private func pauseFor(_ seconds: Double) throws(FetchError) {
    if let sleep { sleep(seconds) } else if pause.wait(seconds) { throw FetchError("interrupted") }
    if isCancelled { throw FetchError("interrupted") }
  }

  private func nextPage(_ response: HTTPAnswer) throws(FetchError) -> URL? {
    let links = response.headers.filter { $0.key.caseInsensitiveCompare("Link") == .orderedSame }.map(\.value)
    guard let next = LinkHeader.next(in: links) else { return nil }
    guard let url = URL(string: next) else { throw FetchError("Okta's next-page link is not an address") }
    return url
  }

  /// Okta's own words for an error: `{"errorCode": "E0000006", "errorSummary": "You do not have permission…"}`.
  static func errorSummary(_ body: Data) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
    let summary = (object["errorSummary"] as? String).map { String($0.prefix(300)) }
    let code = object["errorCode"] as? String
    guard let summary else { return nil }
    return code.map { "\(summary) (\($0))" } ?? summary
  }
}
