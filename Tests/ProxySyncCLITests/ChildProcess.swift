import Foundation
import TestSupport
import Testing

/// A running `proxysync` child whose standard error can be awaited line by line.
final class ChildProcess {
  let process = Process()
  private let input = Pipe()
  private let errors = Pipe()
  private let output = Pipe()
  private(set) var stderrText = ""
  /// Kills the child if it is still running after two minutes, so no wait here hangs the suite.
  private var deadline: ProcessDeadline?

  init(_ arguments: [String], environment: [String: String]) throws {
    let binary: URL = try #require(BinaryTests.binary, "build the proxysync product first")
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    process.standardInput = input
    process.standardError = errors
    process.standardOutput = output
    try process.run()
    deadline = ProcessDeadline(process, seconds: 120)
  }

  var pid: Int32 { process.processIdentifier }

  /// Blocks until standard error contains `text` (or the child closes it); no sleeping.
  func waitForStderr(_ text: String) -> Bool {
    while !stderrText.contains(text) {
      let data = errors.fileHandleForReading.availableData
      if data.isEmpty { return false }
      stderrText += String(decoding: data, as: UTF8.self)
    }
    return true
  }

  /// Lets a paused child go on.
  func resume() { input.fileHandleForWriting.write(Data("\n".utf8)) }

  func kill() {
    Foundation.kill(pid, SIGKILL)
    process.waitUntilExit()
    deadline?.end()
  }

  /// Waits for the end; returns the exit status and what was printed.
  func finish() -> (status: Int32, out: String) {
    let read = process.finish(reading: [output, errors])
    deadline?.end()
    let out = read[0]
    stderrText += String(decoding: read[1], as: UTF8.self)
    return (process.terminationStatus, String(decoding: out, as: UTF8.self))
  }
}
