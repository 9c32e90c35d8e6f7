#if PostgreSQL
  import Foundation

  /// Rows copied out of libpq's results as they arrive, made into values afterwards in the
  /// order of a key column rather than the server's.
  ///
  /// Values made in the order they will be used lie side by side in memory. A snapshot's people
  /// arrive in the table's order (which updates scramble) and are handed over in id order: made
  /// as they came and then moved into place, each person's strings lay scattered, and the
  /// planner's walk in id order spent a third of its time waiting for memory (1.4 s against
  /// 1.0 s for the same people read from SQLite). The server sorting them instead cost it more
  /// than that.
  ///
  /// A row costs its text and a byte a value. Rows are kept in buckets by key range, each sorted
  /// and freed as soon as its values are made, so the copies and the values made of them are
  /// not held in full at once.
  final class PGRowBuffer: @unchecked Sendable {
    private let columns: Int
    private let keyColumn: Int
    private let keys: ClosedRange<Int64>
    private var buckets: [Bucket]
    private(set) var count = 0

    /// Each value is a length byte and its bytes; longer values and NULL take a marker instead.
    fileprivate static let long: UInt8 = 0xFE
    fileprivate static let null: UInt8 = 0xFF

    /// `keys` is where the keys are expected to lie (any key outside goes to the first or last
    /// bucket, still in order); `buckets` how many parts they are kept in.
    init(columns: Int, keyColumn: Int, keys: ClosedRange<Int64>, buckets: Int) {
      self.columns = columns
      self.keyColumn = keyColumn
      self.keys = keys
      self.buckets = (0..<max(buckets, 1)).map { _ in Bucket() }
    }

    deinit { for bucket in buckets { free(bucket.storage) } }

    /// Copies a row's first `columns` values.
    func append(_ row: some PGRowValues) {
      let key = row.integer(keyColumn)
      let index = bucket(of: key)
      buckets[index].append(row, key: key, columns: columns)
      count += 1
    }

    /// Calls `body` with every row in increasing key order, freeing each bucket once it has
    /// been through it; the buffer is empty afterwards.
    func drainInKeyOrder(_ body: (Row) throws -> Void) rethrows {
      for index in buckets.indices {
        let bucket = buckets[index]
        buckets[index] = Bucket()
        defer { free(bucket.storage) }
        guard let storage = bucket.storage else { continue }
        // Rows already in key order (a table never updated) are one run: sorted in one pass.
        for row in bucket.keys.indices.sorted(by: { bucket.keys[$0] < bucket.keys[$1] }) {
          try body(Row(start: UnsafeRawPointer(storage + bucket.starts[row])))
        }
      }
      count = 0
    }

    /// The bucket for a key: the key range cut into equal parts, so bucket order is key order.
    private func bucket(of key: Int64) -> Int {
      guard key > keys.lowerBound else { return 0 }
      guard key < keys.upperBound else { return buckets.count - 1 }
      let span = Double(keys.upperBound) - Double(keys.lowerBound) + 1
      return min(Int((Double(key) - Double(keys.lowerBound)) / span * Double(buckets.count)), buckets.count - 1)
    }

    /// One part of the rows: their bytes in one block, where each row starts and its key.
    private struct Bucket {
      var storage: UnsafeMutableRawPointer? = nil
      var capacity = 0
      var used = 0
      var starts: [Int] = []
      var keys: [Int64] = []

      mutating func append(_ row: some PGRowValues, key: Int64, columns: Int) {
        starts.append(used)
        keys.append(key)
        row.forEachValue(columns: columns) { value in
          guard let text = value else {
            reserve(1)
            return store(PGRowBuffer.null)
          }
          reserve(5 + text.count)
          if text.count < Int(PGRowBuffer.long) {
            store(UInt8(text.count))
          } else {
            store(PGRowBuffer.long)
            store(UInt32(text.count))
          }
          if let base = text.baseAddress { (storage! + used).copyMemory(from: base, byteCount: text.count) }
          used += text.count
        }
      }

      /// Stores a value in room already reserved.
      private mutating func store<T: FixedWidthInteger>(_ value: T) {
        storage!.storeBytes(of: value, toByteOffset: used, as: T.self)
        used += MemoryLayout<T>.size
      }

      /// Room for `bytes` more; grown by `realloc`, which moves large blocks by remapping
      /// their pages rather than copying them beside the old ones.
      private mutating func reserve(_ bytes: Int) {
        guard used + bytes > capacity else { return }
        let grown = max(used + bytes, capacity * 2, 1 << 12)
        guard let moved = realloc(storage, grown) else { fatalError("out of memory copying rows (\(grown) bytes)") }
        (storage, capacity) = (moved, grown)
      }
    }

    /// One copied row; valid while `drainInKeyOrder` calls with it.
    struct Row: PGRowValues {
      let start: UnsafeRawPointer

      func withText<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        var at = start
        for current in 0...column {
          let marker = at.load(as: UInt8.self)
          at += 1
          if marker == PGRowBuffer.null {
            if current == column { return nil }
            continue
          }
          var length = Int(marker)
          if marker == PGRowBuffer.long {
            length = Int(at.loadUnaligned(as: UInt32.self))
            at += 4
          }
          if current == column { return try body(UnsafeRawBufferPointer(start: at, count: length)) }
          at += length
        }
        return nil
      }
    }
  }
#endif
