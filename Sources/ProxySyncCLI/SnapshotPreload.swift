import Foundation
import ProxySyncCore

/// Loads the organization from the store on another thread while this one reads the export:
/// the two are independent until planning, and the machine has two cores.
///
/// The store is used by one thread at a time: the loading thread until `wait` returns, then the
/// caller. That hand-over is what makes the unchecked `Sendable` safe, so every path out of a
/// command that started a preload must `wait` (callers use `defer`) before touching the store.
final class SnapshotPreload: @unchecked Sendable {
  private let finished = DispatchGroup()
  private let store: any ProxyStore
  private let organization: Organization
  private var result: Result<PreloadedSnapshot, ProxySyncError> = .failure(.failure("the store was not read"))

  init(store: any ProxyStore, organization: Organization) {
    self.store = store
    self.organization = organization
    finished.enter()
    Thread.detachNewThread { [self] in
      do {
        result = .success(try self.store.preloadSnapshot(of: self.organization))
      } catch {
        result = .failure(error as? ProxySyncError ?? .failure("\(error)"))
      }
      finished.leave()
    }
  }

  /// Blocks until the snapshot is read (at once if it already was); the store is this thread's again.
  func wait() throws(ProxySyncError) -> PreloadedSnapshot {
    finished.wait()
    return try result.get()
  }
}
