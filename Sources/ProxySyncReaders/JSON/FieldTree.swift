/// The record kind's field paths as a tree of object keys, so reading needs no path strings.
///
/// Every key of every record is looked up here, and almost all of them are keys no field
/// wants. Held flat, in arrays of plain integers and bytes (a tree of nested arrays and
/// dictionaries cost a retain and a release per key compared), and hashed: each node's keys
/// sit in 64 buckets by their length, first and last byte, so an unwanted key is usually turned
/// away by one empty bucket instead of a comparison with each wanted key.
struct FieldTree {
  /// What a key leads to: a field's value (its index in the record) or a nested object.
  enum Entry {
    case leaf(Int)
    case node(Int)
  }

  /// One wanted key: its bytes in `keyBytes`, and where it leads (≥ 0: a field's index;
  /// < 0: the nested node `~entry`).
  private struct Key {
    var start: Int
    var count: Int
    var entry: Int
  }

  private var keys: [Key] = []
  /// Each key's signature, beside `keys`: compared before the bytes are.
  private var signatures: [UInt32] = []
  private var keyBytes: [UInt8] = []
  /// The keys of node n's bucket b are `keys[bucketStart[n * 64 + b]..<bucketStart[n * 64 + b + 1]]`.
  private var bucketStart: [Int32] = []
  /// The top-level object's node.
  let root = 0
  let count: Int

  init(_ fields: [FieldSpec]) {
    count = fields.count
    // Paths to nodes: the root is the empty path.
    var nodePaths: [[String]] = [[]]
    var flat: [(node: Int, key: [UInt8], entry: Int)] = []
    for (index, field) in fields.enumerated() {
      var node = 0
      for (depth, key) in field.path.enumerated() {
        if depth == field.path.count - 1 {
          flat.append((node, Array(key.utf8), index))
          continue
        }
        let path = Array(field.path[...depth])
        if let existing = nodePaths.firstIndex(of: path) {
          node = existing
        } else {
          nodePaths.append(path)
          flat.append((node, Array(key.utf8), ~(nodePaths.count - 1)))
          node = nodePaths.count - 1
        }
      }
    }
    let bucketOf = flat.map { key in key.node * 64 + key.key.withUnsafeBytes { Self.bucket(Self.signature($0)) } }
    bucketStart = [Int32](repeating: 0, count: nodePaths.count * 64 + 1)
    for bucket in bucketOf { bucketStart[bucket + 1] += 1 }
    for bucket in 0..<nodePaths.count * 64 { bucketStart[bucket + 1] += bucketStart[bucket] }
    for index in flat.indices.sorted(by: { bucketOf[$0] < bucketOf[$1] }) {
      let key = flat[index]
      keys.append(Key(start: keyBytes.count, count: key.key.count, entry: key.entry))
      key.key.withUnsafeBytes { signatures.append(Self.signature($0)) }
      keyBytes += key.key
    }
  }

  /// What the key (as bytes) leads to in `node`, or nil for a key no field wants.
  @inline(__always)
  func entry(for key: UnsafeRawBufferPointer, in node: Int) -> Entry? {
    let signature = Self.signature(key)
    let bucket = node &* 64 &+ Self.bucket(signature)
    var index = Int(bucketStart[bucket])
    let end = Int(bucketStart[bucket + 1])
    while index < end {
      if signatures[index] == signature, matches(key, keys[index]) {
        let entry = keys[index].entry
        return entry >= 0 ? .leaf(entry) : .node(~entry)
      }
      index += 1
    }
    return nil
  }

  /// The signature holds only the length's low 16 bits: the length is compared in full here.
  private func matches(_ key: UnsafeRawBufferPointer, _ candidate: Key) -> Bool {
    guard candidate.count == key.count else { return false }
    guard candidate.count > 2 else { return true }
    return keyBytes.withUnsafeBytes { stored in
      for index in 1..<candidate.count - 1 where stored[candidate.start + index] != key[index] { return false }
      return true
    }
  }

  /// The key's length, first and last byte in one number.
  private static func signature(_ key: UnsafeRawBufferPointer) -> UInt32 {
    guard let first = key.first, let last = key.last else { return 0 }
    return UInt32(truncatingIfNeeded: key.count) << 16 | UInt32(first) << 8 | UInt32(last)
  }

  /// One of 64 buckets: the top six bits of a multiplicative hash.
  private static func bucket(_ signature: UInt32) -> Int {
    Int(truncatingIfNeeded: (signature &* 0x9E37_79B1) >> 26)
  }

  /// The same, for a key that held escapes and was decoded.
  func entry(named key: String, in node: Int) -> Entry? {
    var key = key
    return key.withUTF8 { entry(for: UnsafeRawBufferPointer($0), in: node) }
  }
}
