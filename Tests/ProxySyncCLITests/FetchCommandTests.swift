import Foundation
import ProxySyncCore
import TestSupport
import Testing

/// `proxysync fetch` against a fake Okta org on 127.0.0.1, in-process and through the binary.
@Suite struct FetchCommandTests {
  func arguments(_ okta: FakeOkta, out: String) -> [String] {
    ["fetch", "--okta-url", okta.url, "--app-id", okta.appID, "--out", out]
  }

  @Test func aFetchThenASyncEqualsTheSyncOfTheSameOrgExportedByHand() throws {
    let okta = try FakeOkta()
    let viaFetch = CLIHarness()
    viaFetch.environment["OKTA_API_TOKEN"] = FakeOkta.token
    let out = viaFetch.directory.file("exports/tonight")
    try FileManager.default.createDirectory(atPath: viaFetch.directory.file("exports"), withIntermediateDirectories: true)
    let fetched = viaFetch.run(arguments(okta, out: out))
    #expect(fetched.status == 0, "\(fetched.err)")
    #expect(fetched.out.hasPrefix("fetched 127.0.0.1 into \(out): 285 users (and 15 deprovisioned), 7 groups, 6 member listings"), "\(fetched.out)")
    let byHand = CLIHarness()
    try okta.writeHandMadeExport(to: byHand.directory.file("by-hand"))
    for (cli, source) in [(viaFetch, out), (byHand, byHand.directory.file("by-hand"))] {
      cli.run("org", "create", "acme")
      cli.environment["PROXYSYNC_ORG"] = "acme"
      let sync = cli.run("sync", "--source", source)
      #expect(sync.status == 0, "\(sync.err)")
    }
    for listing in [["people", "list", "--format", "json"], ["groups", "list", "--format", "json"]] {
      #expect(viaFetch.run(listing).out == byHand.run(listing).out)
    }
    #expect(viaFetch.run("people", "list").out.contains("person1@acme.example"))
  }

  @Test func theTokenNeverAppearsInOutputLogsOrFiles() throws {
    let okta = try FakeOkta(people: 30)
    let cli = CLIHarness()
    cli.environment["OKTA_API_TOKEN"] = FakeOkta.token
    let out = cli.directory.file("export")
    let ok = cli.run(arguments(okta, out: out) + ["--log-format", "json"])
    #expect(ok.status == 0)
    okta.fail("/api/v1/groups", status: 403, summary: "You do not have permission to perform the requested action")
    let failed = cli.run(arguments(okta, out: cli.directory.file("second")))
    #expect(failed.status == 1)
    #expect(failed.err == "proxysync: error: fetch from 127.0.0.1 failed: /api/v1/groups: HTTP 403: You do not have permission to perform the requested action (E0000006); nothing was written to \(cli.directory.file("second"))\n")
    var everything = ok.out + ok.err + failed.out + failed.err
    let files = FileManager.default.enumerator(atPath: cli.directory.path)
    while let name = files?.nextObject() as? String {
      everything += (try? String(contentsOfFile: cli.directory.file(name), encoding: .utf8)) ?? ""
    }
    #expect(everything.contains("person1@acme.example"))
    #expect(!everything.contains(FakeOkta.token))
    #expect(!everything.contains("SSWS"))
    // It went to Okta, as Okta expects it, on every request.
    #expect(okta.requests.allSatisfy { $0.headers["authorization"] == "SSWS \(FakeOkta.token)" })
  }

  @Test func aTokenFileOthersCanReadIsRefusedAndAnOwnerOnlyOneIsUsed() throws {
    let okta = try FakeOkta(people: 5)
    let cli = CLIHarness()
    let tokenFile = cli.directory.write("okta-token", FakeOkta.token + "\n")
    chmod(tokenFile, 0o644)
    let refused = cli.run(arguments(okta, out: cli.directory.file("export")) + ["--token-file", tokenFile])
    #expect(refused.status == 1)
    #expect(refused.err.contains("the token file \(tokenFile) is readable by others (mode 644); chmod 600 it"))
    #expect(okta.requests.isEmpty)
    chmod(tokenFile, 0o600)
    #expect(cli.run(arguments(okta, out: cli.directory.file("export")) + ["--token-file", tokenFile]).status == 0)
  }

