import Foundation
import Testing

@testable import ProxySyncFetch

/// The small rules of talking to Okta, without a server.
@Suite struct FetchRulesTests {
  @Test func theNextLinkIsFoundAmongOthersAndItsCursorKeptAsGiven() {
    let value = #"<https://acme.okta.com/api/v1/users?limit=200>; rel="self", <https://acme.okta.com/api/v1/users?after=00u1%2Cx&limit=200>; rel="next""#
    #expect(LinkHeader.next(in: [value]) == "https://acme.okta.com/api/v1/users?after=00u1%2Cx&limit=200")
    #expect(LinkHeader.next(in: [#"<https://a.example/self>; rel="self""#, #"<https://a.example/n?x=1,2>;rel=next"#]) == "https://a.example/n?x=1,2")
    #expect(LinkHeader.next(in: [#"<https://a.example/self>; rel="self""#]) == nil)
    #expect(LinkHeader.next(in: []) == nil)
  }

  @Test func theRateLimitWaitIsMeasuredOnOktasClockNotOurs() {
    let headers = ["x-rate-limit-remaining": "0", "X-Rate-Limit-Reset": "1800000030", "Date": "Fri, 15 Jan 2027 08:00:00 GMT"]
    // Our clock is an hour off; Okta's Date says the reset is 30 s away.
    let limit = RateLimit(headers: headers, now: Date(timeIntervalSince1970: 1_800_003_600))
    #expect(limit == RateLimit(remaining: 0, resetsIn: 30, window: 1_800_000_030))
    #expect(RateLimit(headers: [:], now: Date()) == RateLimit(remaining: nil, resetsIn: nil))
    // Within the header's whole second our clock is the finer measure: 0.4 s, not 1 s.
    let close = RateLimit(headers: ["X-Rate-Limit-Reset": "1800000001", "Date": "Fri, 15 Jan 2027 08:00:00 GMT"],
      now: Date(timeIntervalSince1970: 1_800_000_000.6))
    #expect(abs((close.resetsIn ?? 0) - 0.4) < 0.001)
  }

  @Test func aSpentWindowHoldsOnlyItsOwnFamilyCountingTheRequestsStillInFlight() {
    let time = FakeTime()
    let windows = RateWindows(clock: { time.clock() })
    #expect(RateWindows.family(of: URL(string: "https://acme.okta.com/api/v1/groups/00g1/users?limit=1000")!) == "groups")
    #expect(RateWindows.family(of: URL(string: "https://acme.okta.com/api/v1/apps/0oa1/users")!) == "apps")
    #expect(RateWindows.family(of: URL(string: "https://acme.okta.com/api/v1/users?after=x")!) == "users")
    // Two users requests go; the first's answer says 2 left, and the second may already count.
    #expect(windows.take("users") == 0)
    #expect(windows.take("users") == 0)
    #expect(windows.answered("users", limit: RateLimit(remaining: 2, resetsIn: 10)) == 0)
    #expect(windows.take("users") == 0)
    #expect(windows.take("users") == 10)
    // An answer of the window already counted never raises what is left.
    #expect(windows.answered("users", limit: RateLimit(remaining: 5, resetsIn: 10)) == 10)
    #expect(windows.take("users") == 10)
    // Other families go on meanwhile.
    #expect(windows.take("groups") == 0)
    #expect(windows.answered("groups", limit: RateLimit(remaining: 499, resetsIn: 10)) == 0)
    // The reset begins a new window: unknown until an answer says, so requests go.
    time.sleep(10)
    #expect(windows.take("users") == 0)
    // A 429 holds its family a second past the reset it gave.
    #expect(windows.take("apps") == 0)
    #expect(windows.answered("apps", limit: RateLimit(remaining: 0, resetsIn: 5), throttled: true) == 6)
    #expect(windows.take("apps") == 6)
    #expect(windows.take("groups") == 0)
  }

  /// An answer is placed in the window Okta names, not by when it was handled: one from a
  /// window already over, handled seconds late, lends the window in force no budget.
  @Test func aLateAnswerFromAnEarlierWindowLendsNoBudget() {
    let time = FakeTime()
    let windows = RateWindows(clock: { time.clock() })
    #expect(windows.take("users") == 0)
    #expect(windows.take("users") == 0)
    #expect(windows.answered("users", limit: RateLimit(remaining: 5, resetsIn: 2, window: 1_002)) == 0)
    time.sleep(2)
    // The next window: spent by the first answer that names it.
    #expect(windows.take("users") == 0)
    #expect(windows.answered("users", limit: RateLimit(remaining: 0, resetsIn: 2, window: 1_004)) == 2)
    // The earlier window's second answer, handled late: measured from its own Date it seems to
    // reset 3 s from now, later than the window in force, yet it is the older window.
    #expect(windows.answered("users", limit: RateLimit(remaining: 4, resetsIn: 3, window: 1_002)) == 2)
    #expect(windows.take("users") == 2)
    // Without named windows the same answer would have been taken for a newer one.
    let unnamed = RateWindows(clock: { time.clock() })
    #expect(unnamed.take("users") == 0)
    #expect(unnamed.answered("users", limit: RateLimit(remaining: 0, resetsIn: 2)) == 2)
    #expect(unnamed.answered("users", limit: RateLimit(remaining: 4, resetsIn: 3)) == 0)
  }

  @Test func theTokenGoesOnlyToTheOrgsOwnOrigin() throws {
    let org = try OktaURL("https://Acme.okta.com/some/path")
    #expect(org.host == "acme.okta.com")
    #expect(org.owns(URL(string: "https://acme.okta.com/api/v1/users?after=x")!))
    #expect(org.owns(URL(string: "https://acme.okta.com:443/api/v1/users")!))
    #expect(!org.owns(URL(string: "https://evil.example/api/v1/users")!))
    #expect(!org.owns(URL(string: "http://acme.okta.com/api/v1/users")!))
    #expect(!org.owns(URL(string: "https://acme.okta.com.evil.example/api")!))
  }

  @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:80", "http://127.1.2.3"])
  func plainHTTPIsOnlyForLoopback(address: String) throws {
    _ = try OktaURL(address)
  }

  @Test(arguments: ["http://acme.okta.com", "http://128.0.0.1", "http://127.0.0.1.example.com", "http://localhost.example"])
  func plainHTTPElsewhereIsRefused(address: String) {
    #expect(throws: FetchError.self) { try OktaURL(address) }
  }

  @Test func aNextLinkToAnotherHostIsNeverFollowed() throws {
    let client = OktaClient(org: try OktaURL("https://acme.okta.com"), token: "secret", sleep: { _ in })
    do throws(FetchError) {
      _ = try client.get(URL(string: "https://evil.example/api/v1/users?after=x")!)
      Issue.record("a foreign URL was requested")
    } catch {
      #expect(error.message == "Okta's next-page link points to evil.example, not acme.okta.com; the token is never sent elsewhere")
      #expect(!error.message.contains("secret"))
    }
  }
}
