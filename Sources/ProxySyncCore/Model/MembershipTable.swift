/// An export's group memberships: each distinct id kept once, each membership a pair of numbers.
///
/// A directory of a million people holds about five million memberships. As pairs of strings
/// they cost two heap strings each and a string hash at every step that matches them; here a
/// step looks up each distinct user and group once and then works on plain integers.
package struct MembershipTable: Sendable {
  /// One membership: positions in `userIDs` and `groupIDs`.
  package struct Pair: Hashable, Sendable {
    package var group: UInt32
    package var user: UInt32
    package init(group: UInt32, user: UInt32) {
      self.group = group
      self.user = user
    }
  }

  /// The distinct users and groups the memberships name (some may name nobody in them).
  package private(set) var userIDs: [OktaUserID]
  package private(set) var groupIDs: [OktaGroupID]
  package private(set) var pairs: [Pair]

  /// For readers that intern ids themselves; every pair must point inside both lists.
  package init(userIDs: [OktaUserID], groupIDs: [OktaGroupID], pairs: [Pair]) {
    precondition(pairs.allSatisfy { Int($0.user) < userIDs.count && Int($0.group) < groupIDs.count }, "membership pair out of range")
    self.userIDs = userIDs
    self.groupIDs = groupIDs
    self.pairs = pairs
  }

  /// Interns the memberships one by one; meant for tests and small tables (readers intern
  /// ids themselves and use `init(userIDs:groupIDs:pairs:)`).
  package init(_ memberships: some Sequence<OktaMembership> = []) {
    userIDs = []
    groupIDs = []
    pairs = []
    for membership in memberships { append(membership) }
  }

  package var count: Int { pairs.count }
  package var isEmpty: Bool { pairs.isEmpty }

  package subscript(pair: Pair) -> OktaMembership {
    OktaMembership(groupID: groupIDs[Int(pair.group)], userID: userIDs[Int(pair.user)])
  }

  /// Adds one membership; ids are searched from the end, where a builder's latest ones are.
  package mutating func append(_ membership: OktaMembership) {
    let user = userIDs.lastIndex(of: membership.userID) ?? {
      userIDs.append(membership.userID)
      return userIDs.count - 1
    }()
    let group = groupIDs.lastIndex(of: membership.groupID) ?? {
      groupIDs.append(membership.groupID)
      return groupIDs.count - 1
    }()
    pairs.append(Pair(group: UInt32(group), user: UInt32(user)))
  }

  /// Keeps the memberships `keep` accepts, in order; the id lists stay as they are.
  package mutating func filter(_ keep: (Pair) -> Bool) {
    pairs.removeAll { !keep($0) }
  }

  /// Reorders the memberships (tests use it to show plans do not depend on input order).
  package mutating func shuffle() { pairs.shuffle() }
}

extension MembershipTable: RandomAccessCollection {
  package var startIndex: Int { 0 }
  package var endIndex: Int { pairs.count }
  package subscript(position: Int) -> OktaMembership { self[pairs[position]] }
}

extension MembershipTable: ExpressibleByArrayLiteral {
  package init(arrayLiteral elements: OktaMembership...) { self.init(elements) }
}

extension MembershipTable: Equatable {
  /// Equal when they list the same memberships in the same order, however the ids were interned.
  package static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}
