/// The first 24 bytes of an ASCII string as three integers, compared before the whole string.
///
/// Sorting a million Okta ids or emails as strings goes through Swift's string comparison for
/// every pair; integers of their first bytes decide almost every pair at once, and hold all of
/// an Okta id (20 characters). For ASCII, byte order is string order; other strings get no
/// prefix (Swift orders them by normalized scalars).
struct SortPrefix: Comparable {
  var high: UInt64
  var middle: UInt64
  var low: UInt64

  init?(_ string: String) {
    var string = string
    guard let words = string.withUTF8({ bytes -> (UInt64, UInt64, UInt64)? in
      bytes.contains { $0 >= 0x80 } ? nil : (Self.word(bytes, from: 0), Self.word(bytes, from: 8), Self.word(bytes, from: 16))
    }) else { return nil }
    (high, middle, low) = words
  }

  /// Eight bytes from `start`, big-endian, zero past the end: shorter strings sort first.
  private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
    var word: UInt64 = 0
    for offset in start..<start + 8 { word = word << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0) }
    return word
  }

  static func < (a: Self, b: Self) -> Bool { (a.high, a.middle, a.low) < (b.high, b.middle, b.low) }

  /// The order of `count` items whose strings are `string(i)`, by string, stable: prefixes
  /// first, whole strings only where prefixes are equal.
  static func order(count: Int, _ string: (Int) -> String) -> [Int] {
    var keys: [(prefix: SortPrefix, index: Int32)] = []
    keys.reserveCapacity(count)
    for index in 0..<count {
      guard let prefix = SortPrefix(string(index)) else { return (0..<count).sorted { string($0) < string($1) } }
      keys.append((prefix, Int32(index)))
    }
    keys.sort { $0.prefix < $1.prefix }
    var start = 0
    while start < keys.count {
      var end = start + 1
      while end < keys.count, keys[end].prefix == keys[start].prefix { end += 1 }
      if end - start > 1 { keys[start..<end].sort { string(Int($0.index)) < string(Int($1.index)) } }
      start = end
    }
    return keys.map { Int($0.index) }
  }
}
