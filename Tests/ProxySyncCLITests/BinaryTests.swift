import Foundation
import TestSupport
import Testing

/// A few runs of the real `proxysync` executable, to cover `main` and the process exit status.
@Suite struct BinaryTests {
  /// The executable SwiftPM built next to the test bundle.
  static let binary: URL? = {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("proxysync"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("proxysync"),
      repositoryRoot.appendingPathComponent(".build/debug/proxysync"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    let binary: URL = try #require(Self.binary, "build the proxysync product first")
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let read = process.finish(reading: [out, err])
    return (process.terminationStatus, String(decoding: read[0], as: UTF8.self), String(decoding: read[1], as: UTF8.self))
  }

  @Test func builtBinarySyncsTheSamplesAndExitsWithTheDocumentedStatuses() throws {
    let directory = TemporaryDirectory()
    let environment = ["PROXYSYNC_STORE": directory.file("store.sqlite"), "PROXYSYNC_ORG": "acme"]
    let samples = repositoryRoot.appendingPathComponent("samples/okta-json").path
    #expect(try run(["org", "create", "acme"], environment: environment).status == 0)
    let first = try run(["sync", "--source", "\(samples)/day1"], environment: environment)
    #expect(first.status == 0)
    #expect(first.out.hasPrefix("acme: 18 changes"))
    #expect(try run(["plan", "--source", "\(samples)/day1", "--detailed-exitcode"], environment: environment).status == 0)
    #expect(try run(["plan", "--source", "\(samples)/day2", "--detailed-exitcode"], environment: environment).status == 3)
    let usage = try run(["plan", "--nonsense"], environment: environment)
    #expect(usage.status == 2)
    #expect(usage.err.contains("unknown option --nonsense"))
  }
}
