import Foundation
import ProxySyncCLI
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport

/// Runs `ProxySyncCLI` in-process against a store in a temporary directory, capturing output.
final class CLIHarness: @unchecked Sendable {
  let directory = TemporaryDirectory()
  private let lock = NSLock()
  private var outBuffer = ""
  private var errBuffer = ""
  private var runCount = 0
  var environment: [String: String]
  /// Pretend standard output and error are a terminal.
  var terminal = false
  /// What the commands' clock says.
  var now = Date(timeIntervalSince1970: 1_800_000_000)

  init() {
    environment = ["PROXYSYNC_STORE": directory.file("store.sqlite")]
  }

  /// A harness on another store, such as a PostgreSQL database (`PostgresTestServer`).
  init(store: String) {
    environment = ["PROXYSYNC_STORE": store]
  }

  /// The store every command here uses: a path or a URL.
  var store: String { environment["PROXYSYNC_STORE"] ?? "" }

  var storePath: String { directory.file("store.sqlite") }

  /// The SQLite store's bytes, its write-ahead log folded in first. A command hands its store to
  /// another thread to close, so whether the log was folded by that close yet is timing, and
  /// folding it changes the bytes without changing what is stored; anything a command commits
  /// still changes them.
  func storeBytes() -> Data {
    if let connection = try? Connection(path: storePath, create: false) {
      try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
    return ["", "-wal"].reduce(Data()) { $0 + ((try? Data(contentsOf: URL(fileURLWithPath: storePath + $1))) ?? Data()) }
  }

  static let samples = repositoryRoot.appendingPathComponent("samples/okta-json").path

  struct Result {
    var status: Int32
    var out: String
    var err: String
  }

  /// Runs one command line; the run id is `run-N` and the clock fixed, so output is stable.
  @discardableResult
  func run(_ arguments: String...) -> Result { run(arguments) }

  @discardableResult
  func run(_ arguments: [String]) -> Result {
    lock.withLock {
      outBuffer = ""
      errBuffer = ""
      runCount += 1
    }
    let number = lock.withLock { runCount }
    let console = Console(
      out: { [self] text in lock.withLock { outBuffer += text } },
      err: { [self] text in lock.withLock { errBuffer += text } }, outIsTerminal: terminal, errIsTerminal: terminal)
    let context = Context(
      environment: environment, console: console, clock: { [now] in now },
      makeRunID: { RunID("run-\(number)") }, user: "ops")
    let status = ProxySyncCLI.run(arguments, context: context)
    return lock.withLock { Result(status: status, out: outBuffer, err: errBuffer) }
  }

  /// The sample company as it stands before day 2: the same steps as `samples/demo`.
  func prepareSampleCompany() {
    run("org", "create", "acme")
    environment["PROXYSYNC_ORG"] = "acme"
    run("people", "add", "kim.tran@acme-robotics.example", "--first-name", "Kim", "--last-name", "Tran")
    run("people", "add", "jon.sato@acme-robotics.example", "--first-name", "Jon", "--last-name", "Sato")
    run("people", "set-role", "jon.sato@acme-robotics.example", "admin")
    run("sync", "--source", "\(Self.samples)/day1")
    run(["people", "mark-active"] + ["ann.lee", "bob.ng", "cara.diaz", "dan.fox", "eve.moss", "gia.park", "hal.quinn"].map { "\($0)@acme-robotics.example" })
    run("people", "set-role", "dan.fox@acme-robotics.example", "admin")
  }
}
