import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

/// `store copy` moves a whole store a part at a time, and keeps it as it was kept.
@Suite struct StoreContentsTests {
  /// More people than one part holds, all in one group: the run that added them is audit rows
  /// listing them (`AuditRules`).
  static let company = AuditLogTests.company(size: StoreContents.batchSize + 5)

  /// From every backend to every backend: no part holds more than `batchSize` rows (a million
  /// people are never in memory at once), a row listing many people stays one row (a copy must
  /// not multiply the audit log), and every history reads as it did.
  @Test(arguments: TestBackend.all, TestBackend.all)
  func aCopyStreamsInPartsAndKeepsListingRowsAsTheyWere(from: TestBackend, to: TestBackend) throws {
    let source = try TestStore(from)
    try source.sync(Self.company)
    let target = try to.makeStore(in: TemporaryDirectory())
    var (people, memberships, last): ([Int], [Int], String) = ([], [], "")
    try target.writeContents { write in
      try source.store.readContents { part in
        switch part {
        case .people(let rows): people.append(rows.count)
        case .memberships(let rows): memberships.append(rows.count)
        default: break
        }
        if case .planKey = part { last = "planKey" } else { last = "" }
        try write(part)
      }
    }
    #expect(people == [StoreContents.batchSize, 5])
    #expect(memberships == [StoreContents.batchSize, 5])
    #expect(last == "planKey")
    #expect(try to.listingRows(target) == from.listingRows(source.store))
    #expect(try to.listingRows(target) == (StoreContents.batchSize + 5 + AuditRules.listSize - 1) / AuditRules.listSize)
    try to.checkReferences(target)

    let acme = try target.loadOrganization(named: "acme")
    #expect(try target.loadAudit(of: acme, group: "00g-big") == source.store.loadAudit(of: source.acme, group: "00g-big"))
    #expect(try target.loadAudit(of: acme, person: "p9999@example.com") == source.store.loadAudit(of: source.acme, person: "p9999@example.com"))
    #expect(try target.loadAudit(of: RunID("run-1")) == source.store.loadAudit(of: RunID("run-1")))
    #expect(try target.loadSnapshot(of: acme) == source.snapshot())
  }

  /// Audit rows the copy would leave behind (rows of no run it moves) stop it, and the target is
  /// left empty.
  @Test(arguments: TestBackend.all)
  func auditRowsLeftBehindStopTheCopy(backend: TestBackend) throws {
    // SQLite finds a run's rows by its range of ids, PostgreSQL by the run's id.
    try expectCopyRefused(
      backend, damage: backend == .sqlite
        ? "UPDATE run SET last_audit_id = first_audit_id WHERE id = 'run-1'" : "DELETE FROM run WHERE id = 'run-1'",
      saying: ["audit rows, of which", "belong to its runs; nothing was copied"])
  }

  /// A row listing people whose list is not ids stops the copy, naming the row; the target is
  /// left empty.
  @Test(arguments: TestBackend.all)
  func aDamagedListingStopsTheCopyNamingItsRow(backend: TestBackend) throws {
    try expectCopyRefused(
      backend, damage: backend == .sqlite
        ? "UPDATE audit SET people = people || ',x' WHERE people IS NOT NULL"
        : "UPDATE audit SET people = people || NULL::bigint WHERE people IS NOT NULL",
      saying: ["audit row ", "; nothing was copied"])
  }

  /// A store with one listing row, damaged by `damage`, refuses to be copied with an error that
  /// says each of `saying`, and the target stays empty.
  func expectCopyRefused(_ backend: TestBackend, damage: String, saying: [String]) throws {
    let source = try TestStore(backend)
    try source.sync(AuditLogTests.company())
    #expect(try backend.listingRows(source.store) == 1)
    try backend.execute(damage, in: source.store)
    let target = try TestBackend.sqlite.makeStore(in: TemporaryDirectory())
    #expect {
      _ = try source.store.copyContents(to: target)
    } throws: { error in
      saying.allSatisfy { "\(error)".contains($0) }
    }
    #expect(try target.loadOrganizations().isEmpty)
  }
}
