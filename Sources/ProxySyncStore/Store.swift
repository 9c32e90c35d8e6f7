import Foundation
import ProxySyncCore

/// The Proxy store: one SQLite file holding many organizations.
///
/// Every query names the organization it works on, so one company's run can never read or
/// change another's rows. This type and its extensions are the only place SQL is written;
/// callers speak in domain values.
package final class Store {
  let connection: Connection
  package let path: String
  private let clock: () -> Date

  /// Opens the store, creating it (mode 0600) when asked, and migrating its schema as needed.
  /// - Throws: `ProxySyncError` naming the file when it is missing, cannot be opened or is not a store.
  /// - Parameter whileImporting: hears who holds the whole store with a first import, if
  ///   anyone, before the store is touched. It may refuse (throw), say how many seconds to wait
  ///   for the import to end (then a run still held is refused as locked), or nil to go on and
  ///   let reads wait for the store as usual.
  package init(
    path: String, createIfMissing: Bool = true, clock: @escaping () -> Date = { Date() },
    whileImporting: (LockHolder) throws(ProxySyncError) -> Double? = { _ in nil }
  ) throws(ProxySyncError) {
    self.path = path
    self.clock = clock
    guard createIfMissing || FileManager.default.fileExists(atPath: path) else {
      throw ProxySyncError.failure("no store at \(path); create an organization first: proxysync org create NAME")
    }
    if let holder = BulkImportMarker.holder(of: path), let wait = try whileImporting(holder) {
      let deadline = Date().addingTimeInterval(wait)
      while BulkImportMarker.holder(of: path) != nil {
        guard Date() < deadline else {
          throw holder.importRefusal(waited: wait)
        }
        usleep(100_000)
      }
    }
    do {
      try Store.createPrivateFile(at: path)
      connection = try Connection(path: path, create: false)
      // Takes effect only on a new, empty file. 16 KB pages made a million-person import's
      // inserts and commit about a third faster than SQLite's default 4 KB.
      try connection.execute("PRAGMA page_size = 16384")
      try Self.enterWAL(connection)
      // In WAL mode NORMAL still never corrupts the store; a power cut can only lose the last
      // committed run, which the next run redoes. A larger page cache keeps big applies off disk.
      try connection.execute("PRAGMA synchronous = NORMAL; \(Self.largeCache); PRAGMA temp_store = MEMORY")
      try Schema.migrate(connection)
    } catch let error as ProxySyncError {
      throw error
    } catch {
      throw ProxySyncError.failure("cannot open the store \(path)", underlying: "\(error)")
    }
  }

  /// 256 MB of page cache, for big applies.
  static let largeCache = "PRAGMA cache_size = -262144"

  /// Runs a read that passes each page once (a listing, an organization's snapshot) with an
  /// 8 MB page cache: the large one would only keep what it passed, a quarter of a gigabyte for
  /// a million people.
  func withSmallCache<T>(_ body: () throws -> T) throws -> T {
    try connection.execute("PRAGMA cache_size = -8192")
    defer { try? connection.execute(Self.largeCache) }
    return try body()
  }

  /// People's data is personal: a new store file is readable by its owner only.
  private static func createPrivateFile(at path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { return }
    let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
    guard descriptor >= 0 else {
      throw ProxySyncError.failure("cannot create the store \(path)", underlying: String(cString: strerror(errno)))
    }
    close(descriptor)
  }

  /// The current time as stored: ISO 8601, UTC, whole seconds.
  func timestamp() -> String { Self.timestamp(clock()) }

  static func timestamp(_ date: Date) -> String {
    Timestamp.iso8601(secondsSince1970: Int64(date.timeIntervalSince1970.rounded(.down)))
  }

  /// Runs a store step, turning SQLite failures into errors an operator can read.
  func perform<T>(_ what: String, _ body: () throws -> T) throws(ProxySyncError) -> T {
    try StoreFailure.perform(what, body) { error in
      guard let error = error as? SQLiteError else { return ("", "\(error)") }
      let hint =
        error.isBusy ? "; another process is writing to the store, try again"
        : error.isFull ? "; the disk is full, nothing was written" : ""
      return (hint, error.description)
    }
  }
}
