import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Synchronization
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// A first big import into an empty store: rows written in batches (and checked), secondary
/// indexes built after loading, a rollback journal instead of the WAL.
@Suite struct BulkLoadTests {
  /// 2,500 people in 40 groups, five memberships each: over 10,000 operations.
  let company = DirectorySnapshot.directory {
    for group in 0..<40 { $0.group("g\(group)") }
    for person in 0..<2_500 {
      $0.user("p\(person)")
      for offset in 0..<5 { $0.member("g\((person + offset * 7) % 40)", "p\(person)") }
    }
  }

  func indexes(_ store: TestStore) throws -> Set<String> {
    Set(try store.sqlite.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").query { $0.text(0) ?? "" })
  }

  @Test func bulkImportRebuildsEveryIndexAndConverges() throws {
    let store = try TestStore()
    let before = try indexes(store)
    let plan = try store.sync(company)
    #expect(plan.operations.count > 10_000)
    #expect(try indexes(store) == before)
    #expect(try store.sync(company).isEmpty)
    let integrity = try store.sqlite.connection.prepare("PRAGMA integrity_check").query { $0.text(0) }
    #expect(integrity == ["ok"])
    // Memberships are written a group at a time, audited as one row per group listing its people.
    let rows = try store.sqlite.connection.prepare("SELECT count(*) FROM audit WHERE operation = 'addMember'").query { $0.integer(0) }
    #expect(rows == [40])
    let added = try store.sqlite.loadAudit(of: RunID("run-1")).filter { $0.operation == "addMember" }.map(\.subject)
    #expect(added.count == 12_500)
    #expect(Set(added).count == 12_500)
    #expect(added.contains(#""G7" (00g-g7) ← p0@example.com (00u-p0)"#))
  }

  /// New people are made ready a step at a time on another thread; every step, and the short
  /// statement at the end, must arrive whole, each person with their own values and row id (the
  /// memberships after them name them by it), on every backend.
  @Test(arguments: TestBackend.all)
  func peopleCreatedInStepsAllArriveWithTheirOwnValues(backend: TestBackend) throws {
    let store = try TestStore(backend)
    #if PostgreSQL
      let step = backend == .postgres ? PostgresApplier.createsPerBatch : PlanApplier.createStep
    #else
      let step = PlanApplier.createStep
    #endif
    let count = step + NewPeopleRows.statementSize + 7
    // Some people in every step, and the last, are in a group (a builder's memberships cost a
    // search each, so not everyone).
    let members = Set(stride(from: 0, to: count, by: 97)).union([count - 1])
    let export = DirectorySnapshot.directory {
      $0.group("all")
      for index in 0..<count {
        $0.user("u\(index)", title: "title \(index)")
        if members.contains(index) { $0.member("all", "u\(index)") }
      }
    }
    var reported: [Int] = []
    let (plan, _) = try store.store.applyChanges(to: store.acme, run: RunStart(id: RunID("run-1"), command: "import", source: nil),
      progress: { reported.append($0) }) { current, _ in makePlan(desired: export, current: current) }
    try store.checkReferences()
    // Progress moves forward only, is heard while people are being created, and ends at the total.
    #expect(reported == reported.sorted())
    #expect(reported.contains(1 + step))
    #expect(reported.last == plan.operations.count)
    let snapshot = try store.snapshot()
    #expect(snapshot.people.count == count)
    #expect(snapshot.people.allSatisfy { person in
      guard let id = person.oktaUserID?.rawValue.dropFirst(4) else { return false }
      return person.email.rawValue == "\(id)@example.com" && person.profile.title == "title \(id.dropFirst())"
    })
    // Each membership names its own person (the last one created among them).
    let last = try store.store.loadAudit(of: store.acme, person: "u\(count - 1)@example.com")
    #expect(last.map(\.operation) == ["createUser", "addMember"])
    #expect(last.first?.after?.contains(#""title":"title \#(count - 1)""#) == true)
    #expect(try store.store.loadAudit(of: RunID("run-1")).filter { $0.operation == "createUser" }.count == count)
    let byID = Dictionary(uniqueKeysWithValues: snapshot.people.map { ($0.id, $0.oktaUserID?.rawValue ?? "") })
    #expect(Set(snapshot.memberships.map { byID[$0.personID] ?? "" }) == Set(members.map { "00u-u\($0)" }))
  }

  func journalMode(_ store: Store) throws -> String? {
    try store.connection.prepare("PRAGMA journal_mode").query { $0.text(0) ?? "" }.first
  }

  /// A first import writes through a rollback journal (each page once), then the store is back
  /// in WAL mode; with people stored, or another connection open, the WAL is kept throughout.
  @Test func firstImportUsesARollbackJournalOnlyWhenAlone() throws {
    let store = try TestStore()
    func modeDuringApply(_ desired: DirectorySnapshot, run: String) throws -> String? {
      var mode: String?
      _ = try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID(run), command: "sync", source: nil)) { current, _ in
        mode = try journalMode(store.sqlite)
        return makePlan(desired: desired, current: current)
      }
      try store.checkReferences()
      return mode
    }
    do {
      let other = try Store(path: store.sqlite.path)
      let mode = try modeDuringApply(.directory { $0.group("g0") }, run: "shared")
      withExtendedLifetime(other) { #expect(mode == "wal") }
    }
    #expect(try modeDuringApply(company, run: "alone") == "delete")
    #expect(try journalMode(store.sqlite) == "wal")
    let synchronous = try store.sqlite.connection.prepare("PRAGMA synchronous").query { $0.integer(0) }
    #expect(synchronous == [1])  // NORMAL again
    #expect(try modeDuringApply(.directory { $0.user("late") }, run: "later") == "wal")
    #expect(try Store(path: store.sqlite.path).loadSnapshot(of: store.acme).people.count == 2_501)
  }

  /// While another process's first import holds the store with a rollback journal, opening the
  /// store waits for it like for any lock (SQLite itself refuses the switch to WAL at once).
  @Test func openingWaitsForAnImportHoldingARollbackJournal() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("store.sqlite")
    _ = try Store(path: path)
    let importer = try Connection(path: path, create: false)
    #expect(try importer.prepare("PRAGMA journal_mode = DELETE").query { $0.text(0) ?? "" } == ["delete"])
    try importer.execute("BEGIN IMMEDIATE; INSERT INTO organization (name, created_at) VALUES ('busy', 'now')")
    // The opener, on another thread, must meet the lock, keep waiting, and get through once the
    // import commits.
    let refused = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    let outcome = Mutex<String>("not finished")
    Thread.detachNewThread {
      var told = false
      // Whatever happens, the test thread must not wait for a refusal that never comes.
      defer { if !told { refused.signal() } }
      do {
        let opener = try Connection(path: path, create: false)
        try Store.enterWAL(opener, timeout: 60) {
          if !told { refused.signal() }
          told = true
        }
        let mode = try opener.prepare("PRAGMA journal_mode").query { $0.text(0) ?? "" }
        outcome.withLock { $0 = mode.joined() }
      } catch {
        outcome.withLock { $0 = "\(error)" }
      }
      finished.signal()
    }
    refused.wait()
    try importer.execute("COMMIT")
    finished.wait()
    #expect(outcome.withLock { $0 } == "wal")
  }

  /// A batch of memberships in which one is already stored means the store moved under the
  /// plan: the run stops and nothing of it stays.
  @Test func batchMeetingAnExistingMembershipRollsBack() throws {
    let store = try TestStore()
    var withoutG0 = company
    let groupIDs = company.memberships.groupIDs
    withoutG0.memberships.filter { groupIDs[Int($0.group)] != .named("g0") }
    try store.sync(withoutG0)
    let dump = try store.dump()
    let error = #expect(throws: ProxySyncError.self) {
      _ = try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID("late"), command: "sync", source: nil)) { current, _ in
        let plan = makePlan(desired: company, current: current)
        let adds = plan.operations.filter { $0.kind == .addMember }.count
        #expect(adds > 300)
        // Someone else adds the first of those memberships after the plan was made.
        guard case .addMember(let group, let person)? = plan.operations.first(where: { $0.kind == .addMember }),
          let groupID = current.groups.first(where: { $0.oktaGroupID == group.groupID })?.id, let personID = person.personID
        else { throw ProxySyncError.failure("no membership planned") }
        try store.sqlite.connection.execute("INSERT INTO membership (group_id, person_id) VALUES (\(groupID.rawValue), \(personID.rawValue))")
        return plan
      }
    }
    #expect(error?.kind == .stalePlan)
    #expect(try store.dump() == dump)
  }

  /// The same for removals: a hundred removed in one statement must be a hundred rows gone.
  @Test func batchMissingAMembershipToRemoveRollsBack() throws {
    let store = try TestStore()
    try store.sync(company)
    var withoutG0 = company
    let groupIDs = company.memberships.groupIDs
    withoutG0.memberships.filter { groupIDs[Int($0.group)] != .named("g0") }
    let dump = try store.dump()
    let error = #expect(throws: ProxySyncError.self) {
      _ = try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID("late"), command: "sync", source: nil)) { current, _ in
        let plan = makePlan(desired: withoutG0, current: current)
        #expect(plan.operations.filter { $0.kind == .removeMember }.count > GroupChanges.statementSize)
        guard let groupID = current.groups.first(where: { $0.oktaGroupID == .named("g0") })?.id else {
          throw ProxySyncError.failure("no group g0")
        }
        // Someone else removes one of those memberships after the plan was made.
        let group = groupID.rawValue
        try store.sqlite.connection.execute(
          "DELETE FROM membership WHERE group_id = \(group) AND person_id = (SELECT min(person_id) FROM membership WHERE group_id = \(group))")
        return plan
      }
    }
    #expect(error?.kind == .stalePlan)
    #expect(try store.dump() == dump)
  }

  @Test func failedBulkImportLeavesTheIndexesAndTheDataAsTheyWere() throws {
    let store = try TestStore()
    let before = try indexes(store)
    let dump = try store.dump()
    try store.sqlite.connection.execute("""
      CREATE TRIGGER fail BEFORE INSERT ON membership WHEN (SELECT count(*) FROM membership) = 9000
      BEGIN SELECT RAISE(ABORT, 'injected'); END
      """)
    #expect(throws: ProxySyncError.self) { try store.sync(company) }
    #expect(try indexes(store) == before)
    #expect(try store.dump() == dump)
  }
}

