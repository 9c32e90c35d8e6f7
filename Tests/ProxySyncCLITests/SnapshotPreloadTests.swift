import Foundation
@testable import ProxySyncCLI
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

/// The store read on another thread while the export is read (`SnapshotPreload`): a SQLite
/// store holds its memberships back until the export is read, and hands its people over first.
/// Each wait is bounded (`bounded`): one that never ends fails the test instead of hanging the suite.
@Suite struct SnapshotPreloadTests {
  let directory = TemporaryDirectory()

  /// A store with three people in two groups; the export moves bob from ops to eng.
  func store() throws -> (Store, Organization, desired: DirectorySnapshot) {
    let store = try Store(path: directory.file("store.sqlite"))
    let acme = try store.createOrganization(named: "acme")
    func company(_ bobIn: String) -> DirectorySnapshot {
      .directory {
        for name in ["ann", "bob", "cy"] { $0.user(name) }
        $0.group("eng", assigned: true)
        $0.group("ops", assigned: true)
        $0.member("eng", "ann")
        $0.member(bobIn, "bob")
        $0.member("ops", "cy")
      }
    }
    _ = try store.applyChanges(to: acme, run: RunStart(id: RunID("first"), command: "sync", source: nil)) { current, _ in
      makePlan(desired: company("ops"), current: current)
    }
    return (store, try store.loadOrganization(named: "acme"), company("eng"))
  }

  @Test func thePlanMadeAsTheStoreArrivesIsThePlanFromTheWholeStore() throws {
    let (store, acme, desired) = try store()
    let preload = SnapshotPreload(store: store, organization: acme)
    let (plan, preloaded) = try #require(try bounded { try preload.plan(desired: desired, options: .default, numbers: nil) })
    #expect(preloaded.snapshot == (try store.loadSnapshot(of: acme)))
    #expect(preloaded.snapshot.memberships.count == 3)
    #expect(plan.lines == ["addMember 00g-eng 00u-bob", "removeMember 00g-ops 00u-bob"])
  }

  /// A command that fails before it plans (a broken export) never asks for the memberships:
  /// its `wait` must, or the loading thread would hold the store forever.
  @Test func waitingWithoutAReleaseStillGetsTheWholeStore() throws {
    let (store, acme, _) = try store()
    let preload = SnapshotPreload(store: store, organization: acme)
    let preloaded = try #require(try bounded { try preload.wait() })
    #expect(preloaded.snapshot.people.count == 3 && preloaded.snapshot.memberships.count == 3)
  }

  @Test func peopleThatCannotBeReadFailThePlan() throws {
    let (store, acme, desired) = try store()
    try store.connection.execute("UPDATE person SET email = '' WHERE email = 'bob@example.com'")
    let preload = SnapshotPreload(store: store, organization: acme)
    let error = try #require(throws: ProxySyncError.self) { try bounded { try preload.plan(desired: desired, options: .default, numbers: nil) } }
    #expect(error.message.contains("is damaged (email, status or role)"))
  }

  /// Read after the people were handed over: the plan waiting for them fails, and does not hang.
  @Test func membershipsThatCannotBeReadFailThePlan() throws {
    let (store, acme, desired) = try store()
    try store.connection.execute("DROP TABLE membership")
    let preload = SnapshotPreload(store: store, organization: acme)
    let error = try #require(throws: ProxySyncError.self) { try bounded { try preload.plan(desired: desired, options: .default, numbers: nil) } }
    #expect("\(error)".contains("membership"))
  }

  /// `body`'s result, waited for on another thread at most `seconds`; nil, with an issue
  /// recorded, when it is still running then.
  func bounded<T>(
    seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping () throws -> T
  ) throws -> T? {
    let outcome = BoundedOutcome(body)
    Thread.detachNewThread {
      outcome.result = Result { try outcome.body() }
      outcome.done.signal()
    }
    guard outcome.done.wait(timeout: .now() + seconds) == .success else {
      Issue.record("still waiting after \(Int(seconds)) s", sourceLocation: sourceLocation)
      return nil
    }
    return try outcome.result!.get()
  }
}

/// What `bounded` hands between threads: the body, then its result, ordered by the semaphore.
private final class BoundedOutcome<T>: @unchecked Sendable {
  let done = DispatchSemaphore(value: 0)
  let body: () throws -> T
  var result: Result<T, any Error>?
  init(_ body: @escaping () throws -> T) { self.body = body }
}
