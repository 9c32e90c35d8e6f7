import Foundation

/// Results of work done on several threads, one slot per part, handed over under a lock.
final class ParallelParts<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Value?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

  /// The parts in order, handed over: the slots let go of them, so whoever merges them holds the
  /// only reference and grows their arrays in place. Call after all the work has finished.
  func take() -> [Value] {
    lock.withLock {
      defer { slots = Array(repeating: nil, count: slots.count) }
      return slots.compactMap { $0 }
    }
  }
}

/// Adds up how far each file has been read, for one progress figure across threads.
final class ProgressMeter: @unchecked Sendable {
  private let lock = NSLock()
  private var done: [String: Int] = [:]
  /// The sum of `done`, kept as it changes: a fetched export has tens of thousands of files.
  private var doneTotal = 0
  private let sizes: [String: Int]
  private let total: Int
  private let report: ((Int, Int) -> Void)?

  /// - Parameter sizes: each file's size, in the order of `files`.
  init(files: [ExportFile], sizes: [Int], report: ((Int, Int) -> Void)?) {
    self.sizes = Dictionary(zip(files.map(\.name), sizes), uniquingKeysWith: { first, _ in first })
    self.total = sizes.reduce(0, +)
    self.report = report
  }

  func size(of file: ExportFile) -> Int { sizes[file.name] ?? 0 }

  func advance(_ file: ExportFile, to offset: Int) {
    guard let report else { return }
    // Reported under the lock: the listener (a progress line) is not made for two threads.
    lock.withLock {
      doneTotal += offset - (done.updateValue(offset, forKey: file.name) ?? 0)
      report(doneTotal, total)
    }
  }
}

extension ExportRecords {
  /// Appends another part's records; parts are merged in file order, so messages stay in order.
  mutating func merge(_ other: ExportRecords) {
    // An index covers one part's users: with users from two parts, assembling builds it again.
    if !other.users.isEmpty { userIndex = users.isEmpty ? other.userIndex : nil }
    Self.absorb(&users, other.users)
    userSources.append(contentsOf: other.userSources)
    Self.absorb(&groups, other.groups)
    memberships.merge(other.memberships)
    appUsers.merge(other.appUsers)
    Self.absorb(&appGroups, other.appGroups)
    Self.absorb(&diagnostics, other.diagnostics)
    rejectedUserIDs.formUnion(other.rejectedUserIDs)
    rejectedGroupIDs.formUnion(other.rejectedGroupIDs)
    unreadable.formUnion(other.unreadable)
    unexportedFields.formUnion(other.unexportedFields)
    membersOnlyListed += other.membersOnlyListed
    leftOutMemberships += other.leftOutMemberships
    assignmentsComplete = assignmentsComplete && other.assignmentsComplete
    groupDescriptionsExported = groupDescriptionsExported && other.groupDescriptionsExported
  }

  /// Appends `other` to `list`. An array is taken whole when `list` is empty, and `list` is left
  /// alone when `other` is: appending even nothing to an array shared with another part copies
  /// it, which for a million users means a second copy of all of them.
  private static func absorb<T>(_ list: inout [T], _ other: [T]) {
    if other.isEmpty { return }
    if list.isEmpty { list = other } else { list += other }
  }
}

/// `transform` of the two halves of `0..<count`, each on its own core, joined in order; for
/// work done a range at a time.
func parallelChunks<T>(_ count: Int, _ transform: @Sendable (Range<Int>) -> [T]) -> [T] {
  guard count >= 20_000 else { return transform(0..<count) }
  let halves = [0..<count / 2, count / 2..<count]
  let parts = ParallelParts<[T]>(count: 2)
  DispatchQueue.concurrentPerform(iterations: 2) { part in parts.set(part, transform(halves[part])) }
  return parts.take().flatMap { $0 }
}
