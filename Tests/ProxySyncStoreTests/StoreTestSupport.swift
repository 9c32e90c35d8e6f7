import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport

/// A store in its own temporary directory, with one organization "acme".
final class TestStore {
  let directory = TemporaryDirectory()
  let store: Store
  let acme: Organization
  private var runs = 0

  init() throws {
    store = try Store(path: directory.file("store.sqlite"), clock: { Date(timeIntervalSince1970: 1_800_000_000) })
    acme = try store.createOrganization(named: "acme")
  }

  var path: String { store.path }

  /// Plans against the stored state and applies, as `sync` does.
  @discardableResult
  func sync(_ desired: DirectorySnapshot, in organization: Organization? = nil, options: SyncOptions = .default) throws -> Plan {
    runs += 1
    let run = RunStart(id: RunID("run-\(runs)"), command: "sync", source: "test")
    let plan = try store.applyChanges(to: organization ?? acme, run: run) { current, _ in
      makePlan(desired: desired, current: current, options: options)
    }.0
    try checkReferences()
    return plan
  }

  /// Applies run without SQLite's foreign-key checks; this holds them to every reference anyway.
  func checkReferences() throws {
    let dangling = try store.connection.prepare("PRAGMA foreign_key_check").query { "\($0.text(0) ?? "") row \($0.integer(1))" }
    guard dangling.isEmpty else { throw ProxySyncError.failure("dangling references: \(dangling.prefix(5))") }
  }

  func snapshot(_ organization: Organization? = nil) throws -> StoreSnapshot {
    try store.loadSnapshot(of: organization ?? acme)
  }

  /// Every row of every table, as text: equal dumps mean an unchanged store.
  func dump() throws -> String {
    var lines: [String] = []
    for table in ["organization", "person", "user_group", "membership", "run", "audit"] {
      let rows = try store.connection.prepare("SELECT * FROM \(table) ORDER BY 1, 2").query { row in
        (0..<16).map { row.text(Int32($0)) ?? "∅" }.joined(separator: "|")
      }
      lines += rows.map { "\(table): \($0)" }
    }
    return lines.joined(separator: "\n")
  }
}