@Suite struct PreloadTests {
  @Test func preloadedSnapshotIsUsedOnlyWhileTheRevisionStands() throws {
    let store = try TestStore()
    try store.sync(.directory { $0.user("ann") })
    let early = try store.sqlite.preloadSnapshot(of: store.acme)
    _ = try store.sqlite.addPerson(to: store.acme, email: .named("late@example.com"), firstName: nil, lastName: nil)
    var seen: [String] = []
    _ = try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID("r"), command: "sync", source: nil), preloaded: early) {
      current, _ in
      seen = current.people.map(\.email.rawValue)
      return makePlan(desired: .directory { $0.user("ann") }, current: current)
    }
    #expect(seen == ["ann@example.com", "late@example.com"])

    let fresh = try store.sqlite.preloadSnapshot(of: store.acme)
    var reused = false
    _ = try store.sqlite.applyChanges(to: store.acme, run: RunStart(id: RunID("s"), command: "sync", source: nil), preloaded: fresh) {
      current, _ in
      reused = current == fresh.snapshot
      return makePlan(desired: .directory { $0.user("ann") }, current: current)
    }
    #expect(reused)
  }

  /// The people and groups are handed over once, before the snapshot is complete, and are the
  /// snapshot's own; without a listener the snapshot is the same.
  @Test(arguments: TestBackend.all)
  func peopleAndGroupsAreHandedOverAheadOfTheMemberships(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(
      .directory {
        for name in ["ann", "bob", "cy"] { $0.user(name) }
        $0.group("eng", assigned: true)
        $0.group("ops", assigned: true)
        $0.member("eng", "ann")
        $0.member("ops", "bob")
        $0.member("ops", "cy")
      })
    var heard: [(people: [Person], groups: [StoredGroup])] = []
    let preloaded = try store.store.preloadSnapshot(of: store.acme) { heard.append(($0, $1)) }
    #expect(heard.count == 1)
    #expect(heard.first?.people == preloaded.snapshot.people && heard.first?.groups == preloaded.snapshot.groups)
    #expect(preloaded.snapshot.people.count == 3 && preloaded.snapshot.groups.count == 2 && preloaded.snapshot.memberships.count == 3)
    let unheard = try store.store.preloadSnapshot(of: store.acme)
    #expect(unheard.snapshot == preloaded.snapshot && unheard.revision == preloaded.revision)
  }
}

