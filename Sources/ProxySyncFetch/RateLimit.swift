import Foundation

/// What Okta's rate-limit headers say about when the next request may go.
///
/// `X-Rate-Limit-Remaining` counts what is left in the current window and `X-Rate-Limit-Reset`
/// is when it ends, in Unix seconds of Okta's clock. The wait is measured against the response's
/// own `Date` header when there is one, so a skewed local clock neither hammers Okta nor
/// sleeps for an hour. What to make of it is `RateWindows`' business.
struct RateLimit: Equatable {
  var remaining: Int?
  /// Seconds from the response until the window resets, never negative.
  var resetsIn: Double?
  /// The reset as Okta gave it (a second of Okta's clock): it names the window the answer
  /// belongs to, however late the answer is handled.
  var window: Int?

  init(remaining: Int?, resetsIn: Double?, window: Int? = nil) {
    self.remaining = remaining
    self.resetsIn = resetsIn
    self.window = window
  }

  /// Reads the headers (names compared ignoring case); `now` is the local clock, used when the
  /// response carries no `Date`.
  init(headers: [String: String], now: Date) {
    func header(_ name: String) -> String? {
      headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value.trimmingCharacters(in: .whitespaces)
    }
    remaining = header("X-Rate-Limit-Remaining").flatMap { Int($0) }
    let serverNow = header("Date").flatMap(Self.httpDate).map { date in
      // The header counts whole seconds: a local clock that agrees with it to within that is
      // the finer measure (a 1 s window would otherwise be waited out twice).
      (date.addingTimeInterval(-0.5)...date.addingTimeInterval(1.5)).contains(now) ? now : date
    } ?? now
    let reset = header("X-Rate-Limit-Reset").flatMap { Double($0) }
    resetsIn = reset.map { max(0, $0 - serverNow.timeIntervalSince1970) }
    window = reset.flatMap { Int(exactly: $0.rounded(.down)) }
  }

  /// Parses an HTTP date (`Tue, 01 Dec 2026 02:00:00 GMT`).
  static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: text)
  }
}
