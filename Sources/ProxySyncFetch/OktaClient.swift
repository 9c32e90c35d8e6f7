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
/// Shared by the fetch's workers: a wait for the rate limit holds every one of them.
package final class OktaClient: @unchecked Sendable {
  package struct Settings: Sendable {
    /// The longest single wait for a rate limit to reset; a longer one fails the fetch.
    package var maxWait: Double = 600
    /// Tries after the first for a 5xx answer or a network failure.
    package var retries = 5
    /// Requests kept back from the window, for the other workers' requests in flight.
    package var reserve = 4
    package var timeout: Double = 120
    package init() {}
  }

  private let org: OktaURL
  private let token: String
  private let settings: Settings
  private let sleep: @Sendable (Double) -> Void
  private let clock: @Sendable () -> Date
  private let events: @Sendable (FetchEvent) -> Void
  private let session: URLSession
  private let lock = NSLock()
  private var pausedUntil = Date.distantPast
  private var cancelled = false

  /// - Parameters:
  ///   - sleep: waits this many seconds (tests record the waits instead).
  package init(
    org: OktaURL, token: String, settings: Settings = Settings(), sleep: @escaping @Sendable (Double) -> Void,
    clock: @escaping @Sendable () -> Date = { Date() }, events: @escaping @Sendable (FetchEvent) -> Void = { _ in }
  ) {
    self.org = org
    self.token = token
    self.settings = settings
    self.sleep = sleep
    self.clock = clock
    self.events = events
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = settings.timeout
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    session = URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
  }

  deinit { session.invalidateAndCancel() }

  /// Stops every request in flight and every later one (SIGTERM): they fail as interrupted.
  package func cancel() {
    lock.withLock { cancelled = true }
    session.invalidateAndCancel()
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
    var failures = 0
    while true {
      try waitForWindow()
      let (response, failure) = perform(url)
      if isCancelled { throw FetchError("interrupted") }
      guard let response else {
        failures += 1
        try retry(url, reason: failure ?? "no response", failures: failures)
        continue
      }
      let limit = RateLimit(headers: response.headers, now: clock())
      switch response.status {
      case 200:
        hold(for: limit.wait(reserve: settings.reserve))
        return (response.body, try nextPage(response))
      case 429:
        let wait = limit.resetsIn.map { $0 + 1 } ?? backoff(1)
        guard wait <= settings.maxWait else {
          throw FetchError("\(url.path): Okta's rate limit resets in \(Int(wait.rounded())) s, more than --max-wait \(Int(settings.maxWait)) allows")
        }
        hold(for: wait)
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

  private struct Response {
    var status: Int
    var headers: [String: String]
    var body: Data
  }

  /// One request, waited for; the response, or why there was none.
  private func perform(_ url: URL) -> (Response?, String?) {
    var request = URLRequest(url: url)
    request.httpMethod = "GET"
    request.setValue("SSWS \(token)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.setValue("proxysync", forHTTPHeaderField: "User-Agent")
    let done = DispatchSemaphore(value: 0)
    let result = ResultBox()
    session.dataTask(with: request) { data, response, error in
      if let http = response as? HTTPURLResponse {
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        result.value = (Response(status: http.statusCode, headers: headers, body: data ?? Data()), nil)
      } else {
        // The system's words, without the address (it is known to the caller already).
        result.value = (nil, (error as NSError?)?.localizedDescription ?? "no response")
      }
      done.signal()
    }.resume()
    done.wait()
    return result.value ?? (nil, "no response")
  }

  private final class ResultBox: @unchecked Sendable { var value: (Response?, String?)? }

  /// Waits before trying `url` again, or fails when the tries are used up.
  private func retry(_ url: URL, reason: String, failures: Int) throws(FetchError) {
    guard failures <= settings.retries else {
      throw FetchError("\(url.path): \(reason), \(failures) times; giving up")
    }
    let wait = backoff(failures)
    events(.retrying(path: url.path, reason: reason, after: wait))
    sleep(wait)
  }

  /// 1, 2, 4, 8… seconds, at most 60.
  private func backoff(_ failures: Int) -> Double { min(60, Double(1 << min(failures - 1, 6))) }

  /// Holds every worker for `seconds` (a rate limit spent).
  private func hold(for seconds: Double) {
    guard seconds > 0 else { return }
    lock.withLock { pausedUntil = max(pausedUntil, clock().addingTimeInterval(seconds)) }
  }

  /// Waits out a hold another worker (or this one) set, again if it grew meanwhile.
  private func waitForWindow() throws(FetchError) {
    while true {
      if isCancelled { throw FetchError("interrupted") }
      let wait = lock.withLock { pausedUntil.timeIntervalSince(clock()) }
      guard wait > 0 else { return }
      events(.waitingForRateLimit(seconds: wait))
      sleep(wait)
    }
  }

  private func nextPage(_ response: Response) throws(FetchError) -> URL? {
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

/// Redirects are refused: a 3xx answer is a failure, and the token never follows one.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}
