import ProxySyncCore

/// The group-members records as read: ids interned as they arrive, each row two numbers and a line.
///
/// Millions of rows name a few thousand groups and at most every user; keeping a string pair and
/// a file name per row would cost hundreds of megabytes and a string hash at every later step.
struct MembershipRows {
  private(set) var userIDs: [OktaUserID] = []
  private(set) var groupIDs: [OktaGroupID] = []
  private(set) var pairs: [MembershipTable.Pair] = []
  /// The line of each row.
  private(set) var lines: [Int32] = []
  /// The file of each row: rows from `start` on came from `name` (page folders have several).
  private(set) var files: [(start: Int, name: String)] = []
  private var userNumbers: [String: UInt32] = [:]
  private var groupNumbers: [String: UInt32] = [:]
  // Rows come in runs of one group (Okta lists members group by group) or one user.
  private var lastGroup: (String, UInt32)?
  private var lastUser: (String, UInt32)?

  var count: Int { pairs.count }

  mutating func append(group: String, user: String, file: String, line: Int) {
    if files.last?.name != file { files.append((pairs.count, file)) }
    pairs.append(MembershipTable.Pair(group: intern(group, &groupNumbers, &groupIDs, &lastGroup, OktaGroupID.init),
                                      user: intern(user, &userNumbers, &userIDs, &lastUser, OktaUserID.init)))
    lines.append(Int32(clamping: line))
  }

  private func intern<ID>(
    _ text: String, _ numbers: inout [String: UInt32], _ ids: inout [ID], _ last: inout (String, UInt32)?, _ make: (String) -> ID
  ) -> UInt32 {
    if let (lastText, number) = last, lastText == text { return number }
    let number = numbers[text] ?? {
      let number = UInt32(ids.count)
      numbers[text] = number
      ids.append(make(text))
      return number
    }()
    last = (text, number)
    return number
  }

  /// Where row `index` came from.
  func source(of index: Int) -> SourceLine {
    // Files are few: a linear search from the end is enough.
    let file = files.last { $0.start <= index }?.name ?? ""
    return SourceLine(file: file, line: Int(lines[index]))
  }

  /// Appends another part's rows, interning their ids into this part's lists.
  mutating func merge(_ other: MembershipRows) {
    guard !other.pairs.isEmpty else { return }
    guard !pairs.isEmpty else { return self = other }
    for (index, pair) in other.pairs.enumerated() {
      append(group: other.groupIDs[Int(pair.group)].rawValue, user: other.userIDs[Int(pair.user)].rawValue,
             file: other.source(of: index).file, line: Int(other.lines[index]))
    }
  }
}
