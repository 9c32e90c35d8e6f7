import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Each store has its own key to sign saved plans with, made once, kept, and carried by a copy.
@Suite struct PlanKeyTests {
  @Test(arguments: TestBackend.all)
  func everyStoreHasItsOwnKeyAndAStoreMadeBeforeKeysGetsOneOnce(backend: TestBackend) throws {
    let directory = TemporaryDirectory()
    let (first, reopen) = try Self.storeWithoutKey(backend, in: directory)
    let key = try reopen().loadPlanSigningKey()
    #expect(try reopen().loadPlanSigningKey() == key)
    #expect(try backend.makeStore(in: TemporaryDirectory()).loadPlanSigningKey() != key)
    _ = first
  }

  @Test(arguments: TestBackend.all)
  func aCopyOfTheStoreSignsWithTheSameKey(backend: TestBackend) throws {
    let original = try TestBackend.sqlite.makeStore(in: TemporaryDirectory())
    _ = try original.createOrganization(named: "acme")
    let copy = try backend.makeStore(in: TemporaryDirectory())
    _ = try original.copyContents(to: copy)
    #expect(try copy.loadPlanSigningKey() == (try original.loadPlanSigningKey()))
  }

  /// A store whose schema predates keys (the key's migration not yet run), and a way to open it
  /// again as a newer proxysync would.
  static func storeWithoutKey(_ backend: TestBackend, in directory: TemporaryDirectory) throws -> (any ProxyStore, () throws -> any ProxyStore) {
    switch backend {
    case .sqlite:
      let path = directory.file("old.sqlite")
      let store = try Store(path: path)
      let version = try #require(Schema.migrations.firstIndex { $0.contains("store_key") })
      try store.connection.execute("DROP TABLE store_key; ALTER TABLE run DROP COLUMN ran_by; PRAGMA user_version = \(version)")
      return (store, { try Store(path: path) })
    case .postgres:
      let url = try PostgresTestServer.newDatabase()
      #if PostgreSQL
        let store = try PostgresStore(url: url)
        let version = try #require(PostgresSchema.migrations.firstIndex { $0.contains("store_key") })
        try store.connection.execute("DROP TABLE store_key; ALTER TABLE run DROP COLUMN ran_by; DELETE FROM proxysync_schema WHERE version > \(version)")
        return (store, { try PostgresStore(url: url) })
      #else
        throw ProxySyncError.failure("this build has no PostgreSQL backend: \(url)")
      #endif
    }
  }
}
