@testable import ProxySyncCore
import Testing

/// Ids and emails are sorted by integers of their first 24 bytes, whole strings only on ties;
/// the result must be exactly string order.
@Suite struct SortPrefixTests {
  static let ids = [
    // Sharing 24 bytes and more, shorter than 8, 16 or 24 bytes, prefixes of each other.
    [
      "00u1aaaaaaaaaaaaaaaaaaaaZ", "00u1aaaaaaaaaaaaaaaaaaaaA", "00u1aaaaaaaaaaaa", "00u1", "00u1aaaaaaaaaaaaaaaaaaaa", "00u0zzz",
      "00u1aaaaaaaaaaab", "00u1aaaaaaaaaaaaaaaaZ", "00u1aaaaaaaaaaaaaaaaA",
    ],
    // Not ASCII: sorted as Swift strings.
    ["00u-é", "00u-e\u{301}z", "00u-a", "00u-ß"],
  ]

  func users(_ ids: [String]) -> [OktaUser] {
    ids.map { OktaUser(id: OktaUserID($0), status: .active, profile: Profile(email: .named("\($0)@example.com"))) }
  }

  @Test(arguments: ids)
  func idOrderIsStringOrder(_ ids: [String]) {
    #expect(PlanBuilder.idOrder(users(ids)).map { ids[$0] } == ids.sorted())
  }

  /// Linked people by Okta id, then unlinked ones by email, whatever the order given.
  @Test(arguments: ids)
  func planOrderIsKeyOrder(_ ids: [String]) {
    let linked = users(ids).map { Operation.updateUser(UserRef(userID: $0.id, email: $0.profile.email), changes: []) }
    let unlinked = ids.map { Operation.updateUser(UserRef(userID: nil, email: .named("\($0)@example.com")), changes: []) }
    let operations = linked + unlinked
    let expected = operations.sorted { $0.sortKey.precedes($1.sortKey) }
    for _ in 0..<5 {
      #expect(Plan.sorted(operations.shuffled()) { $0.sortKey } == expected)
    }
  }
}
