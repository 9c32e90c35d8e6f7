import Foundation
import ProxySyncCore

/// Loads the organization from the store on another thread while this one reads the export:
/// the two are independent until planning, and the machine has two cores.
///
/// A store read in this process (`ProxyStore.readsInProcess`) holds its memberships, most of
/// its rows, until the caller plans (`plan`, once the export is read and the cores are free)
/// and reads them while people are planned: at a million people on two cores that took about 0.3 s off a
/// SQLite night (6.05 → 5.78 s, medians of five). A server reads them at once: PostgreSQL's
/// memberships come as a chain of batches, the server's work and ours in turn, longer than
/// planning people, and held back they made a night on a local server about 0.4 s slower.
///
/// The store is used by one thread at a time: the loading thread until `wait` returns, then the
/// caller. That hand-over is what makes the unchecked `Sendable` safe, so every path out of a
/// command that started a preload must `wait` (callers use `defer`) before touching the store;
/// `wait` releases the memberships itself, so the loading thread never waits for a plan that
/// will not come.
final class SnapshotPreload: @unchecked Sendable {
  private let store: any ProxyStore
  private let organization: Organization
  /// Guards the three below; the loading thread and the caller wait on it for each other.
  private let state = NSCondition()
  private var released = false
  private var people: Result<([Person], [StoredGroup]), ProxySyncError>?
  private var result: Result<PreloadedSnapshot, ProxySyncError>?

  init(store: any ProxyStore, organization: Organization) {
    self.store = store
    self.organization = organization
    let holdsMemberships = store.readsInProcess
    Thread.detachNewThread { [self] in
      // Only a store that holds its memberships back hands its people over early.
      let hand: (([Person], [StoredGroup]) -> Void)? =
        holdsMemberships
        ? { people, groups in
          self.update { $0.people = .success((people, groups)) }
          self.waitUntil { $0.released }
        } : nil
      let outcome: Result<PreloadedSnapshot, ProxySyncError>
      do {
        outcome = .success(try self.store.preloadSnapshot(of: self.organization, peopleRead: hand))
      } catch {
        outcome = .failure(error as? ProxySyncError ?? .failure("\(error)"))
      }
      self.update { preload in
        preload.result = outcome
        // People not handed over early come with the rest (or fail with it).
        if preload.people == nil { preload.people = outcome.map { ($0.snapshot.people, $0.snapshot.groups) } }
      }
    }
  }

  /// Lets the memberships be read: the export is read and the cores are free. Both ways out
  /// (`plan`, `wait`) release first, so no caller has to remember to.
  private func release() {
    update { $0.released = true }
  }

  /// Blocks until the snapshot is read (at once if it already was); the store is this thread's again.
  func wait() throws(ProxySyncError) -> PreloadedSnapshot {
    release()
    waitUntil { $0.result != nil }
    return try state.withLock { result! }.get()
  }

  /// The plan against the store as this reads it, `makePlan`'s people planned while the
  /// memberships are read; with the snapshot it was made from. Releases the memberships.
  func plan(desired: DirectorySnapshot, options: SyncOptions, numbers: UserNumbers?) throws(ProxySyncError) -> (Plan, PreloadedSnapshot) {
    release()
    waitUntil { $0.people != nil }
    let (people, groups) = try state.withLock { self.people! }.get()
    let plan = try makePlan(desired: desired, people: people, groups: groups, options: options, numbers: numbers) {
      () throws(ProxySyncError) in try wait().snapshot.memberships
    }
    return (plan, try wait())
  }

  private func update(_ change: (SnapshotPreload) -> Void) {
    state.withLock {
      change(self)
      state.broadcast()
    }
  }

  /// Blocks until `ready` holds. The caller's waits end when the store's reading reaches that
  /// point or fails; the loading thread's, when the caller plans or waits.
  private func waitUntil(_ ready: (SnapshotPreload) -> Bool) {
    state.withLock {
      while !ready(self) { state.wait() }
    }
  }
}
