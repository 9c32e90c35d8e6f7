import ProxySyncCore

/// The group-members records as read: ids interned as they arrive, each row two numbers and a line.
///
/// Millions of rows name a few thousand groups and at most every user; keeping a string pair and
/// a file name per row would cost hundreds of megabytes and a string hash at every later step.
struct MembershipRows {
  /// The user and group ids the rows name, numbered as the pairs number them.
  private(set) var users = IDInterner()
  private(set) var groups = IDInterner()
  private(set) var pairs: [MembershipTable.Pair] = []
  private(set) var sources = RowSources()

  var count: Int { pairs.count }

  mutating func reserve(toHold count: Int) {
    pairs.reserve(toHold: count)
    sources.reserve(toHold: count)
  }

  /// Adds a row; the ids are given as their bytes, without surrounding white space.
  mutating func append(group: UnsafeRawBufferPointer, user: UnsafeRawBufferPointer, source: SourceLine) {
    pairs.append(MembershipTable.Pair(group: groups.number(of: group), user: users.number(of: user)))
    sources.append(source)
  }

  /// Lets go of the id tables once the ids have been matched; pairs and sources stay.
  mutating func forgetIDs() {
    users = IDInterner()
    groups = IDInterner()
  }

  /// The rows (among those `keep` marks) that repeat an earlier row, each with that earlier row,
  /// in row order.
  func duplicates(among keep: [Bool], users: Int, groups: Int) -> [(index: Int, first: Int)] {
    duplicatesInUserRuns(among: keep, users: users, groups: groups) ?? duplicatesByGroup(among: keep, users: users, groups: groups)
  }

  /// `duplicates` when each user's rows stand together, as a users-then-groups export writes
  /// them: a repeat can only be in the same run, and one pass with a mark per group finds it.
  /// Nil as soon as a user's rows turn out to be apart.
  func duplicatesInUserRuns(among keep: [Bool], users: Int, groups: Int) -> [(index: Int, first: Int)]? {
    var userSeen = [Bool](repeating: false, count: users)
    // The run each group was last seen in (-1: none), and its first kept row there.
    var runOfGroup = [Int32](repeating: -1, count: groups)
    var firstInRun = [Int32](repeating: 0, count: groups)
    var found: [(index: Int, first: Int)] = []
    var run: Int32 = -1
    for index in pairs.indices {
      let (user, group) = (Int(pairs[index].user), Int(pairs[index].group))
      if index == 0 || Int(pairs[index - 1].user) != user {
        guard !userSeen[user] else { return nil }
        userSeen[user] = true
        run += 1
      }
      guard keep[index] else { continue }
      if runOfGroup[group] == run {
        found.append((index, Int(firstInRun[group])))
      } else {
        runOfGroup[group] = run
        firstInRun[group] = Int32(index)
      }
    }
    return found
  }

  /// `duplicates` for rows in any order. Linear: rows are bucketed by group (a counting sort,
  /// which keeps row order), then within a group a mark per user says whether it was seen, and where.
  func duplicatesByGroup(among keep: [Bool], users: Int, groups: Int) -> [(index: Int, first: Int)] {
    let byGroup = GroupBuckets(groups: groups, count: pairs.count) { index in
      keep[index] ? (Int(pairs[index].group), Int32(index)) : nil
    }
    var seenInGroup = [Int32](repeating: -1, count: users)
    var seenAt = [Int32](repeating: 0, count: users)
    var found: [(index: Int, first: Int)] = []
    for group in 0..<groups {
      for index in byGroup[group] {
        let user = Int(pairs[Int(index)].user)
        if seenInGroup[user] == Int32(group) {
          found.append((Int(index), Int(seenAt[user])))
        } else {
          seenInGroup[user] = Int32(group)
          seenAt[user] = index
        }
      }
    }
    return found.sorted { $0.index < $1.index }
  }

  /// Where row `index` came from.
  func source(of index: Int) -> SourceLine { sources[index] }

  /// Appends another part's rows. Each of its ids is numbered here once, in its own order (the
  /// order its rows first named them); its pairs then translate by table.
  mutating func merge(_ other: MembershipRows) {
    guard !other.pairs.isEmpty else { return }
    guard !pairs.isEmpty else { return self = other }
    let groupNumbers = groups.numbers(of: other.groups)
    let userNumbers = users.numbers(of: other.users)
    pairs.reserve(toHold: pairs.count + other.pairs.count)
    for pair in other.pairs {
      pairs.append(MembershipTable.Pair(group: groupNumbers[Int(pair.group)], user: userNumbers[Int(pair.user)]))
    }
    sources.append(contentsOf: other.sources)
  }
}