#if PostgreSQL
  /// The PostgreSQL store's first bulk import drops and rebuilds the secondary indexes: every
  /// one must come back exactly as the schema made it, and the data must converge.
  @Suite(.enabled(if: PostgresTestServer.isAvailable, "needs PROXYSYNC_TEST_POSTGRES and the PostgreSQL trait"))
  struct PostgresBulkLoadTests {
    @Test func firstBulkImportRebuildsEveryIndexAsTheSchemaMadeIt() throws {
      let directory = TemporaryDirectory()
      let store = try TestBackend.postgres.makeStore(in: directory)
      let acme = try store.createOrganization(named: "acme")
      let connection = try TestBackend.postgres.postgres(store).connection
      func indexes() throws -> [String] {
        let result = try connection.query("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname")
        return result.rows { result.text($0, 0) ?? "" }
      }
      let before = try indexes()
      let company = BulkLoadTests().company
      let (plan, _) = try store.applyChanges(to: acme, run: RunStart(id: RunID("run-1"), command: "import", source: nil)) { current, _ in
        makePlan(desired: company, current: current)
      }
      #expect(plan.operations.count > PostgresBulkIndexes.from)
      #expect(try indexes() == before)
      try TestBackend.postgres.checkReferences(store)
      let (again, _) = try store.applyChanges(to: acme, run: RunStart(id: RunID("run-2"), command: "sync", source: nil)) { current, _ in
        makePlan(desired: company, current: current)
      }
      #expect(again.isEmpty)
      #expect(try store.loadAudit(of: acme, person: "p7@example.com").map(\.operation) == ["createUser"] + Array(repeating: "addMember", count: 5))
    }
  }
#endif
