import ProxySyncCore
import TestSupport
import Testing

@Suite struct ExplanationTests {
  let desired = DirectorySnapshot.directory {
    $0.user("new")
    $0.user("adopt", title: "Boss")
    $0.user("upd", title: "CTO")
    $0.user("susp", status: .suspended)
    $0.user("depro", status: .deprovisioned)
    $0.user("unas", assigned: false)
    $0.user("pend", status: .suspended)
    $0.user("boss", status: .suspended)
    $0.user("outsider", assigned: false)
    $0.group("eng", assigned: true)
    $0.group("design")
    $0.member("eng", "new")
    $0.member("design", "outsider")
  }
  let current = StoreSnapshot.store {
    $0.person("adopt", status: .pending, linked: false)
    for name in ["upd", "susp", "depro", "unas", "gone"] { $0.person(name) }
    $0.person("pend", status: .pending)
    $0.person("boss", role: .admin)
    $0.group("design")
  }

  func explain(_ query: String) -> String {
    Explanation.make(for: query, desired: desired, current: current)?.text ?? "nil"
  }

  @Test(arguments: [
    ("00u-new", "Result\n  createUser new@example.com (00u-new)"),
    ("new@example.com", "assigned directly (app-users), through app group \"Eng\" (00g-eng)"),
    ("adopt@example.com", "Result\n  linkUser adopt@example.com -> 00u-adopt\n  updateUser adopt@example.com (00u-adopt): title: none -> \"Boss\""),
    ("00u-upd", "updateUser upd@example.com (00u-upd): title: none -> \"CTO\""),
    ("00u-susp", "deactivateUser susp@example.com (00u-susp): suspended\n  counts toward the guard"),
    ("00u-depro", "should be in Proxy: inactive: the Okta user is deprovisioned"),
    ("00u-unas", "deactivateUser unas@example.com (00u-unas): unassigned"),
    ("00u-gone", "not in the export"),
    ("gone@example.com", "deactivateUser gone@example.com (00u-gone): notInExport"),
    ("00u-pend", "skipped deactivateUser pend@example.com (00u-pend): suspended: pending: Proxy cannot deactivate"),
    ("00u-boss", "skipped deactivateUser boss@example.com (00u-boss): suspended: admin: a sync never changes an organization admin"),
    ("00u-outsider", "skipped addMember \"Design\" (00g-design) <- outsider@example.com (00u-outsider): notProvisioned"),
    ("00g-eng", "Result\n  createGroup \"Eng\" (00g-eng)"),
    ("00g-design", "not assigned to the Proxy app"),
    ("00g-eng", "assigned to the Proxy app: its members get the app"),
  ])
  func everyRulePathIsExplained(query: String, expected: String) {
    let text = explain(query)
    #expect(text.contains(expected), "\(text)")
  }

  @Test func notInExportNorStoreIsNil() {
    #expect(Explanation.make(for: "nobody@example.com", desired: desired, current: current) == nil)
  }

  @Test func deactivationBeyondTheLimitSaysTheGuardWouldRefuse() {
    var options = SyncOptions()
    options.deactivationLimit = .count(1)
    let text = Explanation.make(for: "00u-susp", desired: desired, current: current, options: options)?.text ?? ""
    #expect(text.contains("(the guard would refuse this run)"))
  }

  @Test func anEmailSharedInOktaIsAnsweredForTheUserWhoGetsIt() throws {
    let desired = DirectorySnapshot.directory {
      $0.user("svc", email: "team@example.com", assigned: false)
      $0.user("zed", email: "team@example.com")
      $0.user("amy", status: .staged, email: "team@example.com")
    }
    let text = try #require(Explanation.make(for: "team@example.com", desired: desired, current: StoreSnapshot())?.text)
    #expect(text.contains("id 00u-zed"), "\(text)")
    let linked = try #require(Explanation.make(for: "team@example.com", desired: desired, current: .store { $0.person("svc", email: "team@example.com") })?.text)
    #expect(linked.contains("id 00u-svc"), "\(linked)")
  }

  @Test func aGroupNamedLikeADashboardGroupIsExplainedAsNeverTakenOver() throws {
    let desired = DirectorySnapshot.directory { $0.group("eng", displayName: "Engineering") }
    let current = StoreSnapshot.store { $0.group("local", displayName: "Engineering", linked: false) }
    let text = try #require(Explanation.make(for: "00g-eng", desired: desired, current: current)?.text)
    #expect(text.contains("a dashboard group \"Engineering\" exists, made by hand (no Okta id): a sync never takes it over"), "\(text)")
  }

  @Test func aLinkBlockedByAnAdminIsExplained() throws {
    let desired = DirectorySnapshot.directory { $0.user("dan") }
    let current = StoreSnapshot.store { $0.person("dan", role: .admin, linked: false) }
    let text = try #require(Explanation.make(for: "dan@example.com", desired: desired, current: current)?.text)
    #expect(text.contains("skipped linkUser"), "\(text)")
    #expect(text.contains("admin"))
  }

  @Test func aChangeSwitchedOffIsExplainedAsDisabled() throws {
    var options = SyncOptions()
    options.createUsers = false
    let text = try #require(Explanation.make(for: "00u-new", desired: desired, current: current, options: options)?.text)
    #expect(text.contains("skipped createUser new@example.com (00u-new)"), "\(text)")
    #expect(text.contains("disabled: this kind of change is switched off"))
  }
}
