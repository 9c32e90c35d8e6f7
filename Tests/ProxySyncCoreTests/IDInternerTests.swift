import Foundation
import ProxySyncCore
import Testing

@Suite struct IDInternerTests {
  /// Numbers must match what a plain dictionary would give, through many table growths and
  /// for ids that differ only in length, in their last byte, or are prefixes of each other.
  /// The same sized up front (room for fewer ids than come, so it still grows once past it).
  @Test(arguments: [nil, 5_000])
  func numbersIdsLikeADictionaryThroughGrowth(capacity: Int?) {
    var ids: [String] = ["", "a", "ab", "abc", "00u1", "00u10", "00u100"]
    for index in 0..<20_000 { ids.append("00u\(String(index, radix: 36))xYz\(index % 7)") }
    ids += ids.reversed()  // every id a second time, in another order
    var interner = capacity.map { IDInterner(capacity: $0) } ?? IDInterner()
    var reference: [String: UInt32] = [:]
    for id in ids {
      var bytes = id
      let number = bytes.withUTF8 { interner.number(of: UnsafeRawBufferPointer($0)) }
      let expected = reference[id] ?? UInt32(reference.count)
      reference[id] = expected
      #expect(number == expected, "\(id)")
    }
    #expect(interner.count == reference.count)
    let strings = interner.strings()
    #expect(strings.count == reference.count)
    #expect(reference.allSatisfy { strings[Int($0.value)] == $0.key })
  }

  /// Ids of one length are kept without their ends (Okta's all have 20 bytes); one of another
  /// length, after the table has grown, must leave every id so far found and spelled as before.
  @Test func idsOfOneLengthThenOfAnother() {
    let okta = (0..<5_000).map { "00u" + String(repeating: "0", count: 11) + String(format: "%06d", $0) }
    let later = ["00u1", "00u" + String(repeating: "9", count: 30), "", "00u99999999999999999z"]
    var interner = IDInterner()
    for (number, id) in okta.enumerated() { #expect(interner.number(of: id) == UInt32(number)) }
    #expect(interner.find("00u00000000000000500") == 500)
    #expect(interner.find("00u0000000000000050") == nil)  // a prefix of an id, one byte short
    for (offset, id) in later.enumerated() { #expect(interner.number(of: id) == UInt32(okta.count + offset)) }
    let all = okta + later
    #expect(all.enumerated().allSatisfy { interner.find($0.element) == UInt32($0.offset) })
    let strings = interner.strings()
    #expect(strings.count == all.count)
    #expect(zip(strings, all).allSatisfy { $0 == $1 })
    #expect(interner.number(of: "00u00000000000004999") == 4999)
  }

  /// Looking ids up a batch at a time must answer as looking each up alone: ids present, absent,
  /// displaced from their home slot by others, empty, of other lengths, over ranges that start
  /// and end inside a batch.
  @Test(arguments: [false, true])
  func batchLookupsAnswerAsSingleOnes(oneLength: Bool) {
    var table = IDInterner()
    var asked = IDInterner()
    for index in 0..<6_000 {
      let id = oneLength ? "00u" + String(format: "%017d", index * 7) : "00u\(String(index * 7, radix: 36))"
      if index % 3 != 0 { _ = table.number(of: id) }  // two in three are in the table
      _ = asked.number(of: id)
    }
    if !oneLength { _ = asked.number(of: ""); _ = table.number(of: "") }
    let single = (0..<asked.count).map { number in asked.withBytes(of: number) { table.find($0) } }
    #expect(single.contains(nil) && single.contains { $0 != nil })
    for range in [0..<asked.count, 17..<asked.count - 5, 40..<41, 3..<3] {
      #expect(table.find(idsOf: asked, in: range) == Array(single[range]), "\(range)")
    }
  }

  /// An empty id is an id: numbered once and found again while no byte has been stored.
  @Test func anEmptyIdAloneIsNumberedOnce() {
    var interner = IDInterner()
    #expect(interner.number(of: "") == 0)
    #expect(interner.number(of: "") == 0)
    #expect(interner.find("") == 0)
    #expect(interner.number(of: "a") == 1)
    #expect(interner.find("") == 0)
  }

  @Test func hashSpreadsIdsThatShareLongPrefixes() {
    var seen = Set<UInt64>()
    for index in 0..<10_000 {
      var id = "00u000000000000\(String(format: "%05d", index))"
      seen.insert(id.withUTF8 { IDInterner.hash(UnsafeRawBufferPointer($0)) & 0xFFFF })
    }
    // 10,000 ids into 65,536 low-bit buckets: a good hash fills close to 9,300 of them.
    #expect(seen.count > 8_500)
  }
}
