import ProxySyncCore

/// The SQLite store is one backend of `ProxyStore`.
extension Store: ProxyStore {
  package var location: String { path }
  package var readsInProcess: Bool { true }
}
