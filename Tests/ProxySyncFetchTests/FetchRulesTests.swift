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
    #expect(limit == RateLimit(remaining: 0, resetsIn: 30))
    #expect(limit.wait(reserve: 4) == 30)
    #expect(RateLimit(remaining: 100, resetsIn: 30).wait(reserve: 4) == 0)
    #expect(RateLimit(headers: [:], now: Date()).wait(reserve: 4) == 0)
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
