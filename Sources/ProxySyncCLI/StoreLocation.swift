import ProxySyncCore
import ProxySyncPostgres
import ProxySyncStore

/// Where `--store` points, and which backend that makes: a file path is a SQLite store;
/// `postgres://` or `postgresql://` a PostgreSQL server.
enum StoreLocation: Equatable {
  case sqlite(path: String)
  case postgres(url: String)

  init(_ text: String) {
    let lower = text.lowercased()
    self = lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
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
    case .postgres(let url):
      #if PostgreSQL
        _ = create  // the schema is created (and migrated) on every connection
        return try PostgresStore(url: url, clock: context.clock)
      #else
        _ = url
        throw .usage("this proxysync was built without the PostgreSQL store; build it with: swift build -c release --traits PostgreSQL (needs libpq-dev)")
      #endif
    }
  }
}
