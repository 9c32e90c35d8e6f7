import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

@Suite struct StoreApplyTests {
  let company = DirectorySnapshot.directory {
    $0.user("ann", email: "Ann@Example.com", title: "CTO")
    $0.user("bob", assigned: false)
    $0.group("eng", description: "builders", assigned: true)
    $0.member("eng", "ann"); $0.member("eng", "bob")
  }

  @Test(arguments: TestBackend.all)
  func syncCreatesPendingMembersWithTheirGroupsAndAnAuditTrail(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(company)
    let snapshot = try store.snapshot()
    #expect(snapshot.people.map(\.email.rawValue) == ["ann@example.com", "bob@example.com"])
    #expect(snapshot.people.allSatisfy { $0.status == .pending && $0.role == .member })
    #expect(snapshot.people[0].profile.title == "CTO")
    #expect(snapshot.groups.map(\.name) == ["Eng"])
    #expect(snapshot.memberships.count == 2)
    let audit = try store.store.loadAudit(of: RunID("run-1")).map { "\($0.operation) \($0.after ?? "")" }
    #expect(audit.count == 5)
    #expect(audit[0] == #"createGroup {"name":"Eng","description":"builders"}"#)
    #expect(audit.contains { $0.hasPrefix("createUser ") && $0.contains(#""email":"ann@example.com""#) })
  }

  @Test(arguments: TestBackend.all)
  func secondSyncOfTheSameExportPlansNothing(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(company)
    #expect(try store.sync(company).isEmpty)
    let runs = try store.store.loadRuns(of: store.acme)
    #expect(runs.map(\.outcome) == [.noChanges, .applied])
  }

