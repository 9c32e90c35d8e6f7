import Foundation
import TestSupport
import Testing

/// The helpers the tests lean on cannot make a run pass by accident, nor hang it.
@Suite struct TestHelperTests {
  @Test func recordingAGoldenFileWritesItAndFailsTheTest() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("golden/plan.txt")
    let recorded = GoldenFile.check(path, "new text", recording: true)
    #expect(recorded.failure?.hasPrefix("recorded \(path)") == true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new text")
    let checked = GoldenFile.check(path, "other text", recording: false)
    #expect(checked.text == "new text" && checked.failure == nil)
  }

  @Test func aChildProcessThatNeverEndsIsKilledAtItsDeadline() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sleep")
    process.arguments = ["600"]
    try process.run()
    let started = ContinuousClock.now
    let deadline = ProcessDeadline(process, seconds: 1)
    process.waitUntilExit()
    #expect(deadline.disarm(), "the deadline says it killed the child")
    #expect(ContinuousClock.now - started < .seconds(30))
    #expect(process.terminationReason == .uncaughtSignal)
  }
}
