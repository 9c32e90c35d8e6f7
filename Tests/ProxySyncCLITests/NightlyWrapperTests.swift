import Foundation
import TestSupport
import Testing

/// `cron/proxysync-nightly` against the samples, as cron would run it.
@Suite struct NightlyWrapperTests {
  let wrapper = repositoryRoot.appendingPathComponent("cron/proxysync-nightly").path

  func run(_ environment: [String: String]) throws -> (status: Int32, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [wrapper]
    process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = process.finish(reading: [err])[0]
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func nightlyRunIsQuietOnSuccessLogsAndExplainsFailuresInOneLine() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    let binary = try #require(BinaryTests.binary).path
    let log = cli.directory.file("logs/nightly.log")
    func config(day: String, limit: String) -> String {
      cli.directory.write("config.json", #"{"store": "\#(cli.storePath)", "org": "acme", "source": "\#(CLIHarness.samples)/\#(day)", "maxDeactivations": "\#(limit)", "requireManifest": true}"#)
    }
    var environment = ["PROXYSYNC_CONFIG": config(day: "day1", limit: "10%"), "PROXYSYNC_LOG": log, "PROXYSYNC_BIN": binary]

    let first = try run(environment)
    #expect(first.status == 0)
    #expect(first.err.isEmpty)
    let logged = try String(contentsOfFile: log, encoding: .utf8)
    #expect(logged.contains("(exit 0)\nacme: 18 changes"))

    cli.environment["PROXYSYNC_ORG"] = "acme"
    cli.run("people", "mark-active", "--all-pending")
    environment["PROXYSYNC_CONFIG"] = config(day: "day2", limit: "1")
    let refused = try run(environment)
    #expect(refused.status == 4)
    #expect(refused.err.hasPrefix("proxysync-nightly: refused by a guard (exit 4): proxysync: error: refused by the guard: deactivates"))
    #expect(refused.err.split(separator: "\n").count == 1)

    // Held instead of refused: the night is applied but for the deactivations, and the wrapper
    // still exits 4, saying how many wait for approval and how to approve them.
    cli.directory.write("config.json", #"{"store": "\#(cli.storePath)", "org": "acme", "source": "\#(CLIHarness.samples)/day2", "maxDeactivations": 1, "onGuard": "hold", "logFormat": "json"}"#)
    let held = try run(environment)
    #expect(held.status == 4)
    #expect(held.err.hasPrefix("proxysync-nightly: applied, but the guard tripped and held 6 operations for approval (removeMember 2, deactivateUser 4)"), "\(held.err)")
    #expect(held.err.contains("proxysync runs approve "))
    #expect(held.err.split(separator: "\n").count == 1)
  }

  @Test func overlappingNightlyRunExitsFiveAtOnce() throws {
    let cli = CLIHarness()
    let log = cli.directory.file("nightly.log")
    let config = cli.directory.write("config.json", #"{"org": "acme"}"#)
    let lock = log + ".lock"
    let descriptor = open(lock, O_CREAT | O_WRONLY, 0o600)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let result = try run(["PROXYSYNC_CONFIG": config, "PROXYSYNC_LOG": log, "PROXYSYNC_BIN": "/bin/false"])
    #expect(result.status == 5)
    #expect(result.err.contains("the previous nightly run is still going"))
  }

  @Test func missingConfigIsOneClearLine() throws {
    let result = try run(["PROXYSYNC_CONFIG": "/nonexistent/config.json", "PROXYSYNC_LOG": TemporaryDirectory().file("x.log")])
    #expect(result.status == 1)
    #expect(result.err == "proxysync-nightly: cannot read the config file /nonexistent/config.json\n")
  }

  /// An organization, the binary, and a token file the fetch accepts.
  func fetchingSetUp() throws -> (CLIHarness, String, String) {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    let tokenFile = cli.directory.write("okta-token", FakeOkta.token)
    chmod(tokenFile, 0o600)
    return (cli, try #require(BinaryTests.binary).path, tokenFile)
  }

  @Test func nightlyFetchesIntoANewFolderSyncsItKeepsTheLastExportsAndNeverSyncsAFailedFetch() throws {
    let okta = try FakeOkta(people: 40)
    let (cli, binary, tokenFile) = try fetchingSetUp()
    let exports = cli.directory.file("exports")
    let config = cli.directory.write("config.json", """
      {"store": "\(cli.storePath)", "org": "acme", "oktaUrl": "\(okta.url)", "appId": "\(okta.appID)",
       "tokenFile": "\(tokenFile)", "exportsDir": "\(exports)", "keepExports": 2, "requireManifest": true}
      """)
    let log = cli.directory.file("logs/nightly.log")
    let environment = ["PROXYSYNC_CONFIG": config, "PROXYSYNC_LOG": log, "PROXYSYNC_BIN": binary]
    for _ in 0..<3 {
      let night = try run(environment)
      #expect(night.status == 0, "\(night.err)")
      #expect(night.err.isEmpty)
    }
    let kept = try FileManager.default.contentsOfDirectory(atPath: exports).sorted()
    #expect(kept.count == 2, "\(kept)")
    #expect(kept.allSatisfy { $0.range(of: #"^\d{8}T\d{6}Z(-\d+)?$"#, options: .regularExpression) != nil }, "\(kept)")
    let logged = try String(contentsOfFile: log, encoding: .utf8)
    #expect(logged.contains("proxysync fetch --config \(config) --out \(exports)/"))
    #expect(logged.contains("(exit 0)\nacme: "))
    #expect(!logged.contains(FakeOkta.token))
    for path in [log, "\(exports)/\(kept[0])/manifest.json"] {
      #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(path)")
    }
    cli.environment["PROXYSYNC_ORG"] = "acme"
    #expect(cli.run("people", "list").out.contains("person1@acme.example"))
    let runsBefore = cli.run("runs", "list", "--format", "json").out

    okta.fail("/api/v1/groups", status: 403, summary: "You do not have permission to perform the requested action")
    let failed = try run(environment)
    #expect(failed.status == 1)
    #expect(failed.err.hasPrefix("proxysync-nightly: fetch failed, nothing synced (exit 1): proxysync: error: fetch from 127.0.0.1 failed: /api/v1/groups: HTTP 403"), "\(failed.err)")
    #expect(failed.err.split(separator: "\n").count == 1)
    #expect(cli.run("runs", "list", "--format", "json").out == runsBefore, "a failed fetch must never run sync")
    #expect(try FileManager.default.contentsOfDirectory(atPath: exports).sorted() == kept)
  }

  /// The clean-up deletes only exports it made, oldest by when they were fetched, never
  /// tonight's, whatever else sits in the folder and whatever its names hold.
  @Test func theCleanUpDeletesOnlyOldExportsOfItsOwnAndNeverTonights() throws {
    let okta = try FakeOkta(people: 20)
    let (cli, binary, tokenFile) = try fetchingSetUp()
    // exportsDir is a link to the real folder.
    let real = cli.directory.file("real-exports")
    let exports = cli.directory.file("exports")
    try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
    #expect(symlink(real, exports) == 0)
    func export(_ name: String, fetchedAt: String) {
      cli.directory.write("real-exports/\(name)/manifest.json", #"{"appId":"0oa1","exportedAt":"\#(fetchedAt)","oktaOrg":"x"}"#)
    }
    export("20200101T000000Z", fetchedAt: "2020-01-01T00:00:00Z")  // old: goes
    export("20210101T000000Z", fetchedAt: "2021-01-01T00:00:00Z")  // old: goes
    // Dated in the future (a clock that was wrong): newest by time, kept; tonight's stays too.
    export("20991231T000000Z", fetchedAt: "2099-12-31T00:00:00Z")
    export("20991231T000001Z", fetchedAt: "2099-12-31T00:00:01Z")
    // Not ours: another name, no manifest, a name holding a newline, a link.
    cli.directory.write("real-exports/2019T1Z-audit-evidence/manifest.json", #"{"exportedAt":"2019-01-01T00:00:00Z"}"#)
    cli.directory.write("real-exports/20190101T000000Z/evidence.txt", "kept for the auditors")
    cli.directory.write("real-exports/important/evidence.txt", "never to be deleted")
    export("20190101T000000Z\nimportant", fetchedAt: "2019-01-01T00:00:00Z")
    #expect(symlink(cli.directory.file("real-exports/20200101T000000Z"), cli.directory.file("real-exports/20180101T000000Z")) == 0)
    let config = cli.directory.write("config.json", """
      {"store": "\(cli.storePath)", "org": "acme", "oktaUrl": "\(okta.url)", "appId": "\(okta.appID)",
       "tokenFile": "\(tokenFile)", "exportsDir": "\(exports)", "keepExports": 3}
      """)
    let night = try run(["PROXYSYNC_CONFIG": config, "PROXYSYNC_LOG": cli.directory.file("nightly.log"), "PROXYSYNC_BIN": binary])
    #expect(night.status == 0, "\(night.err)")
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: real))
    let tonight = left.filter { $0.hasPrefix("2026") || $0.hasPrefix("2027") }
    #expect(tonight.count == 1, "\(left)")
    #expect(left.isSuperset(of: ["20991231T000000Z", "20991231T000001Z", "2019T1Z-audit-evidence", "20190101T000000Z", "important",
      "20190101T000000Z\nimportant", "20180101T000000Z"]), "\(left)")
    #expect(!left.contains("20200101T000000Z") && !left.contains("20210101T000000Z"), "\(left)")
    #expect(try String(contentsOfFile: "\(real)/important/evidence.txt", encoding: .utf8) == "never to be deleted")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    #expect(cli.run("people", "list").out.contains("person1@acme.example"), "tonight's export was synced")
  }
}
