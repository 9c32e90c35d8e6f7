import Foundation
import ProxySyncFetch
import TestSupport
import Testing

/// A server that will not let the fetch end: every wait and every answer is bounded, and a
/// fetch that cannot finish fails naming the path, leaving nothing at its destination.
@Suite struct HostileOktaTests {
  let base = OktaFetchTests()

  func failure(_ fetched: OktaFetchTests.Fetched) -> String? {
    guard case .failure(let error) = fetched.result else { return nil }
    #expect(!FileManager.default.fileExists(atPath: fetched.out))
    return error.message
  }

  @Test func aSpentWindowOnASuccessfulAnswerResettingPastMaxWaitFailsAtOnce() throws {
    let okta = try FakeOkta(people: 10)
    okta.queue(.spentWindow(resetIn: 900), for: "/api/v1/groups")
    let fetched = try base.fetch(okta, into: TemporaryDirectory(), maxWait: 60)
    let message = try #require(failure(fetched))
    #expect(message.hasPrefix("/api/v1/groups: Okta's rate limit is spent and resets in 90"), "\(message)")
    #expect(message.hasSuffix("s, more than --max-wait 60 allows"))
    #expect(fetched.time.slept.allSatisfy { $0 <= 60 }, "\(fetched.time.slept)")
  }

  @Test func aRetryWaitLongerThanMaxWaitFailsInsteadOfWaiting() throws {
    let okta = try FakeOkta(people: 10)
    for _ in 0..<6 { okta.queue(.status(503, summary: "Service unavailable"), for: "/api/v1/groups") }
    let fetched = try base.fetch(okta, into: TemporaryDirectory(), maxWait: 3)
    let message = try #require(failure(fetched))
    #expect(message == "/api/v1/groups: HTTP 503; the next try would be in 4 s, more than --max-wait 3 allows")
    #expect(fetched.time.slept.filter { $0 >= 1 } == [1, 2])
  }

  @Test func waitsThatWouldRunPastTheWholeFetchsTimeoutFailIt() throws {
    let okta = try FakeOkta(people: 10)
    for _ in 0..<3 { okta.queue(.status(429, summary: "rate limit", resetIn: 25), for: "/api/v1/groups") }
    let fetched = try base.fetch(okta, into: TemporaryDirectory()) { $0.timeout = 60 }
    let message = try #require(failure(fetched))
    #expect(message == "/api/v1/groups: the fetch would run past its --timeout of 60 s; giving up")
    #expect(fetched.time.slept.reduce(0, +) < 60)
  }

  @Test func aNextLinkBackToAPageAlreadyFetchedIsALoop() throws {
    let okta = try FakeOkta(people: 10)
    let first = "\(okta.url)/api/v1/groups?limit=1000"
    let loop = FakeHTTPServer.Response(status: 200, headers: [("Link", "<\(first)>; rel=\"next\"")], body: Data("[]".utf8))
    okta.queue(.raw(loop), for: "/api/v1/groups")
    okta.queue(.raw(loop), for: "/api/v1/groups")
    let message = try #require(failure(try base.fetch(okta, into: TemporaryDirectory())))
    #expect(message == "/api/v1/groups: Okta's next-page link leads back to a page already fetched (a loop); giving up")
    #expect(okta.requests.filter { $0.path == "/api/v1/groups" }.count == 1)
  }

  @Test func aCompressedPageInflatingPastTheCapFailsWithoutHoldingIt() throws {
    let okta = try FakeOkta(people: 10)
    let bomb = try gzip(Data(repeating: 0x20, count: 16 << 20))
    #expect(bomb.count < 100_000)
    okta.queue(.raw(FakeHTTPServer.Response(status: 200, headers: [("Content-Encoding", "gzip")], body: bomb)), for: "/api/v1/groups")
    let fetched = try base.fetch(okta, into: TemporaryDirectory()) { $0.maxPageBytes = 1 << 20 }
    let message = try #require(failure(fetched))
    #expect(message == "/api/v1/groups: Okta's answer is larger than 1 MB once decompressed; giving up (no page of Okta's is that large)")
    // Only what is needed is asked for.
    #expect(okta.requests.allSatisfy { $0.headers["accept-encoding"] == "gzip" }, "\(okta.requests.map { $0.headers["accept-encoding"] })")
  }

  @Test func aCompressedPageWithinTheCapIsReadAsOktaSentIt() throws {
    let okta = try FakeOkta(people: 10)
    let body = Data(#"[{"id":"00gEng00000000000001","type":"OKTA_GROUP","profile":{"name":"Engineering"}}]"#.utf8)
    okta.queue(.raw(FakeHTTPServer.Response(status: 200, headers: [("Content-Encoding", "gzip")], body: try gzip(body))), for: "/api/v1/groups")
    let directory = TemporaryDirectory()
    let fetched = try base.fetch(okta, into: directory)
    #expect(try fetched.result.get().groups == 1)
    #expect(FileManager.default.contents(atPath: "\(fetched.out)/groups/page-000001.json") == body)
  }

  @Test func anAnswerSlowerThanTheRequestDeadlineIsAFailedTry() throws {
    let okta = try FakeOkta(people: 10)
    // A byte every 0.2 s: never idle long enough for a gap timeout, never done.
    for _ in 0..<2 { okta.queue(.slow(trickle: 0.2, arrived: nil), for: "/api/v1/groups") }
    let started = Date()
    let fetched = try base.fetch(okta, into: TemporaryDirectory()) {
      $0.requestTimeout = 1
      $0.retries = 1
    }
    let message = try #require(failure(fetched))
    #expect(message == "/api/v1/groups: no complete answer within 1 s, 2 times; giving up")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  /// `gzip -c`, the way a server compresses.
  func gzip(_ data: Data) throws -> Data {
    let directory = TemporaryDirectory()
    let input = directory.file("body")
    try data.write(to: URL(fileURLWithPath: input))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-c", "-9", input]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    return process.finish(reading: [output])[0]
  }
}