  @Test(arguments: ["http://acme.okta.com", "http://10.0.0.5:8080", "ftp://acme.okta.com", "acme.okta.com"])
  func anAddressThatWouldSendTheTokenInClearIsRefused(address: String) {
    let cli = CLIHarness()
    cli.environment["OKTA_API_TOKEN"] = FakeOkta.token
    let result = cli.run("fetch", "--okta-url", address, "--app-id", "0oa1", "--out", cli.directory.file("export"))
    #expect(result.status == 2)
    #expect(result.err.contains("--okta-url must") || result.err.contains("is not an address"), "\(result.err)")
    #expect(!FileManager.default.fileExists(atPath: cli.directory.file("export")))
  }

  @Test func withoutATokenTheFetchSaysWhereOneComesFrom() {
    let cli = CLIHarness()
    let result = cli.run("fetch", "--okta-url", "https://acme.okta.com", "--app-id", "0oa1", "--out", cli.directory.file("export"))
    #expect(result.status == 2)
    #expect(result.err.contains("no API token: set OKTA_API_TOKEN or pass --token-file FILE"))
  }

  // MARK: Through the binary

  func environment(_ directory: TemporaryDirectory) -> [String: String] {
    ["OKTA_API_TOKEN": FakeOkta.token, "PROXYSYNC_STORE": directory.file("store.sqlite"), "PROXYSYNC_ORG": "acme"]
  }

  @Test func aFetchKilledHalfWayLeavesNothingSyncAccepts() throws {
    let okta = try FakeOkta(people: 50)
    let (arrived, release) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
    okta.queue(.hang(arrived: arrived, release: release), for: "/api/v1/groups/\(okta.groupIDs[2])/users")
    let directory = TemporaryDirectory()
    let out = directory.file("export")
    let child = try ChildProcess(arguments(okta, out: out), environment: environment(directory))
    #expect(arrived.wait(timeout: .now() + 60) == .success, "the fetch never reached the member listings")
    child.kill()
    release.signal()
    #expect(!FileManager.default.fileExists(atPath: out))
    // What it left is hidden beside the destination, and nothing reads it as an export.
    let partial = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix(".export.partial-") })
    // Not a name a neighbour could have guessed and planted; readable by its owner only.
    #expect(partial != ".export.partial-\(child.pid)" && partial.hasPrefix(".export.partial-\(child.pid)-"))
    var status = stat()
    #expect(stat(directory.file(partial), &status) == 0 && status.st_mode & 0o777 == 0o700)
    #expect(try RealExportBinaryTests.run(["org", "create", "acme"], environment: environment(directory))?.status == 0)
    let sync = try #require(try RealExportBinaryTests.run(["sync", "--source", out], environment: environment(directory)))
    #expect(sync.status == 1)
    #expect(sync.err.contains("export folder not found"), "\(sync.err)")
  }

  @Test func theExportIsReadableByItsOwnerOnlyWhateverTheUmask() throws {
    let okta = try FakeOkta(people: 20)
    let directory = TemporaryDirectory()
    let out = directory.file("export")
    let binary = try #require(BinaryTests.binary).path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", binary] + arguments(okta, out: out)
    process.environment = environment(directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    _ = process.finish(reading: [])
    #expect(process.terminationStatus == 0)
    var checked = 0
    let enumerator = FileManager.default.enumerator(atPath: out)
    for name in [""] + ((enumerator?.allObjects as? [String]) ?? []) {
      let attributes = try FileManager.default.attributesOfItem(atPath: name.isEmpty ? out : "\(out)/\(name)")
      let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
      #expect(mode == (attributes[.type] as? FileAttributeType == .typeDirectory ? 0o700 : 0o600), "\(name)")
      checked += 1
    }
    #expect(checked > 10)
  }
}
