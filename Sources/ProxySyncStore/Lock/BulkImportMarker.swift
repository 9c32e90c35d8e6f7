import Foundation
import ProxySyncCore

/// Says, beside the store file (`STORE-import`), that a first import holds the whole store.
///
/// A first import into a store with no people writes through a rollback journal (see
/// `withBulkJournal`), and while it does, no other process can read the store, not even the run
/// lock that would name it: every other command waited for the whole import. This file is
/// locked (`flock`) for as long as that import runs, and says who runs it; the lock goes with
/// the process, however it ends. Other runs read it before they touch the store, so a second
/// `sync` can refuse at once, naming the import.
final class BulkImportMarker {
  private let descriptor: Int32

  static func path(for store: String) -> String { store + "-import" }

  /// Takes the marker for `holder`; nil when another process holds it (or it cannot be made).
  ///
  /// Never through a link, and never a file of someone else's: a neighbour who planted
  /// `STORE-import` as a link to a file of ours would otherwise have it truncated.
  init?(store: String, holder: LockHolder) {
    let descriptor = open(Self.path(for: store), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid(),
      flock(descriptor, LOCK_EX | LOCK_NB) == 0
    else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    ftruncate(descriptor, 0)
    let text = "\(holder.pid)\n\(holder.host)\n\(holder.startedAt)\n\(holder.command)\n"
    _ = text.withCString { write(descriptor, $0, strlen($0)) }
  }

  /// Gives the marker back: the import is over (committed or rolled back).
  func release() {
    ftruncate(descriptor, 0)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// Who is importing into `store` right now, if anyone.
  static func holder(of store: String) -> LockHolder? {
    let descriptor = open(path(for: store), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
      flock(descriptor, LOCK_UN)
      return nil
    }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    let lines = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count >= 4, let pid = Int32(lines[0]) else {
      return LockHolder.unnamed("another process (its marker \(path(for: store)) does not say which)")
    }
    return LockHolder(pid: pid, host: String(lines[1]), startedAt: String(lines[2]), command: String(lines[3]))
  }
}
