import ProxySyncCore

/// The app-users records as read: ids interned by their bytes, each row a number and a line.
/// A million assignments need no string of their own: they name users the users file has.
struct AssignmentRows {
  private(set) var ids = IDInterner()
  private(set) var numbers: [UInt32] = []
  private(set) var sources = RowSources()

  var count: Int { numbers.count }

  mutating func reserve(toHold count: Int) {
    numbers.reserve(toHold: count)
    sources.reserve(toHold: count)
  }

  mutating func append(id: UnsafeRawBufferPointer, source: SourceLine) {
    numbers.append(ids.number(of: id))
    sources.append(source)
  }

  /// Appends another part's rows, its ids numbered here once each (see `MembershipRows.merge`).
  mutating func merge(_ other: AssignmentRows) {
    guard !other.numbers.isEmpty else { return }
    guard !numbers.isEmpty else { return self = other }
    let translated = ids.numbers(of: other.ids)
    numbers.reserve(toHold: numbers.count + other.numbers.count)
    for number in other.numbers { numbers.append(translated[Int(number)]) }
    sources.append(contentsOf: other.sources)
  }
}
