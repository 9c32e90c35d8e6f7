@testable import ProxySyncCore
import Testing

/// Members are listed in Okta id order; the order is found from 16-byte prefixes first.
@Suite struct UserIDOrderTests {
  func users(_ ids: [String]) -> [OktaUser] {
    ids.map { OktaUser(id: OktaUserID($0), status: .active, profile: Profile(email: .named("\($0)@example.com"))) }
  }

  @Test(arguments: [
    // Sharing 16 bytes and more, shorter than 8 or 16 bytes, prefixes of each other.
    ["00u1aaaaaaaaaaaaaaaaZ", "00u1aaaaaaaaaaaaaaaaA", "00u1aaaaaaaaaaaa", "00u1", "00u1aaaaaaaaaaaaaaaa", "00u0zzz", "00u1aaaaaaaaaaab"],
    // Not ASCII: sorted as Swift strings.
    ["00u-é", "00u-e\u{301}z", "00u-a", "00u-ß"],
  ])
  func idOrderIsStringOrder(_ ids: [String]) {
    let list = users(ids)
    #expect(PlanBuilder.idOrder(list).map { ids[$0] } == ids.sorted())
  }
}
