import Foundation
import TestSupport
import Testing

/// Promises about real exports, kept through the built `proxysync` executable.
@Suite struct RealExportBinaryTests {
  /// Runs the binary and waits at most `seconds` for it to end; a run still going then is
  /// killed and reported as nil (a hang is the failure these tests look for).
  static func run(_ arguments: [String], environment: [String: String], within seconds: Double = 60) throws -> (status: Int32, out: String, err: String)? {
    let process = Process()
    let binary: URL = try #require(BinaryTests.binary, "build the proxysync product first")
    process.executableURL = binary
    process.arguments = arguments
    process.environment = environment
    let directory = TemporaryDirectory()
    let (outPath, errPath) = (directory.write("out", ""), directory.write("err", ""))
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let ended = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in ended.signal() }
    try process.run()
    guard ended.wait(timeout: .now() + seconds) == .success else {
      kill(process.processIdentifier, SIGKILL)
      _ = process.finish(reading: [], seconds: 10)
      return nil
    }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return (process.terminationStatus, read(outPath), read(errPath))
  }

  func export(in directory: TemporaryDirectory, users: String) -> String {
    directory.write("export/users.csv", users)
    directory.write("export/app-users.csv", "userId\n00u1\n")
    for name in ["groups", "group-members", "app-groups"] { directory.write("export/\(name).json", "[]") }
    return directory.file("export")
  }

  func environment(_ directory: TemporaryDirectory) -> [String: String] {
    ["PROXYSYNC_STORE": directory.file("store.sqlite"), "PROXYSYNC_ORG": "acme"]
  }

  @Test func aUsersCSVWithoutAColumnLeavesThatAttributeAsItIsAndAnEmptyCellClearsIt() throws {
    let directory = TemporaryDirectory()
    let env = environment(directory)
    #expect(try Self.run(["org", "create", "acme"], environment: env)?.status == 0)
    var source = export(in: directory, users: "id,status,email,firstName,title\n00u1,ACTIVE,ann@example.com,Ann,CTO\n")
    #expect(try Self.run(["sync", "--source", source], environment: env)?.status == 0)

    source = export(in: directory, users: "id,status,email,title\n00u1,ACTIVE,ann@example.com,CTO\n")
    let sync = try #require(try Self.run(["sync", "--source", source], environment: env))
    #expect(sync.status == 0)
    #expect(sync.out.contains("no changes"), "\(sync.out)")
    #expect(sync.err.contains(#"users.csv: warning: no column for "firstName""#))
    var people = try #require(try Self.run(["people", "list", "--format", "json"], environment: env)).out
    #expect(people.contains(#""firstName":"Ann""#) || people.contains(#""firstName": "Ann""#), "\(people)")

    source = export(in: directory, users: "id,status,email,firstName,title\n00u1,ACTIVE,ann@example.com,,CTO\n")
    #expect(try Self.run(["sync", "--source", source], environment: env)?.status == 0)
    people = try #require(try Self.run(["people", "list", "--format", "json"], environment: env)).out
    #expect(people.contains(#""firstName":null"#) || people.contains(#""firstName": null"#), "\(people)")
  }

  @Test func aFIFOInTheExportIsRefusedAtOnceAndLeavesNoLock() throws {
    let directory = TemporaryDirectory()
    let env = environment(directory)
    #expect(try Self.run(["org", "create", "acme"], environment: env)?.status == 0)
    let source = export(in: directory, users: "id,status,email\n00u1,ACTIVE,ann@example.com\n")
    try FileManager.default.removeItem(atPath: "\(source)/groups.json")
    #expect(mkfifo("\(source)/groups.json", 0o600) == 0)
    for command in ["plan", "sync"] {
      let run = try #require(try Self.run([command, "--source", source], environment: env, within: 30), "\(command) hung on a FIFO")
      #expect(run.status == 1)
      #expect(run.err.contains("groups.json: error: is a FIFO (named pipe), not a regular file"), "\(run.err)")
    }
    // No lock was left behind: the next run with a good export goes through.
    try FileManager.default.removeItem(atPath: "\(source)/groups.json")
    directory.write("export/groups.json", "[]")
    #expect(try Self.run(["sync", "--source", source], environment: env)?.status == 0)
  }

  /// Okta's raw API responses sync through the built binary as they were saved; the same
  /// export written by hand then finds nothing left to do, in either order.
  @Test func aFolderOfRawAPIResponsesSyncsAsSavedAndMeansWhatTheFlatExportMeans() throws {
    let fixtures = repositoryRoot.appendingPathComponent("Tests/ProxySyncReadersTests/Fixtures/okta-api").path
    for (first, second) in [("raw", "flat"), ("flat", "raw")] {
      let directory = TemporaryDirectory()
      let env = environment(directory)
      #expect(try Self.run(["org", "create", "acme"], environment: env)?.status == 0)
      let sync = try #require(try Self.run(["sync", "--source", "\(fixtures)/\(first)"], environment: env))
      #expect(sync.status == 0, "\(sync.err)")
      #expect(sync.out.hasPrefix("acme: 8 changes"), "\(sync.out)")
      #expect(sync.err.isEmpty, "\(sync.err)")
      let again = try #require(try Self.run(["plan", "--source", "\(fixtures)/\(second)", "--detailed-exitcode"], environment: env))
      #expect(again.status == 0, "\(again.out)")
    }
  }
}
