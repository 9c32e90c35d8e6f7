import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// A membership change made to many people of a group in one run is kept as one audit row
/// listing them; readers of the audit must not be able to tell.
@Suite struct AuditLogTests {
  static let many = AuditRules.listedFrom + 10

  /// `many` people, all in "big"; ann is also in "small" when `small` is set.
  static func company(big: Bool = true, small: Bool = false, size: Int = many) -> DirectorySnapshot {
    .directory {
      $0.group("big")
      $0.group("small")
      for index in 0..<size {
        let name = index == 0 ? "ann" : "p\(index)"
        $0.user(name)
        if big { $0.member("big", name) }
      }
      if small { $0.member("small", "ann") }
    }
  }

  func entries(_ audit: [AuditEntry], _ operation: String) -> [String] {
    audit.filter { $0.operation == operation }.map(\.subject)
  }

  @Test func listedMembershipChangesReadAsOneEntryPerPerson() throws {
    let store = try TestStore()
    try store.sync(Self.company())
    try store.sync(Self.company(small: true))
    try store.sync(Self.company(big: false, small: true))
    let rows = try store.sqlite.connection.prepare("SELECT operation, count(*) FROM audit WHERE people IS NOT NULL GROUP BY 1 ORDER BY 1")
      .query { "\($0.text(0) ?? "") \($0.integer(1))" }
    #expect(rows == ["addMember 1", "removeMember 1"])

    let ann = try store.store.loadAudit(of: store.acme, person: "ann@example.com")
    #expect(ann.map(\.operation) == ["createUser", "addMember", "addMember", "removeMember"])
    #expect(ann.map(\.runID.rawValue) == ["run-1", "run-1", "run-2", "run-3"])
    #expect(entries(ann, "addMember") == [#""Big" (00g-big) ← ann@example.com (00u-ann)"#, #""Small" (00g-small) ← ann@example.com (00u-ann)"#])
    #expect(entries(ann, "removeMember") == [#""Big" (00g-big) ← ann@example.com (00u-ann)"#])
    // p1 appears in ann's listing rows, but ann's history names only ann.
    #expect(try store.store.loadAudit(of: store.acme, person: "p1@example.com").map(\.operation) == ["createUser", "addMember", "removeMember"])

    let big = try store.store.loadAudit(of: store.acme, group: "00g-big")
    #expect(entries(big, "addMember").count == Self.many)
    #expect(Set(entries(big, "removeMember")) == Set(entries(big, "addMember")))
    #expect(entries(big, "addMember").contains(#""Big" (00g-big) ← p7@example.com (00u-p7)"#))

    let first = try store.store.loadAudit(of: RunID("run-1"))
    #expect(entries(first, "addMember").count == Self.many)
    #expect(entries(first, "createUser").count == Self.many)
    #expect(try store.store.loadAudit(of: RunID("run-2")).map(\.subject) == [#""Small" (00g-small) ← ann@example.com (00u-ann)"#])
    #expect(try store.store.loadAudit(of: RunID("run-3")).count == Self.many)
  }

