import Foundation
import ProxySyncCore

#if PostgreSQL
  import ProxySyncPostgres
#endif

/// The PostgreSQL server the tests may use: `PROXYSYNC_TEST_POSTGRES`, a libpq URI of a database
/// from which this user may create databases (`.ci/run` starts a throwaway one), in a build with
/// the PostgreSQL trait. Tests that need it report skipped without it.
package enum PostgresTestServer {
  package static let url: String? = {
    #if PostgreSQL
      ProcessInfo.processInfo.environment["PROXYSYNC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    #else
      nil
    #endif
  }()

  package static var isAvailable: Bool { url != nil }

  /// Why PostgreSQL cases do not run here.
  package static let unavailableReason: String = {
    #if PostgreSQL
      "set PROXYSYNC_TEST_POSTGRES to a server's URI (.ci/run starts one)"
    #else
      "this build has no PostgreSQL backend (swift test --traits PostgreSQL)"
    #endif
  }()

  /// A new, empty database on the server; its URI. Without a server, the test case ends as
  /// skipped (`skipUnavailable`).
  package static func newDatabase() throws -> String {
    guard let url else { try skipUnavailable("PostgreSQL", because: unavailableReason) }
    #if PostgreSQL
      guard var components = URLComponents(string: url) else { throw ProxySyncError.failure("no test server") }
      let name = "proxysync_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
      try PostgresStore.createDatabase(name, server: url)
      made.record(name, server: url)
      components.path = "/" + name
      return components.string ?? url
    #else
      _ = url
      try skipUnavailable("PostgreSQL", because: unavailableReason)
    #endif
  }

  #if PostgreSQL
    /// The databases this test process made, dropped when it exits.
    private static let made = MadeDatabases()

    private final class MadeDatabases: @unchecked Sendable {
      private let lock = NSLock()
      private var names: [String] = []
      private var server: String?

      func record(_ name: String, server url: String) {
        lock.withLock {
          if server == nil { atexit { PostgresTestServer.made.dropAll() } }
          server = url
          names.append(name)
        }
      }

      func dropAll() {
        let (names, server) = lock.withLock { (self.names, self.server) }
        guard let server, !names.isEmpty else { return }
        do {
          try PostgresStore.dropDatabases(names, server: server)
        } catch {
          FileHandle.standardError.write(Data("proxysync tests: \(error.description)\n".utf8))
        }
      }
    }
  #endif
}
