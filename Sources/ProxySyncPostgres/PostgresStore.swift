#if PostgreSQL
  import Foundation
  import ProxySyncCore

  /// The Proxy store on a PostgreSQL server (or a Postgres-compatible distributed database),
  /// shared by many organizations and many sync processes at once.
  ///
  /// Behaves as the SQLite store does, through `ProxyStore`: one transaction per run, every
  /// query scoped to one organization, the same audit and run records. What differs stays
  /// here: ids from sequences, a session advisory lock per organization, snapshots read in one
  /// REPEATABLE READ transaction, emails compared as the app normalised them (never with SQL
  /// `lower()`, whose result depends on the server's locale).
  package final class PostgresStore: ProxyStore {
    let connection: PGConnection
    package let location: String
    package var readsInProcess: Bool { false }
    /// Where it connects; its secrets are scrubbed from every message libpq gives.
    let address: ConnectionString
    private let clock: () -> Date
    /// Organizations whose run lock this connection holds (advisory locks are re-entrant within
    /// a session; a second run through the same store is refused all the same).
    var heldLocks = Set<Int64>()

    /// Connects (a libpq URI or connection string; `PG*` variables are honoured) and brings
    /// the schema up to date, creating it in an empty database.
    /// - Throws: a failure naming the server (never the password) when it cannot be reached.
    package convenience init(url: String, clock: @escaping () -> Date = { Date() }) throws(ProxySyncError) {
      try self.init(address: try ConnectionString(url), clock: clock)
    }

    package init(address: ConnectionString, clock: @escaping () -> Date = { Date() }) throws(ProxySyncError) {
      location = address.shown
      self.address = address
      self.clock = clock
      do {
        connection = try PGConnection(address.libpqText)
        // A killed client's lock must not outlive it by more than a few seconds of a query.
        try? connection.execute("SET client_connection_check_interval = '5s'")
        try connection.execute("SET client_min_messages = warning")
        try PostgresSchema.migrate(connection)
      } catch let error as PGError {
        throw ProxySyncError.failure("cannot open the store \(location)", underlying: address.scrub(error.description))
      } catch {
        throw ProxySyncError.failure("cannot open the store \(location)", underlying: address.scrub("\(error)"))
      }
    }

    /// Creates an empty database on the server `url` connects to (for tests and benchmarks,
    /// which each want a database of their own). `name` must be a plain identifier.
    package static func createDatabase(_ name: String, server url: String) throws(ProxySyncError) {
      try onServer(url, "create the database \(name)", ["CREATE DATABASE \(try plainName(name))"])
    }

    /// Drops databases `createDatabase` made, ending any session still open on them (a test run
    /// cleans up after itself: a developer's server would otherwise keep one per test case).
    package static func dropDatabases(_ names: [String], server url: String) throws(ProxySyncError) {
      let statements = try names.map { name throws(ProxySyncError) in "DROP DATABASE IF EXISTS \(try plainName(name)) WITH (FORCE)" }
      // One already gone is not worth a NOTICE on the test run's output.
      try onServer(url, "drop test databases", ["SET client_min_messages = warning"] + statements)
    }

    private static func plainName(_ name: String) throws(ProxySyncError) -> String {
      guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
        throw .usage("\"\(name)\" is not a plain database name")
      }
      return name
    }

    /// Runs statements one by one (neither may run inside a transaction) on one connection.
    private static func onServer(_ url: String, _ doing: String, _ statements: [String]) throws(ProxySyncError) {
      let address = try ConnectionString(url)
      do {
        let connection = try PGConnection(address.libpqText)
        for statement in statements { try connection.execute(statement) }
      } catch {
        throw .failure("cannot \(doing) on \(address.shown)", underlying: address.scrub(error.description))
      }
    }

    func timestamp() -> String { Timestamp.iso8601(secondsSince1970: Int64(clock().timeIntervalSince1970.rounded(.down))) }

    /// Runs a store step, turning PostgreSQL failures into errors an operator can read (never
    /// with the password: libpq's words are scrubbed of it).
    func perform<T>(_ what: String, _ body: () throws -> T) throws(ProxySyncError) -> T {
      try StoreFailure.perform(what, body) { error in
        guard let error = error as? PGError else { return ("", address.scrub("\(error)")) }
        return (error.isConflict ? "; another process changed the same rows, try again" : "", address.scrub(error.description))
      }
    }
  }
#endif
