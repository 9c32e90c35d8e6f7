@testable import ProxySyncReaders
import Testing

/// A folder of pages is reserved for page by page: the rows read so far must be moved a handful
/// of times, not once per page (a million fetched users come in five thousand pages).
@Suite struct ArrayReservationTests {
  @Test func reservingPageByPageMovesTheRowsLogarithmicallyOften() {
    var rows: [Int32] = []
    var moves = 0
    var storage: UnsafeRawPointer?
    for page in 0..<1_000 {
      rows.reserve(toHold: rows.count + 200)
      let base = rows.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
      if base != storage { (moves, storage) = (moves + 1, base) }
      rows.append(contentsOf: repeatElement(Int32(page), count: 200))
    }
    #expect(rows.count == 200_000)
    #expect(moves <= 12)  // 200 rows doubled up to 200,000: ten or eleven
  }

  @Test func roomAlreadyThereIsKept() {
    var rows: [Int32] = []
    rows.reserveCapacity(1_000)
    let capacity = rows.capacity
    rows.reserve(toHold: 600)
    #expect(rows.capacity == capacity)
    rows.reserve(toHold: capacity + 1)
    #expect(rows.capacity >= 2 * capacity)
  }
}
