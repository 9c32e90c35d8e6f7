/// Numbers distinct ids in the order they are first seen, looking them up by their bytes.
///
/// A million-person export is matched by Okta id many times over: against memberships, app
/// assignments and the people in the store. A `[String: Int]` hashes with SipHash and follows a
/// pointer into each key's storage to compare it; here the ids live once in one byte buffer and
/// the table holds only a hash tag and a number, so a lookup is a few multiplications, a slot
/// and the id's bytes: two cache misses in a table larger than the cache.
package struct IDInterner: Sendable {
  private var arena: [UInt8] = []
  /// While every id has one length (Okta's have 20 bytes), id n starts at n × `width` and `ends`
  /// stays empty: reading where an id ends was a third miss per lookup. `varied` once they differ.
  private var width = 0
  private static let varied = -1
  /// Where each id ends in `arena` once lengths vary; it starts where the previous one ends.
  private var ends: [Int] = []
  package private(set) var count = 0
  /// Open addressing: 0 is empty, else the hash's high 32 bits and the id's number plus one.
  private var slots = [UInt64](repeating: 0, count: 1024)
  private var last: UInt32?

  package init() {}

  /// Room for `capacity` ids without growing (each growth rehashes every id so far); the bytes
  /// are reserved for Okta's 20-character ids.
  package init(capacity: Int) {
    var slotCount = 1024
    while slotCount < capacity * 2 { slotCount *= 2 }
    slots = [UInt64](repeating: 0, count: slotCount)
    arena.reserveCapacity(capacity * 20)
  }

  /// The id's number, adding it when new.
  package mutating func number(of id: String) -> UInt32 {
    Self.withBytes(of: id) { number(of: $0) }
  }

  /// The id's number, or nil when it was never added.
  package func find(_ id: String) -> UInt32? {
    Self.withBytes(of: id) { find($0) }
  }

  package func find(_ key: UnsafeRawBufferPointer) -> UInt32? {
    if let last, equals(last, key) { return last }
    return probe(key).number
  }

  /// For each id `other` numbers in `range`, in order: its number here, or nil.
  ///
  /// Looked up one by one, each id in a table larger than the cache waits for its slot and then
  /// for its bytes to come from memory. Here a batch of ids first reads all its slots, then all
  /// the bytes the slots lead to: loads that do not wait on each other, so the processor has
  /// them in flight together. Only an id not in its home slot is then looked up the usual way.
  package func find(idsOf other: IDInterner, in range: Range<Int>) -> [UInt32?] {
    var found: [UInt32?] = []
    found.reserveCapacity(range.count)
    var hashes = [UInt64](repeating: 0, count: Self.batch)
    var entries = hashes
    slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var start = range.lowerBound
      while start < range.upperBound {
        let block = start..<min(start + Self.batch, range.upperBound)
        for index in block {
          let hash = other.withBytes(of: index) { Self.hash($0) }
          hashes[index - start] = hash
          entries[index - start] = slots[Int(truncatingIfNeeded: hash) & mask]
        }
        for index in block {
          let (hash, entry) = (hashes[index - start], entries[index - start])
          guard entry != 0 else {  // an empty home slot: no such id
            found.append(nil)
            continue
          }
          let number = UInt32(truncatingIfNeeded: entry) - 1
          if entry >> 32 == hash >> 32, other.withBytes(of: index, { equals(number, $0) }) {
            found.append(number)
          } else {
            found.append(other.withBytes(of: index) { probe($0, hash: hash).number })
          }
        }
        start = block.upperBound
      }
    }
    return found
  }

  /// Ids a batch looks up together: enough misses in flight to fill the memory system's queues.
  private static let batch = 32

  /// The key's number if it is there; else the empty slot and hash tag where it would go.
  private func probe(_ key: UnsafeRawBufferPointer) -> (number: UInt32?, slot: Int, tag: UInt64) {
    probe(key, hash: Self.hash(key))
  }

  private func probe(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (number: UInt32?, slot: Int, tag: UInt64) {
    let tag = hash >> 32
    return slots.withUnsafeBufferPointer { slots in
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 {
        let entry = slots[slot]
        let number = UInt32(truncatingIfNeeded: entry) - 1
        if entry >> 32 == tag, equals(number, key) { return (number, slot, tag) }
        slot = (slot &+ 1) & mask
      }
      return (nil, slot, tag)
    }
  }

  private static func withBytes<R>(of text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    // Native strings hand out their UTF-8 in place; others are copied once.
    if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
    var copy = text
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }

  /// The id's number, adding it when new.
  package mutating func number(of key: UnsafeRawBufferPointer) -> UInt32 {
    if let last, equals(last, key) { return last }
    let (found, slot, tag) = probe(key)
    if let found {
      last = found
      return found
    }
    let number = UInt32(count)
    if count == 0 {
      width = key.count
    } else if width != Self.varied, key.count != width {
      ends = (1...count).map { $0 * width }
      width = Self.varied
    }
    arena.append(contentsOf: key.assumingMemoryBound(to: UInt8.self))  // typed: copied in one move
    if width == Self.varied { ends.append(arena.count) }
    count += 1
    slots[slot] = tag << 32 | UInt64(number + 1)
    if count * 2 > slots.count { grow() }
    last = number
    return number
  }

  /// Each of `other`'s ids numbered here, adding those that are new, in `other`'s number order:
  /// the numbers its own ids have here, by their number there.
  package mutating func numbers(of other: IDInterner) -> [UInt32] {
    (0..<other.count).map { number in other.withBytes(of: number) { self.number(of: $0) } }
  }

  /// Calls `body` with the bytes of the id with this number.
  package func withBytes<R>(of number: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[bounds(of: number)])) }
  }

  /// Every id as a string, in number order.
  package func strings() -> [String] {
    arena.withUnsafeBytes { arena in
      (0..<count).map { String(decoding: UnsafeRawBufferPointer(rebasing: arena[bounds(of: $0)]), as: UTF8.self) }
    }
  }

  private func bounds(of index: Int) -> Range<Int> {
    if width != Self.varied { return index * width..<(index + 1) * width }
    return (index == 0 ? 0 : ends[index - 1])..<ends[index]
  }

  private func equals(_ number: UInt32, _ key: UnsafeRawBufferPointer) -> Bool {
    let bounds = bounds(of: Int(number))
    guard bounds.count == key.count else { return false }
    guard !key.isEmpty else { return true }  // an empty arena may have no address
    return arena.withUnsafeBytes { arena in
      Self.sameBytes(UnsafeRawBufferPointer(start: arena.baseAddress! + bounds.lowerBound, count: key.count), key)
    }
  }

  /// Byte equality of two buffers of one length, eight bytes at a time. The last eight go first:
  /// ids that share a prefix (`00u000000000000…`) differ at the end, so a miss costs one load.
  private static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    let count = a.count
    guard count >= 8 else {
      for index in 0..<count where a[index] != b[index] { return false }
      return true
    }
    guard a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) else {
      return false
    }
    var index = 0
    while index + 8 < count {
      if a.loadUnaligned(fromByteOffset: index, as: UInt64.self) != b.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
      index += 8
    }
    return true
  }

  private mutating func grow() {
    var bigger = [UInt64](repeating: 0, count: slots.count * 2)
    arena.withUnsafeBytes { arena in
      for index in 0..<count {
        let hash = Self.hash(UnsafeRawBufferPointer(rebasing: arena[bounds(of: index)]))
        var slot = Int(truncatingIfNeeded: hash) & (bigger.count - 1)
        while bigger[slot] != 0 { slot = (slot + 1) & (bigger.count - 1) }
        bigger[slot] = (hash >> 32) << 32 | UInt64(index + 1)
      }
    }
    slots = bigger
  }

  /// A fast 64-bit hash of short byte strings, eight bytes at a time. Not resistant to chosen
  /// collisions: the input is the operator's own export, and a collision only costs a probe.
  package static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(key.count) &* multiplier
    var index = 0
    while index + 8 <= key.count {
      hash = (hash ^ key.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
      hash ^= hash >> 29
      index += 8
    }
    var tail: UInt64 = 0
    let rest = key.count - index
    if rest > 0, key.count >= 8 {
      // The last eight bytes in one load, those already hashed shifted out (as the byte loop
      // below would put them: first byte lowest).
      tail = key.loadUnaligned(fromByteOffset: key.count - 8, as: UInt64.self) >> (8 * UInt64(8 - rest))
    } else {
      var shift: UInt64 = 0
      while index < key.count {
        tail |= UInt64(key[index]) << shift
        shift += 8
        index += 1
      }
    }
    hash = (hash ^ tail) &* multiplier
    hash ^= hash >> 32
    hash = hash &* multiplier
    return hash ^ hash >> 29
  }
}
