import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

@Suite struct StoreFileTests {
  @Test func newStoreIsPrivateVersionedAndInWALMode() throws {
    let store = try TestStore()
    let attributes = try FileManager.default.attributesOfItem(atPath: store.sqlite.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let version = try store.sqlite.connection.prepare("PRAGMA user_version").query { $0.integer(0) }
    #expect(version == [Int64(Schema.migrations.count)])
    let mode = try store.sqlite.connection.prepare("PRAGMA journal_mode").query { $0.text(0) }
    #expect(mode == ["wal"])
    let foreignKeys = try store.sqlite.connection.prepare("PRAGMA foreign_keys").query { $0.integer(0) }
    #expect(foreignKeys == [1])
  }

  /// Reads that pass each page once run with a small page cache (a million people's snapshot
  /// would otherwise keep a quarter of a gigabyte); applies get the large one back.
  @Test func snapshotsAndListingsReadWithASmallCacheAndLeaveTheLargeOne() throws {
    let store = try TestStore()
    try store.sync(.directory { $0.user("ann"); $0.user("bob") })
    func cacheSize() throws -> [Int64] { try store.sqlite.connection.prepare("PRAGMA cache_size").query { $0.integer(0) } }
    #expect(try cacheSize() == [-262144])
    var during: [[Int64]] = []
    try store.sqlite.forEachPerson(of: store.acme, status: nil, search: nil) { _ in during.append((try? cacheSize()) ?? []) }
    #expect(during == [[-8192], [-8192]])
    _ = try store.sqlite.loadSnapshot(of: store.acme)
    #expect(try cacheSize() == [-262144])
  }

  /// Applies write without SQLite's foreign-key checks; they must be back on afterwards, even
  /// when the apply failed, and the tests' reference check must notice a dangling row.
  @Test func foreignKeyChecksComeBackAfterAnApplyAndDanglingRowsAreNoticed() throws {
    let store = try TestStore()
    let foreignKeys = { try store.sqlite.connection.prepare("PRAGMA foreign_keys").query { $0.integer(0) } }
    try store.sync(.directory { $0.user("ann") })
    #expect(try foreignKeys() == [1])
    #expect(throws: ProxySyncError.self) {
      try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID("refused"), command: "sync", source: nil)) { _, _ in
        throw ProxySyncError.failure("refused")
      }
    }
    #expect(try foreignKeys() == [1])
    try store.sqlite.connection.execute("PRAGMA foreign_keys = OFF; INSERT INTO membership VALUES (999, 999); PRAGMA foreign_keys = ON")
    #expect(throws: ProxySyncError.self) { try store.checkReferences() }
  }

  /// Text is bound by pointer and length: empty, non-ASCII and NUL-holding strings come back whole.
  @Test(arguments: ["", "é", "a\u{0}b", "00u-" + String(repeating: "x", count: 100)])
  func textIsBoundExactly(_ value: String) throws {
    let store = try TestStore()
    let back = try store.sqlite.connection.prepare("SELECT typeof(?1), ?1").query([.text(value)]) { [$0.text(0), $0.text(1)] }
    #expect(back == [["text", value]])
  }

  /// Reading a million people or five million memberships must not sort them or join them row
  /// by row: the plans SQLite picks are held here, so a schema change cannot quietly undo them.
  @Test func snapshotQueriesNeitherSortNorJoinRowByRow() throws {
    let store = try TestStore()
    func plan(_ sql: String) throws -> [String] {
      try store.sqlite.connection.prepare("EXPLAIN QUERY PLAN " + sql).query([.integer(1)]) { $0.text(3) ?? "" }
    }
    let queries = Store.snapshotQueries
    for sql in [queries.people, queries.groups, queries.memberships] {
      #expect(try plan(sql).allSatisfy { !$0.contains("TEMP B-TREE") }, "\(sql)")
    }
    #expect(try plan(queries.people) == ["SEARCH person USING INDEX person_org (org_id=?)"])
    #expect(try plan(queries.memberships) == ["SCAN g", "SEARCH m USING PRIMARY KEY (group_id=?)"])
  }

  @Test func reopeningKeepsTheData() throws {
    let store = try TestStore()
    let reopened = try Store(path: store.sqlite.path)
    #expect(try reopened.loadOrganizations().map(\.name) == ["acme"])
  }

  @Test func missingStoreIsNotCreatedUnlessAsked() {
    let directory = TemporaryDirectory()
    #expect(throws: ProxySyncError.self) { try Store(path: directory.file("none.sqlite"), createIfMissing: false) }
    #expect(!FileManager.default.fileExists(atPath: directory.file("none.sqlite")))
  }

  @Test func fileThatIsNotAStoreIsRefusedByName() throws {
    let directory = TemporaryDirectory()
    let path = directory.write("junk.sqlite", String(repeating: "not sqlite ", count: 200))
    let error = try #require(throws: ProxySyncError.self) { try Store(path: path) }
    #expect(error.message == "cannot open the store \(path)")
  }

  @Test(arguments: TestBackend.all)
  func unknownOrganizationSaysHowToCreateIt(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let error = try #require(throws: ProxySyncError.self) { try store.store.loadOrganization(named: "initech") }
    #expect(error.message == #"unknown organization "initech"; create it with: proxysync org create "initech""#)
  }

  @Test(arguments: TestBackend.all)
  func duplicateOrganizationIsRefused(backend: TestBackend) throws {
    let store = try TestStore(backend)
    #expect(throws: ProxySyncError.self) { try store.store.createOrganization(named: "acme") }
  }
}