  @Test(arguments: TestBackend.all)
  func everyKindOfChangeAppliesAndThenPlansNothing(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let dayOne = DirectorySnapshot.directory {
      for name in ["ann", "bob", "cat", "dan"] { $0.user(name) }
      $0.group("eng"); $0.group("ops")
      $0.member("eng", "ann"); $0.member("ops", "bob")
    }
    try store.sync(dayOne)
    try store.markEveryoneActive()
    var danSuspended = dayOne
    let dan = danSuspended.users[3]
    danSuspended.users[3] = OktaUser(id: dan.id, status: .suspended, profile: dan.profile)
    try store.sync(danSuspended)
    _ = try store.store.addPerson(to: store.acme, email: .named("eve@example.com"), firstName: "Eve", lastName: nil)
    let dayTwo = DirectorySnapshot.directory {
      $0.user("ann", email: "bob@example.com")  // swap with bob
      $0.user("bob", email: "ann@example.com")
      $0.user("cat", status: .suspended)
      $0.user("dan")
      $0.user("eve", firstName: "Evelyn")
      $0.group("eng", displayName: "R&D"); $0.group("ops", description: "night shift")
      $0.member("eng", "bob"); $0.member("ops", "eve")
    }
    let plan = try store.sync(dayTwo)
    #expect(Set(plan.operations.map(\.kind)) == [
      .renameGroup, .updateGroup, .linkUser, .updateUser, .reactivateUser, .addMember, .removeMember, .deactivateUser,
    ])
    #expect(try store.sync(dayTwo).isEmpty)
    let people = try store.snapshot().people
    #expect(people.first { $0.oktaUserID == .named("ann") }?.email.rawValue == "bob@example.com")
    #expect(people.first { $0.oktaUserID == .named("cat") }?.status == .inactive)
    #expect(people.first { $0.oktaUserID == .named("dan") }?.status == .active)
    #expect(people.first { $0.email.rawValue == "eve@example.com" }?.oktaUserID == .named("eve"))
  }

  /// People come in id order from every store, also after updates moved the first one's row
  /// behind the others (PostgreSQL reads them in the table's order and sorts).
  @Test(arguments: TestBackend.all)
  func snapshotPeopleComeInIDOrderAfterUpdates(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let three = DirectorySnapshot.directory { for name in ["ann", "bob", "cat"] { $0.user(name) } }
    try store.sync(three)
    var changed = three
    let (ann, profile) = (changed.users[0], changed.users[0].profile)
    changed.users[0] = OktaUser(
      id: ann.id, status: ann.status,
      profile: Profile(
        email: profile.email, firstName: profile.firstName, lastName: profile.lastName, mobilePhone: profile.mobilePhone,
        title: "moved", department: profile.department, employeeNumber: profile.employeeNumber))
    try store.sync(changed)
    #if PostgreSQL
      // The table's order, whatever the planner would pick for three rows: ann's new row is last.
      if backend == .postgres { try backend.postgres(store.store).connection.execute("SET enable_indexscan = off; SET enable_bitmapscan = off") }
    #endif
    let people = try store.snapshot().people
    #expect(people.map(\.oktaUserID) == [.named("ann"), .named("bob"), .named("cat")])
    #expect(people.map(\.id.rawValue) == people.map(\.id.rawValue).sorted())
  }

  /// A status no store writes (someone edited the table past its check) stops the read with the
  /// row named, on every backend: a person is never read with a status made up for them.
  @Test(arguments: TestBackend.all)
  func aPersonRowWithAStatusNoStoreWritesIsRefused(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory { $0.user("ann") })
    switch backend {
    case .sqlite:
      try backend.sqlite(store.store).connection.execute("PRAGMA ignore_check_constraints = ON; UPDATE person SET status = 'Pending'")
    case .postgres:
      #if PostgreSQL
        try backend.postgres(store.store).connection.execute(
          "ALTER TABLE person DROP CONSTRAINT person_status_check; UPDATE person SET status = 'Pending'")
      #endif
    }
    let error = #expect(throws: ProxySyncError.self) { try store.snapshot() }
    #expect(error?.description.contains("person row 1 in the store is damaged") == true, "\(String(describing: error))")
  }

  /// More removals than PostgreSQL's applier puts in one statement (10,000): every one goes,
  /// and the audit names every one.
  @Test(arguments: TestBackend.all)
  func removalsBeyondOneStatementAllGoAndAreAudited(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let count = 10_050
    let together = DirectorySnapshot.directory {
      for index in 0..<count { $0.user("u\(index)") }
      $0.group("all")
      for index in 0..<count { $0.member("all", "u\(index)") }
    }
    try store.sync(together)
    var apart = together
    apart.memberships.filter { _ in false }
    let plan = try store.sync(apart)
    #expect(plan.operations.filter { $0.kind == .removeMember }.count == count)
    #expect(try store.snapshot().memberships.isEmpty)
    let audited = try store.store.loadAudit(of: RunID("run-2")).filter { $0.operation == OperationKind.removeMember.rawValue }
    #expect(audited.count == count)
    #expect(try store.sync(apart).isEmpty)
  }

  @Test(arguments: TestBackend.all)
  func failureMidApplyLeavesTheStoreExactlyAsItWas(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(.directory { $0.user("ann") })
    let before = try store.dump()
    // A real failure of the database on the last person insert, after groups and other people were written.
    try backend.failInserting(email: "zed@example.com", in: store.store)
    let failing = DirectorySnapshot.directory {
      $0.user("ann", title: "new title"); $0.user("bob"); $0.user("zed"); $0.group("eng"); $0.member("eng", "bob")
    }
    #expect(throws: ProxySyncError.self) { try store.sync(failing) }
    #expect(try store.dump() == before)
    #expect(try backend.isIdle(store.store))
  }

  @Test(arguments: TestBackend.all)
  func organizationsNeverSeeEachOthersRows(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let globex = try store.store.createOrganization(named: "globex")
    try store.sync(company)
    try store.sync(company, in: globex)
    // Syncing an empty export into globex (forced past the guard) must not touch acme.
    var options = SyncOptions()
    options.deactivationLimit = .count(100)
    try store.markEveryoneActive()
    try store.markEveryoneActive(in: globex)
    let acmeBefore = try store.snapshot()
    try store.sync(.directory { _ in }, in: globex, options: options)
    #expect(try store.snapshot() == acmeBefore)
    #expect(try store.snapshot(globex).people.allSatisfy { $0.status == .inactive })
  }

  @Test(arguments: TestBackend.all)
  func revisionMovesOnlyWhenSomethingChanges(backend: TestBackend) throws {
    let store = try TestStore(backend)
    try store.sync(company)
    let revision = try store.store.loadOrganization(named: "acme").revision
    try store.sync(company)
    #expect(try store.store.loadOrganization(named: "acme").revision == revision)
    #expect(revision == 1)
  }

  @Test(arguments: TestBackend.all)
  func oneRunPerOrganizationAtATimeNamingTheHolder(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let globex = try store.store.createOrganization(named: "globex")
    try store.store.acquireLock(for: store.acme, command: "sync")
    let refusal = try #require(throws: ProxySyncError.self) { try store.store.acquireLock(for: store.acme, command: "import") }
    #expect(refusal.kind == .locked)
    #expect(refusal.message.contains("running \"sync\""), "\(refusal.message)")
    #expect(try store.store.loadLockHolder(of: store.acme)?.command == "sync")
    // Another organization is not held by it.
    try store.store.acquireLock(for: globex, command: "sync")
    store.store.releaseLock(for: store.acme)
    #expect(try store.store.loadLockHolder(of: store.acme) == nil)
    try store.store.acquireLock(for: store.acme, command: "import")
    #expect(try store.store.loadLockHolder(of: store.acme)?.command == "import")
  }

  @Test(arguments: TestBackend.all)
  func valuesWithTabsLineBreaksBackslashesAndQuotesRoundTrip(backend: TestBackend) throws {
    let store = try TestStore(backend)
    let odd = "a\tb\\c\nd\re \"q\" 'é' \\N"
    try store.sync(.directory { $0.user("ann", firstName: odd, lastName: "\\N", title: ""); $0.group("eng", displayName: odd); $0.member("eng", "ann") })
    let snapshot = try store.snapshot()
    #expect(snapshot.people.first?.profile.firstName == odd)
    #expect(snapshot.people.first?.profile.lastName == "\\N")
    #expect(snapshot.groups.first?.name == odd)
    #expect(try store.sync(.directory { $0.user("ann", firstName: odd, lastName: "\\N", title: ""); $0.group("eng", displayName: odd); $0.member("eng", "ann") }).isEmpty)
    // Through an update too: "NULL", braces, commas and quotes are values, not array syntax.
    let updated = #"{"x",NULL}\ "NULL" , é"#
    try store.sync(.directory { $0.user("ann", firstName: updated, lastName: "NULL", title: "a,b"); $0.group("eng", displayName: odd); $0.member("eng", "ann") })
    let after = try store.snapshot().people.first?.profile
    #expect(after?.firstName == updated && after?.lastName == "NULL" && after?.title == "a,b")
  }
}
