import ProxySyncCore
import ProxySyncPostgres
import ProxySyncStore

/// Where `--store` points, and which backend that makes: a libpq URI (`postgresql://…`) or
/// connection string (`host=… dbname=…`) is a PostgreSQL server; anything else a SQLite file.
enum StoreLocation: Equatable {
  case sqlite(path: String)
  case postgres(ConnectionString)

  /// - Throws: a usage error for a malformed PostgreSQL address (never quoting it).
  init(_ text: String) throws(ProxySyncError) {
    self = ConnectionString.isPostgres(text) ? .postgres(try ConnectionString(text)) : .sqlite(path: text)
  }

  /// Opens the store there; the only place that names a backend type.
  /// - Parameter whileImporting: see `Store.init`: what to do while another process's first
  ///   import holds a whole SQLite store.
  func open(
    create: Bool, context: Context, whileImporting: (LockHolder) throws(ProxySyncError) -> Double? = { _ in nil }
  ) throws(ProxySyncError) -> any ProxyStore {
    switch self {
    case .sqlite(let path):
      return try Store(path: path, createIfMissing: create, clock: context.clock, whileImporting: whileImporting)
    case .postgres(let address):
      warnIfInClear(address, context)
      #if PostgreSQL
        _ = create  // the schema is created (and migrated) on every connection
        return try PostgresStore(address: address, clock: context.clock)
      #else
        throw .usage("this proxysync was built without the PostgreSQL store; build it with: swift build -c release --traits PostgreSQL (needs libpq-dev)")
      #endif
    }
  }

  /// People's data crossing the network should be encrypted, to a server that was checked.
  private func warnIfInClear(_ address: ConnectionString, _ context: Context) {
    let remote = address.remoteHosts(environment: context.environment)
    guard !remote.isEmpty, !address.requiresTLS(environment: context.environment) else { return }
    context.warn(
      "the store \(address.shown) is on another host (\(remote.joined(separator: ", "))) and sslmode is not require, verify-ca or verify-full: people's data may cross the network unencrypted, to a server nobody checked; add sslmode=verify-full")
  }
}