@Suite struct StorePeopleTests {
  @Test(arguments: TestBackend.all)
  func handInvitedPersonIsPendingUnlinkedMember(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let person = try store.store.addPerson(to: store.acme, email: .named("eve@example.com"), firstName: "Eve", lastName: nil)
    #expect(person.status == .pending && person.role == .member && person.oktaUserID == nil)
    #expect(throws: ProxySyncError.self) {
      try store.store.addPerson(to: store.acme, email: .named("EVE@example.com"), firstName: nil, lastName: nil)
    }
  }

  @Test(arguments: TestBackend.all)
  func markActiveChangesOnlyPendingPeopleAndIsAllOrNothing(backend: TestBackend) throws {
    let store = try TestStore(backend)
    for name in ["a", "b"] { _ = try store.store.addPerson(to: store.acme, email: .named("\(name)@example.com"), firstName: nil, lastName: nil) }
    #expect(throws: ProxySyncError.self) {
      try store.store.markActive(in: store.acme, emails: [.named("a@example.com"), .named("nobody@example.com")])
    }
    #expect(try store.store.loadPeople(of: store.acme, status: .pending, search: nil).count == 2)
    #expect(try store.store.markActive(in: store.acme, emails: nil) == 2)
    #expect(try store.store.loadPeople(of: store.acme, status: .active, search: nil).count == 2)
  }

  /// Marking many people active at once (SQLite writes them hundreds a statement, PostgreSQL in
  /// one): someone no longer pending stops the whole run, and otherwise everyone is marked, each
  /// with an audit row, in the order decided.
  @Test(arguments: TestBackend.all)
  func markingManyActiveIsAllOrNothingAndAuditsEveryoneInOrder(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(AuditLogTests.company(big: false, size: 1_007))
    let first = try #require(try store.store.loadPeople(of: store.acme).first)
    #expect(try store.store.markActive(in: store.acme, emails: [first.email]) == 1)
    // Decided as if the first were still pending: the store says otherwise, so nothing is written.
    #expect(throws: ProxySyncError.self) {
      try store.store.applyPersonChanges(in: store.acme, run: RunStart(id: RunID("stale"), command: "mark-active", source: nil)) { people in
        people.map { .markActive($0.id) }
      }
    }
    #expect(try store.store.loadPeople(of: store.acme, status: .pending, search: nil).count == 1_006)
    #expect(try store.store.loadAudit(of: RunID("stale")).isEmpty)

    let run = RunID("all")
    let (changes, record) = try store.store.applyPersonChanges(in: store.acme, run: RunStart(id: run, command: "mark-active", source: nil)) {
      people throws(ProxySyncError) in try PersonChanges.markActive(nil, in: store.acme, people: people)
    }
    #expect(changes.count == 1_006 && record.changeCount == 1_006)
    #expect(try store.store.loadPeople(of: store.acme, status: .active, search: nil).count == 1_007)
    let audit = try store.store.loadAudit(of: run)
    let pending = try store.snapshot().people.filter { $0.id != first.id }.map(\.email.rawValue).sorted()
    #expect(audit.map { String($0.subject.prefix { $0 != " " }) } == pending)
    #expect(Set(audit.map(\.operation)) == ["markActive"])
    try store.checkReferences()
  }

  @Test(arguments: TestBackend.all)
  func searchMatchesEmailNamesAndOktaIDIgnoringCase(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory { $0.user("ann", lastName: "Lovelace"); $0.user("bob") })
    #expect(try store.store.loadPeople(of: store.acme, status: nil, search: "LOVE").map(\.email.rawValue) == ["ann@example.com"])
    #expect(try store.store.loadPeople(of: store.acme, status: nil, search: "00u-bob").map(\.email.rawValue) == ["bob@example.com"])
  }

  @Test(arguments: TestBackend.all)
  func setRoleOnUnknownPersonFails(backend: TestBackend) throws {
    let store = try TestStore(backend)
    #expect(throws: ProxySyncError.self) { try store.store.setRole(in: store.acme, email: .named("x@example.com"), role: .admin) }
  }
}
