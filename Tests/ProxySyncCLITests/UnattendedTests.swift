import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

/// One run at a time, and crash safety, proven with real processes.
@Suite struct UnattendedTests {
  /// A company of `size` people, all assigned, each in two of ten groups.
  func writeExport(_ directory: TemporaryDirectory, size: Int) -> String {
    var users = "[", members = "[", assigned = "["
    for index in 0..<size {
      let separator = index == 0 ? "" : ","
      users += #"\#(separator){"id": "00u\#(index)", "status": "ACTIVE", "profile": {"email": "p\#(index)@example.com", "firstName": "P", "lastName": "\#(index)"}}"#
      members += #"\#(separator){"groupId": "00g\#(index % 10)", "userId": "00u\#(index)"}, {"groupId": "00g\#((index + 3) % 10)", "userId": "00u\#(index)"}"#
      assigned += #"\#(separator){"id": "00u\#(index)"}"#
    }
    directory.write("export/users.json", users + "]")
    directory.write("export/group-members.json", members + "]")
    directory.write("export/app-users.json", assigned + "]")
    directory.write("export/groups.json", "[" + (0..<10).map { #"{"id": "00g\#($0)", "profile": {"name": "G\#($0)"}}"# }.joined(separator: ",") + "]")
    directory.write("export/app-groups.json", "[]")
    return directory.file("export")
  }

  @Test func secondRunOfTheSameOrganizationIsRefusedAtOnceNamingTheHolder() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.run("org", "create", "globex")
    let source = writeExport(cli.directory, size: 20)
    let holder = try ChildProcess(
      ["sync", "--org", "acme", "--source", source],
      environment: ["PROXYSYNC_STORE": cli.storePath, "PROXYSYNC_PAUSE": "locked"])
    #expect(holder.waitForStderr("paused at locked"))

    let refused = cli.run("sync", "--org", "acme", "--source", source)
    #expect(refused.status == 5)
    #expect(refused.err.contains("is locked by process \(holder.pid) on"))
    #expect(refused.err.contains(#"running "sync" since"#))
    let waited = cli.run("import", "--org", "acme", "--source", source, "--lock-timeout", "0.2")
    #expect(waited.status == 5)
    // Another organization is not blocked.
    #expect(cli.run("sync", "--org", "globex", "--source", source).status == 0)

    // A waiter with --lock-timeout says it waits, and goes on once the holder is done.
    let waiter = try ChildProcess(
      ["import", "--org", "acme", "--source", source, "--lock-timeout", "60"], environment: ["PROXYSYNC_STORE": cli.storePath])
    #expect(waiter.waitForStderr("waiting up to 60.0 s for process \(holder.pid)"))
    holder.resume()
    #expect(holder.finish().status == 0)
    #expect(waiter.finish().out.hasPrefix("acme: no changes"))
    #expect(cli.run("sync", "--org", "acme", "--source", source).out.hasPrefix("acme: no changes"))
    #expect(cli.run("runs", "list", "--org", "acme").out.contains("refused"))
  }

  @Test func lockLeftByADeadProcessIsTakenOverWithAWarning() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    _ = gone.finish(reading: [])
    let store = try Store(path: cli.storePath)
    try store.connection.execute(
      "INSERT INTO run_lock VALUES (1, \(gone.processIdentifier), '\(ProcessIdentity.hostName())', '1', '2026-01-01T00:00:00Z', 'sync')")
    let result = cli.run("sync", "--org", "acme", "--source", writeExport(cli.directory, size: 3))
    #expect(result.status == 0)
    #expect(result.err.contains("took over the lock left by process \(gone.processIdentifier)"))
    #expect(try store.loadLockHolder(of: store.loadOrganization(named: "acme")) == nil)
  }

  /// With someone already stored the run writes through the WAL; into an empty store, through
  /// a rollback journal, which the next open rolls back.
  @Test(arguments: [true, false])
  func killedInTheMiddleOfApplyingLeavesTheStoreAsItWasAndTheNextRunFinishes(someoneStored: Bool) throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let source = writeExport(cli.directory, size: 3_000)
    if someoneStored { cli.run("people", "add", "hand@example.com") }
    let before = cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out

    let child = try ChildProcess(
      ["sync", "--source", source], environment: ["PROXYSYNC_STORE": cli.storePath, "PROXYSYNC_ORG": "acme", "PROXYSYNC_PAUSE": "apply:4000"])
    #expect(child.waitForStderr("paused at apply:4000"))
    child.kill()

    let store = try Store(path: cli.storePath)
    #expect(try store.connection.prepare("PRAGMA integrity_check").query { $0.text(0) } == ["ok"])
    #expect(cli.run("people", "list", "--format", "json").out + cli.run("groups", "list", "--format", "json").out == before)

    let next = cli.run("sync", "--source", source)
    #expect(next.status == 0, "\(next.err)")
    #expect(next.err.contains("took over the lock left by process \(child.pid)"))
    #expect(next.out.contains("createUser 3000"))
    #expect(cli.run("sync", "--source", source).out.hasPrefix("acme: no changes"))
  }

  /// A first import into an empty store holds the whole file (a rollback journal): other runs
  /// are refused at once naming it, not left waiting for the whole import.
  @Test func duringAFirstImportOtherRunsAreRefusedAtOnceNamingItAndReadersSayTheyWait() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.run("org", "create", "globex")
    let source = writeExport(cli.directory, size: 3_000)
    let importer = try ChildProcess(
      ["import", "--org", "acme", "--source", source], environment: ["PROXYSYNC_STORE": cli.storePath, "PROXYSYNC_PAUSE": "apply:4000"])
    #expect(importer.waitForStderr("paused at apply:4000"))

    for org in ["acme", "globex"] {
      let refused = try #require(try RealExportBinaryTests.run(
        ["sync", "--org", org, "--source", source], environment: ["PROXYSYNC_STORE": cli.storePath], within: 20), "a run waited for the import")
      #expect(refused.status == 5)
      #expect(refused.err.contains("is locked by process \(importer.pid) on"), "\(refused.err)")
      #expect(refused.err.contains(#"running "import" since"#))
    }
    let waited = try #require(try RealExportBinaryTests.run(
      ["apply", "--org", "acme", cli.directory.file("none.json"), "--lock-timeout", "0.3"], environment: ["PROXYSYNC_STORE": cli.storePath], within: 20))
    #expect(waited.status == 5)
    #expect(waited.err.contains("it did not finish within 0.3 s"), "\(waited.err)")

    let reader = try ChildProcess(["runs", "list", "--org", "acme"], environment: ["PROXYSYNC_STORE": cli.storePath])
    #expect(reader.waitForStderr("the store is busy with a first import by process \(importer.pid)"))
    importer.resume()
    #expect(importer.finish().status == 0)
    #expect(reader.finish().status == 0)
    #expect(cli.run("sync", "--org", "acme", "--source", source).out.hasPrefix("acme: "))
  }
}
