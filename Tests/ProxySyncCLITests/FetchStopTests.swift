import Foundation
import TestSupport
import Testing

/// A fetch told to stop stops at once, whatever it is waiting for, and waiting costs no CPU.
@Suite struct FetchStopTests {
  /// Where the fetch is when the signal comes.
  enum Moment: String, CaseIterable, Sendable {
    case waitingForTheRateLimit, inARetryBackOff, inAnAnswerThatNeverEnds, beforeAnyAnswer
  }

  @Test(arguments: Moment.allCases, [SIGTERM, SIGINT])
  func aSignalEndsTheFetchWithinTwoSecondsLeavingNothing(moment: Moment, signal: Int32) throws {
    let okta = try FakeOkta(people: 50)
    let arrived = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    defer { release.signal() }
    let groups = "/api/v1/groups"
    var awaited: String?
    switch moment {
    case .waitingForTheRateLimit:
      okta.queue(.spentWindow(resetIn: 300), for: groups)
      awaited = "waitSeconds"
    case .inARetryBackOff:
      for _ in 0..<6 { okta.queue(.status(503, summary: "Service unavailable"), for: groups) }
      awaited = "trying again in 2 s"
    case .inAnAnswerThatNeverEnds:
      okta.queue(.slow(trickle: 0.5, arrived: arrived), for: groups)
    case .beforeAnyAnswer:
      okta.queue(.hang(arrived: arrived, release: release), for: groups)
    }
    let directory = TemporaryDirectory()
    let out = directory.file("export")
    let child = try ChildProcess(
      ["fetch", "--okta-url", okta.url, "--app-id", okta.appID, "--out", out, "--log-format", "json"],
      environment: ["OKTA_API_TOKEN": FakeOkta.token])
    if let awaited {
      #expect(child.waitForStderr(awaited), "\(child.stderrText)")
    } else {
      #expect(arrived.wait(timeout: .now() + 60) == .success, "the request never arrived")
    }
    let signalled = ContinuousClock.now
    kill(child.pid, signal)
    let (status, _) = child.finish()
    let took = ContinuousClock.now - signalled
    #expect(took < .seconds(2), "\(moment): \(took)")
    #expect(status == 1)
    #expect(child.stderrText.contains("failed: stopped by a signal; nothing was written to"), "\(child.stderrText)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }

  /// One worker, so the slow answers come on a connection kept alive from earlier pages, as
  /// with Okta. (A slow first answer on a new connection still costs CPU: see README, Security.)
  @Test func waitingForARateLimitAndASlowAnswerUsesNoCPUToSpeakOf() throws {
    let okta = try FakeOkta(people: 20)
    okta.queue(.spentWindow(resetIn: 3), for: "/api/v1/groups")
    okta.queue(.slow(trickle: 0.001, arrived: nil), for: "/api/v1/apps/\(okta.appID)/users")
    let padded = Data(("[" + String(repeating: " ", count: 20) + "]").utf8)
    okta.queue(.raw(FakeHTTPServer.Response(status: 200, body: padded, trickle: 0.1)), for: "/api/v1/apps/\(okta.appID)/groups")
    let directory = TemporaryDirectory()
    let binary = try #require(BinaryTests.binary).path
    // bash's `times` prints, last, the user and system CPU time of the children it waited for.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "\"$0\" \"$@\" >/dev/null 2>&1; status=$?; times; exit $status", binary,
      "fetch", "--okta-url", okta.url, "--app-id", okta.appID, "--out", directory.file("export"), "--parallel", "1"]
    process.environment = ["OKTA_API_TOKEN": FakeOkta.token]
    let output = Pipe()
    process.standardOutput = output
    let started = ContinuousClock.now
    try process.run()
    let printed = String(decoding: process.finish(reading: [output])[0], as: UTF8.self)
    let wall = ContinuousClock.now - started
    #expect(process.terminationStatus == 0)
    let children = try #require(printed.split(separator: "\n").last).split(separator: " ")
    let cpu = children.map(Self.seconds).reduce(0, +)
    // About five seconds of waiting; the fetch's own work (a debug build, 20 people) is a
    // fraction of a second. Waiting on a busy loop would cost a core for all of it.
    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    #expect(seconds > 3.5, "\(wall)")
    #expect(cpu < seconds / 4, "CPU \(cpu) s in \(wall) of waiting: \(printed)")
  }

  /// `0m1.250s` as seconds.
  static func seconds(_ text: Substring) -> Double {
    let parts = text.dropLast().split(separator: "m")
    return (Double(parts.first ?? "0") ?? 0) * 60 + (Double(parts.last ?? "0") ?? 0)
  }
}
