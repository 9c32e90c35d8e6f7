import Foundation
import TestSupport
import Testing

@testable import ProxySyncCLI

/// A PostgreSQL password never shows: not in output, not in a log line, not in a run record,
/// however awkward its characters and whatever libpq says.
@Suite struct StorePasswordTests {
  /// Each secret as written in an address, and as libpq would decode it.
  static let secrets = ["p@ss/w%rd?x", "S3cr%40t%2Fx", "S3cr@t/x", "T0pS3cret", "p@ss w'rd", "p%zzss", "p%40ss%2Fw%25rd%3Fx"]

  /// Addresses of a server that is not there (port 1 on this machine).
  static let unreachable = [
    "postgresql://alice:p@ss/w%rd?x@127.0.0.1:1/proxy",
    "postgresql://alice:S3cr%40t%2Fx@127.0.0.1:1/proxy",
    "postgresql://alice@127.0.0.1:1/proxy?pass%77ord=T0pS3cret",
    "host=127.0.0.1 port=1 dbname=proxy user=alice password='p@ss w\\'rd'",
    "postgresql://alice:p%zzss@127.0.0.1:1/proxy",
  ]

  #if PostgreSQL
    static let hasPostgres = true
  #else
    static let hasPostgres = false
  #endif

  /// Every command that opens a store, `STORE` standing for the address.
  static func commandLines(plan: String) -> [[String]] {
    let samples = CLIHarness.samples + "/day1"
    return [
      ["org", "create", "acme", "--store", "STORE"], ["org", "list", "--store", "STORE"],
      ["people", "list", "--org", "acme", "--store", "STORE"], ["people", "add", "--org", "acme", "x@example.com", "--store", "STORE"],
      ["people", "mark-active", "--org", "acme", "x@example.com", "--store", "STORE"],
      ["people", "set-role", "--org", "acme", "x@example.com", "admin", "--store", "STORE"],
      ["people", "relink", "--org", "acme", "x@example.com", "00u1", "--store", "STORE"],
      ["groups", "list", "--org", "acme", "--store", "STORE"], ["runs", "list", "--org", "acme", "--store", "STORE"],
      ["runs", "show", "run-1", "--org", "acme", "--store", "STORE"], ["runs", "approve", "run-1", "--org", "acme", "--store", "STORE"],
      ["audit", "--org", "acme", "--person", "x@example.com", "--store", "STORE"],
      ["explain", "--org", "acme", "--source", samples, "x@example.com", "--store", "STORE"],
      ["plan", "--org", "acme", "--source", samples, "--store", "STORE"], ["sync", "--org", "acme", "--source", samples, "--store", "STORE"],
      ["import", "--org", "acme", "--source", samples, "--store", "STORE"], ["apply", "--org", "acme", plan, "--store", "STORE"],
      ["status", "--org", "acme", "--store", "STORE"], ["store", "copy", "--from", "STORE", "--to", "NEW"], ["store", "copy", "--from", "EXISTING", "--to", "STORE"],
    ]
  }

  @Test func everyCommandThatOpensAStoreIsTried() {
    let tried = Set(Self.commandLines(plan: "p").map { $0[0] })
    let opening = ProxySyncCLI.commands.filter { $0.value.options.contains(.store) }.keys
    #expect(Set(opening).subtracting(tried).isEmpty, "\(Set(opening).subtracting(tried))")
  }

  /// Nothing printed or logged holds any form of any secret.
  static func expectNoSecret(_ texts: [String], _ what: String) {
    for text in texts {
      for secret in secrets where text.contains(secret) {
        Issue.record("\(what) shows \"\(secret)\": \(text)")
      }
    }
  }

