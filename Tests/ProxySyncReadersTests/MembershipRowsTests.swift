import ProxySyncCore
@testable import ProxySyncReaders
import TestSupport
import Testing

/// Repeated memberships are found the same way whatever order the rows come in: the quick pass
/// over users' runs must agree with the general one wherever it answers.
@Suite struct MembershipRowsTests {
  /// Rows of `pairs` (group, user), numbered as ids `g<n>` and `u<n>`.
  func rows(_ pairs: [(Int, Int)]) -> MembershipRows {
    var rows = MembershipRows()
    for (line, (group, user)) in pairs.enumerated() {
      var (groupID, userID) = ("g\(group)", "u\(user)")
      groupID.withUTF8 { group in
        userID.withUTF8 { user in
          rows.append(group: UnsafeRawBufferPointer(group), user: UnsafeRawBufferPointer(user), source: SourceLine(file: "m.json", line: line + 2))
        }
      }
    }
    return rows
  }

  func same(_ a: [(index: Int, first: Int)], _ b: [(index: Int, first: Int)]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.index == $1.index && $0.first == $1.first }
  }

  @Test func runsOfUsersAgreeWithTheGeneralWay() throws {
    var generator = SplitMix(seed: 7)
    for _ in 0..<200 {
      // Each user's rows together, groups drawn from a few so that some repeat.
      var pairs: [(Int, Int)] = []
      for user in 0..<Int(generator.next() % 30 + 1) {
        for _ in 0..<Int(generator.next() % 6) { pairs.append((Int(generator.next() % 5), user)) }
      }
      let table = rows(pairs)
      let keep = pairs.indices.map { _ in generator.next() % 5 != 0 }
      let (users, groups) = (table.users.count, table.groups.count)
      let quick = try #require(table.duplicatesInUserRuns(among: keep, users: users, groups: groups))
      #expect(same(quick, table.duplicatesByGroup(among: keep, users: users, groups: groups)), "\(pairs) \(keep)")
    }
  }

  @Test func repeatsInARunAreFoundWithTheirFirstKeptRow() throws {
    let table = rows([(1, 1), (2, 1), (1, 1), (1, 1), (3, 2), (3, 2)])
    let keep = [false, true, true, true, true, true]
    let found = try #require(table.duplicatesInUserRuns(among: keep, users: 2, groups: 3))
    #expect(found.map { [$0.index, $0.first] } == [[3, 2], [5, 4]])
    #expect(same(table.duplicates(among: keep, users: 2, groups: 3), found))
  }

  @Test func usersWhoseRowsAreApartTakeTheGeneralWay() {
    // Per-group listings: user 1 is in both groups, so their rows are not one run.
    let table = rows([(1, 1), (1, 2), (2, 1), (2, 1)])
    let keep = [Bool](repeating: true, count: 4)
    #expect(table.duplicatesInUserRuns(among: keep, users: 2, groups: 2) == nil)
    #expect(table.duplicates(among: keep, users: 2, groups: 2).map { [$0.index, $0.first] } == [[3, 2]])
  }
}
