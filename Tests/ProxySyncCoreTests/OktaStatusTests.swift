import ProxySyncCore
import Testing

@Suite struct OktaStatusParsingTests {
  /// The API's spellings, and the labels the Admin Console and its CSV reports show.
  @Test(arguments: [
    ("ACTIVE", OktaStatus.active), ("active", .active), (" Suspended ", .suspended), ("Pending user action", .provisioned),
    ("PROVISIONED", .provisioned), ("Password reset", .recovery), ("Password Expired", .passwordExpired),
    ("password_expired", .passwordExpired), ("Locked out", .lockedOut), ("Deactivated", .deprovisioned),
    ("DEPROVISIONED", .deprovisioned), ("Staged", .staged),
  ])
  func statusesParse(text: String, status: OktaStatus) {
    #expect(OktaStatus(parsing: text) == status)
  }

  /// Every exact spelling is found, and nothing else of the same length and first letter.
  @Test func exactSpellingsAreFoundAndNearMissesAreNot() {
    for status in OktaStatus.allCases {
      #expect(OktaStatus(parsing: status.rawValue) == status)
      var nearMiss = status.rawValue
      nearMiss.removeLast()
      #expect(OktaStatus(parsing: nearMiss + "X") == nil, "\(nearMiss)X")
    }
    #expect(OktaStatus(parsing: "ACTIVX") == nil)
    #expect(OktaStatus(parsing: "STAGEX") == nil)
  }

  @Test func unknownStatusesDoNotParse() {
    #expect(OktaStatus(parsing: "On leave") == nil)
    #expect(OktaStatus(parsing: "") == nil)
  }
}

/// Statuses and roles read from a store's bytes: every spelling the store writes, and nothing else.
@Suite struct StoredWordTests {
  func parse<T>(_ text: String, _ make: (UnsafeRawBufferPointer) -> T?) -> T? {
    var text = text
    return text.withUTF8 { make(UnsafeRawBufferPointer($0)) }
  }

  @Test func everyStoredSpellingReadsBack() {
    for status in PersonStatus.allCases { #expect(parse(status.rawValue, PersonStatus.init(utf8:)) == status) }
    for role in Role.allCases { #expect(parse(role.rawValue, Role.init(utf8:)) == role) }
  }

  @Test(arguments: ["", "activ", "Active", "ACTIVE", "actives", "inactivE", "pendinG", "admin ", " admin", "membeR", "inactive\u{0}", "adm\u{0}n", "memberships"])
  func anythingElseIsRefused(text: String) {
    #expect(parse(text, PersonStatus.init(utf8:)) == nil)
    #expect(parse(text, Role.init(utf8:)) == nil)
  }
}
