import ProxySyncCore
import Testing

@Suite struct PartitionPointTests {
  /// Where a value would go in a sorted list with repeats: after every smaller one, for every
  /// value around and between the list's, and for an empty list.
  @Test func findsTheFirstIndexNotBeforeTheValue() {
    for list in [[], [5], [1, 3, 3, 3, 8, 9], Array(repeating: 4, count: 7), Array(0..<100).map { $0 * 2 }] {
      for value in -1...201 {
        let expected = list.firstIndex { $0 >= value } ?? list.count
        #expect(partitionPoint(list.count) { list[$0] < value } == expected, "\(list) \(value)")
      }
    }
  }
}