  /// Stores written before runs kept their range of audit ids get the ranges when migrated.
  @Test func migratedRunsFindTheirAuditRows() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("old.sqlite")
    do {
      let old = try Connection(path: path, create: true)
      for migration in Schema.migrations.prefix(7) { try old.execute(migration) }
      try old.execute("""
        PRAGMA user_version = 7;
        INSERT INTO organization (id, name, created_at) VALUES (1, 'acme', 'then');
        INSERT INTO run (id, org_id, command, started_at, outcome) VALUES ('r1', 1, 'sync', 'then', 'applied'), ('r2', 1, 'sync', 'then', 'applied');
        INSERT INTO user_group (id, org_id, okta_group_id, name, created_at, updated_at) VALUES (1, 1, 'g', 'G', 'then', 'then');
        INSERT INTO audit (run_id, org_id, operation, group_id) VALUES ('r1', 1, 'createGroup', 1), ('r1', 1, 'renameGroup', 1), ('r2', 1, 'updateGroup', 1);
        """)
    }
    let store = try Store(path: path)
    #expect(try store.loadAudit(of: RunID("r1")).map(\.operation) == ["createGroup", "renameGroup"])
    #expect(try store.loadAudit(of: RunID("r2")).map(\.operation) == ["updateGroup"])
    #expect(try store.loadAudit(of: RunID("none")).isEmpty)
  }

  /// A run's history is a range of ids, read without an index on the run.
  @Test func runHistoryIsARangeOfIDs() throws {
    let store = try TestStore()
    let plan = try store.sqlite.connection.prepare("EXPLAIN QUERY PLAN SELECT a.id FROM audit a WHERE " + Store.runAuditRows)
      .query([.text("run-1")]) { $0.text(3) ?? "" }
    #expect(plan.contains("SEARCH a USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), "\(plan)")
  }

  /// A run's report asks for the first entries of each operation only.
  @Test(arguments: TestBackend.all)
  func runEntriesCanBeLimitedPerOperation(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(Self.company())
    let limited = try store.store.loadAudit(of: RunID("run-1"), limitPerOperation: 3)
    #expect(limited.map(\.operation) == ["createGroup", "createGroup", "createUser", "createUser", "createUser", "addMember", "addMember", "addMember"])
  }

  /// Within a run, audit rows are written, and listed, in plan order on every backend.
  @Test(arguments: TestBackend.all)
  func aRunsAuditRowsFollowThePlansOrder(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory {
      $0.user("ann", title: "Engineer")
      $0.group("eng")
    })
    try store.markEveryoneActive()
    try store.sync(.directory {
      $0.user("ann", title: "Staff Engineer")
      $0.group("eng")
      $0.member("eng", "ann")
    })
    let history = try store.store.loadAudit(of: store.acme, person: "ann@example.com").map(\.operation)
    #expect(history == ["createUser", "markActive", "updateUser", "addMember"], "\(backend)")
    #expect(try store.store.loadAudit(of: RunID("run-2")).map(\.operation) == ["updateUser", "addMember"])
  }

  /// An email is looked up as the app stores it (NFC, lower case), never with SQL's lower().
  @Test(arguments: TestBackend.all)
  func aPersonIsFoundByAnyCasingOrUnicodeSpellingOfTheirEmail(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory { $0.user("jose", email: "josé@example.com") })
    for query in ["JOSÉ@EXAMPLE.COM", "jose\u{301}@example.com", " josé@example.com "] {
      #expect(try store.store.loadAudit(of: store.acme, person: query).map(\.operation) == ["createUser"], "\(query)")
    }
  }

  /// Person 1 must not be found in a list naming person 11, nor person 11 in one naming 111.
  @Test(arguments: TestBackend.all)
  func aPersonIsFoundOnlyByTheirWholeID(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory {
      $0.group("big")
      for index in 0..<Self.many { $0.user("p\(index)") }
      for index in 0..<Self.many where index != 0 { $0.member("big", "p\(index)") }
    })
    let history = try store.store.loadAudit(of: store.acme, person: "p0@example.com")
    #expect(history.map(\.operation) == ["createUser"])
  }

  /// A listing row is split over several rows past `listSize` people, and read back whole: on
  /// every backend alike.
  @Test(arguments: TestBackend.all)
  func longListsAreSplitAndReadBackWhole(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let size = AuditRules.listSize + 5
    try store.sync(Self.company(size: size))
    #expect(try backend.listingRows(store.store) == 2)
    #expect(Set(entries(try store.store.loadAudit(of: store.acme, group: "00g-big"), "addMember")).count == size)
  }

  /// A group's changes are kept as `AuditRules` says of the whole group, however a backend
  /// batches its writes: more memberships than one PostgreSQL batch, in groups that do not divide
  /// it (so one group straddles the batch's end), list the same rows on every backend.
  @Test(arguments: TestBackend.all)
  func listingsDoNotDependOnHowABackendBatchesItsWrites(backend: TestBackend) throws {
    #if PostgreSQL
      let batch = PostgresApplier.membershipsPerBatch
    #else
      let batch = 100_000
    #endif
    let size = AuditRules.listSize * 2 - 10
    let groups = batch / size + 2
    let store = try TestStore(backend)
    try store.sync(.directory {
      for group in 0..<groups { $0.group("g\(group)") }
      // Person by person: the builder finds the person it added last at once.
      for index in 0..<size {
        $0.user("p\(index)")
        for group in 0..<groups { $0.member("g\(group)", "p\(index)") }
      }
    })
    #expect(try backend.listingRows(store.store) == groups * 2, "\(backend)")
  }

  /// A person's history is found through indexes, never by reading the whole audit log.
  @Test func personHistoryUsesIndexes() throws {
    let store = try TestStore()
    try store.sync(Self.company())
    let plan = try store.sqlite.connection.prepare("EXPLAIN QUERY PLAN " + Store.personAuditRows).query([.integer(1), .integer(1), .text(",1,")]) { $0.text(3) ?? "" }
    #expect(plan.contains { $0.contains("USING INDEX audit_person") || $0.contains("USING COVERING INDEX audit_person") })
    #expect(plan.contains { $0.contains("INDEX audit_listed") })
    #expect(!plan.contains { $0.hasPrefix("SCAN audit") })
  }
}
