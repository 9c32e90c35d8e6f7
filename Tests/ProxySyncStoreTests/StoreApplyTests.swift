import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

@Suite struct StoreApplyTests {
  let company = DirectorySnapshot.directory {
    $0.user("ann", email: "Ann@Example.com", title: "CTO")
    $0.user("bob", assigned: false)
    $0.group("eng", description: "builders", assigned: true)
    $0.member("eng", "ann"); $0.member("eng", "bob")
  }

  @Test func syncCreatesPendingMembersWithTheirGroupsAndAnAuditTrail() throws {
    let store = try TestStore()
    try store.sync(company)
    let snapshot = try store.snapshot()
    #expect(snapshot.people.map(\.email.rawValue) == ["ann@example.com", "bob@example.com"])
    #expect(snapshot.people.allSatisfy { $0.status == .pending && $0.role == .member })
    #expect(snapshot.people[0].profile.title == "CTO")
    #expect(snapshot.groups.map(\.name) == ["Eng"])
    #expect(snapshot.memberships.count == 2)
    let audit = try store.store.connection.prepare("SELECT operation, after FROM audit ORDER BY id").query { "\($0.text(0) ?? "") \($0.text(1) ?? "")" }
    #expect(audit.count == 5)
    #expect(audit[0] == #"createGroup {"name":"Eng","description":"builders"}"#)
    #expect(audit.contains { $0.hasPrefix("createUser ") && $0.contains(#""email":"ann@example.com""#) })
  }

  @Test func secondSyncOfTheSameExportPlansNothing() throws {
    let store = try TestStore()
    try store.sync(company)
    #expect(try store.sync(company).isEmpty)
    let runs = try store.store.loadRuns(of: store.acme)
    #expect(runs.map(\.outcome) == [.noChanges, .applied])
  }

  @Test func everyKindOfChangeAppliesAndThenPlansNothing() throws {
    let store = try TestStore()
    try store.sync(.directory {
      for name in ["ann", "bob", "cat", "dan"] { $0.user(name) }
      $0.group("eng"); $0.group("ops")
      $0.member("eng", "ann"); $0.member("ops", "bob")
    })
    try store.store.connection.execute("UPDATE person SET status = 'active'")
    try store.store.connection.execute("UPDATE person SET status = 'inactive' WHERE email = 'dan@example.com'")
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

  @Test func failureMidApplyLeavesTheStoreExactlyAsItWas() throws {
    let store = try TestStore()
    try store.sync(.directory { $0.user("ann") })
    let before = try store.dump()
    // A real SQLite failure on the last person insert, after groups and other people were written.
    try store.store.connection.execute("""
      CREATE TRIGGER fail BEFORE INSERT ON person WHEN NEW.email = 'zed@example.com'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
      """)
    let failing = DirectorySnapshot.directory {
      $0.user("ann", title: "new title"); $0.user("bob"); $0.user("zed"); $0.group("eng"); $0.member("eng", "bob")
    }
    #expect(throws: ProxySyncError.self) { try store.sync(failing) }
    #expect(try store.dump() == before)
    #expect(store.store.connection.openStatementCount == 0)
  }

  @Test func organizationsNeverSeeEachOthersRows() throws {
    let store = try TestStore()
    let globex = try store.store.createOrganization(named: "globex")
    try store.sync(company)
    try store.sync(company, in: globex)
    // Syncing an empty export into globex (forced past the guard) must not touch acme.
    var options = SyncOptions()
    options.deactivationLimit = .count(100)
    try store.store.connection.execute("UPDATE person SET status = 'active'")
    let acmeBefore = try store.snapshot()
    try store.sync(.directory { _ in }, in: globex, options: options)
    #expect(try store.snapshot() == acmeBefore)
    #expect(try store.snapshot(globex).people.allSatisfy { $0.status == .inactive })
  }

  @Test func revisionMovesOnlyWhenSomethingChanges() throws {
    let store = try TestStore()
    try store.sync(company)
    let revision = try store.store.loadOrganization(named: "acme").revision
    try store.sync(company)
    #expect(try store.store.loadOrganization(named: "acme").revision == revision)
    #expect(revision == 1)
  }
}
