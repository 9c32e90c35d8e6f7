/// The (group, person) keys only in `wanted` and only in `existing`, each once, in no set order.
///
/// Keys hold a group index above bit 40 and a person's row id below it. An organization's row
/// ids are usually dense (SQLite hands them out in order), so both lists are bucketed by group
/// and compared through a mark per person: linear, where sorting ten million keys took most of
/// the membership planning. Ids spread wider than the keys are many (organizations sharing a
/// store) fall back to sorting and merging.
///
/// Both lists are taken (`consuming`) and let go once bucketed: at a million people they are
/// 40 MB each, and the planner's peak memory is here.
package func membershipDifferences(
  _ wanted: consuming [UInt64], _ existing: consuming [UInt64], groups: Int
) -> (adds: [UInt64], removes: [UInt64]) {
  let personBits: UInt64 = 0xFF_FFFF_FFFF
  var (smallest, largest) = (UInt64.max, UInt64(0))
  for index in wanted.indices {
    smallest = min(smallest, wanted[index] & personBits)
    largest = max(largest, wanted[index] & personBits)
  }
  for index in existing.indices {
    smallest = min(smallest, existing[index] & personBits)
    largest = max(largest, existing[index] & personBits)
  }
  // The marks take 8 bytes per row id in the range: no more than the keys themselves take.
  guard smallest <= largest, largest - smallest < UInt64(max(wanted.count, existing.count)) + 4_096 else {
    let (adds, removes) = sortedDifferences(wanted.sorted(), existing.sorted())
    return (adds, removes)
  }
  func buckets(_ keys: [UInt64]) -> GroupBuckets {
    GroupBuckets(groups: groups, count: keys.count) { (Int(keys[$0] >> 40), Int32(truncatingIfNeeded: (keys[$0] & personBits) - smallest)) }
  }
  let wantedByGroup = buckets(wanted)
  wanted = []
  let existingByGroup = buckets(existing)
  existing = []
  var wantedIn = [Int32](repeating: -1, count: Int(largest - smallest) + 1)
  var handledIn = [Int32](repeating: -1, count: Int(largest - smallest) + 1)
  var adds: [UInt64] = []
  var removes: [UInt64] = []
  for group in 0..<groups {
    let mark = Int32(group)
    for person in wantedByGroup[group] { wantedIn[Int(person)] = mark }
    for person in existingByGroup[group] where handledIn[Int(person)] != mark {
      handledIn[Int(person)] = mark
      if wantedIn[Int(person)] != mark { removes.append(UInt64(group) << 40 | (UInt64(person) + smallest)) }
    }
    for person in wantedByGroup[group] where handledIn[Int(person)] != mark {
      handledIn[Int(person)] = mark
      adds.append(UInt64(group) << 40 | (UInt64(person) + smallest))
    }
  }
  return (adds, removes)
}

/// The keys only in `a` and the keys only in `b`, both sorted; duplicates count once.
package func sortedDifferences(_ a: [UInt64], _ b: [UInt64]) -> (onlyA: [UInt64], onlyB: [UInt64]) {
  var onlyA: [UInt64] = []
  var onlyB: [UInt64] = []
  var i = 0
  var j = 0
  while i < a.count || j < b.count {
    if j == b.count || (i < a.count && a[i] < b[j]) {
      if onlyA.last != a[i] { onlyA.append(a[i]) }
      i += 1
    } else if i == a.count || b[j] < a[i] {
      if onlyB.last != b[j] { onlyB.append(b[j]) }
      j += 1
    } else {
      let key = a[i]
      while i < a.count && a[i] == key { i += 1 }
      while j < b.count && b[j] == key { j += 1 }
    }
  }
  return (onlyA, onlyB)
}
