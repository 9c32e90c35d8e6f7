/// Values sorted into one bucket per group by counting, which is linear and keeps their order.
///
/// Used where millions of (group, something) pairs must be compared group by group: sorting
/// them would cost n log n comparisons, bucketing two passes.
package struct GroupBuckets {
  private var starts: [Int]
  private var values: [Int32]

  /// - Parameter entry: the group and value of entry `index`, or nil to leave it out.
  package init(groups: Int, count: Int, entry: (Int) -> (group: Int, value: Int32)?) {
    starts = [Int](repeating: 0, count: groups + 1)
    for index in 0..<count { if let (group, _) = entry(index) { starts[group + 1] += 1 } }
    for group in 0..<groups { starts[group + 1] += starts[group] }
    var next = starts
    values = [Int32](repeating: 0, count: starts[groups])
    for index in 0..<count {
      guard let (group, value) = entry(index) else { continue }
      values[next[group]] = value
      next[group] += 1
    }
  }

  package subscript(group: Int) -> ArraySlice<Int32> { values[starts[group]..<starts[group + 1]] }
}
