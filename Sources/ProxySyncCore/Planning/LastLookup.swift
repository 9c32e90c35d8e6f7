/// Remembers the last key looked up and its answer.
///
/// Memberships arrive in runs: Okta lists them group by group, other exporters person by
/// person. Comparing a 20-character id with the previous one is much cheaper than hashing it,
/// so millions of membership rows cost thousands of dictionary lookups, not millions.
package struct LastLookup<Key: Hashable, Value> {
  private let table: [Key: Value]
  private var lastKey: Key?
  private var lastValue: Value?

  package init(_ table: [Key: Value]) { self.table = table }

  package mutating func callAsFunction(_ key: Key) -> Value? {
    if let lastKey, lastKey == key { return lastValue }
    let value = table[key]
    lastKey = key
    lastValue = value
    return value
  }
}