  @Test(arguments: unreachable)
  func anUnreachableServerIsNamedWithoutItsPassword(address: String) {
    let cli = CLIHarness()
    let existing = cli.directory.file("existing.sqlite")
    #expect(cli.run("org", "create", "acme", "--store", existing).status == 0)
    let names = ["STORE": address, "EXISTING": existing, "NEW": cli.directory.file("new.sqlite")]
    for line in Self.commandLines(plan: cli.directory.file("plan.json")) {
      let logs = ProxySyncCLI.commands[line[0]]?.options.contains(.logFormat) == true ? ["text", "json"] : ["text"]
      for format in logs {
        let arguments = line.map { names[$0] ?? $0 } + (format == "json" ? ["--log-format", "json"] : [])
        let result = cli.run(arguments)
        #if PostgreSQL
          #expect(result.status == 1 && result.err.contains("cannot open the store"), "\(line): \(result.err)")
        #else
          #expect(result.status == 2 && result.err.contains("built without the PostgreSQL store"), "\(line): \(result.err)")
        #endif
        Self.expectNoSecret([result.out, result.err], "\(line.joined(separator: " ")) (\(format))")
      }
    }
  }

  /// Without the trait nothing connects; with it, this would look the host name up.
  @Test(.enabled(if: !Self.hasPostgres, "with the trait it would reach for db.example.com"))
  func aStoreOnAnotherHostWithoutTLSIsWarnedAbout() {
    let cli = CLIHarness()
    let result = cli.run("org", "list", "--store", "postgresql://alice:S3cr%40t%2Fx@db.example.com/proxy")
    #expect(result.err.contains("warning: the store postgresql://alice:***@db.example.com/proxy is on another host (db.example.com) and sslmode is not require, verify-ca or verify-full"), "\(result.err)")
    Self.expectNoSecret([result.out, result.err], "warning")
    let quiet = cli.run("org", "list", "--store", "postgresql://alice:S3cr%40t%2Fx@db.example.com/proxy?sslmode=verify-full")
    #expect(!quiet.err.contains("sslmode"))
  }

  #if PostgreSQL
    /// The throwaway server trusts local connections, so any password gets in: every command
    /// runs for real with one in its address.
    @Test(.enabled(if: PostgresTestServer.isAvailable, "needs PROXYSYNC_TEST_POSTGRES"), arguments: ["userinfo", "query"])
    func aReachableServerWithAPasswordNeverShowsItAnywhere(placement: String) throws {
      let database = try PostgresTestServer.newDatabase()
      let written = "p%40ss%2Fw%25rd%3Fx"
      let address: String
      if placement == "userinfo", let at = database.range(of: "@") {
        address = database.replacingCharacters(in: at, with: ":\(written)@")
      } else {
        address = database + (database.contains("?") ? "&" : "?") + "password=" + written
      }
      let cli = CLIHarness(store: address)
      let copy = cli.directory.file("copy.sqlite")
      let plan = cli.directory.file("plan.json")
      var printed: [String] = []
      let samples = CLIHarness.samples
      for line in [
        ["org", "create", "acme"], ["import", "--org", "acme", "--source", samples + "/day1", "--log-format", "json"],
        ["plan", "--org", "acme", "--source", samples + "/day2", "--out", plan], ["apply", "--org", "acme", plan, "--log-format", "json"],
        ["sync", "--org", "acme", "--source", samples + "/day3"], ["people", "list", "--org", "acme", "--format", "json"],
        ["people", "add", "--org", "acme", "new@acme-robotics.example"], ["people", "set-role", "--org", "acme", "new@acme-robotics.example", "admin"],
        ["groups", "list", "--org", "acme"], ["runs", "list", "--org", "acme", "--format", "json"], ["runs", "show", "run-4", "--org", "acme"],
        ["audit", "--org", "acme", "--person", "ann.lee@acme-robotics.example"],
        ["explain", "--org", "acme", "--source", samples + "/day3", "ann.lee@acme-robotics.example"], ["org", "list"],
        ["status", "--org", "acme"],
        ["store", "copy", "--from", address, "--to", copy],
      ] {
        let result = cli.run(line)
        #expect(result.status == 0 || result.status == 3, "\(line): \(result.err)")
        printed += [result.out, result.err]
      }
      #expect(printed.joined().contains("ann.lee@acme-robotics.example"))
      Self.expectNoSecret(printed, "a command")
      // Nor in what the store keeps (runs, audit rows), here read whole from its copy.
      let stored = String(decoding: try Data(contentsOf: URL(fileURLWithPath: copy)), as: UTF8.self)
      #expect(stored.contains("acme-robotics.example"))
      Self.expectNoSecret([stored], "the store")
    }
  #endif
}
