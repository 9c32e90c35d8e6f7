import Foundation
import TestSupport
import Testing

/// Someone rehired with a new Okta account: the sync never guesses that the two accounts are one
/// person, but says so and names the command that moves the link; afterwards their person
/// comes back, data kept. Through the built binary.
@Suite struct RehireTests {
  func export(_ directory: TemporaryDirectory, _ day: String, users: [String]) -> String {
    directory.write("\(day)/users.json", "[" + users.joined(separator: ",") + "]")
    directory.write("\(day)/app-users.json", "[" + users.map { "{\"id\": \($0.split(separator: ",")[0].split(separator: ":")[1])}" }.joined(separator: ",") + "]")
    for name in ["groups", "group-members", "app-groups"] { directory.write("\(day)/\(name).json", "[]") }
    return directory.file(day)
  }

  static func user(_ id: String, _ email: String, title: String = "Engineer") -> String {
    #"{"id": "\#(id)", "status": "ACTIVE", "profile": {"email": "\#(email)", "firstName": "Ann", "title": "\#(title)"}}"#
  }

  @Test func aRehireIsSkippedWithTheHintThenRelinkedAndReactivatedWithItsData() throws {
    let directory = TemporaryDirectory()
    let env = ["PROXYSYNC_STORE": directory.file("store.sqlite"), "PROXYSYNC_ORG": "acme"]
    func run(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
      try #require(try RealExportBinaryTests.run(arguments, environment: env))
    }
    let (ann, bob, cat) = (Self.user("00uOldAnn", "ann@example.com"), Self.user("00uBob", "bob@example.com"), Self.user("00uCat", "cat@example.com"))
    #expect(try run("org", "create", "acme").status == 0)
    #expect(try run("sync", "--source", export(directory, "day1", users: [ann, bob, cat])).status == 0)
    #expect(try run("people", "mark-active", "--all-pending").status == 0)
    // Ann and Cat leave; Okta's listing no longer has them.
    #expect(try run("sync", "--source", export(directory, "day2", users: [bob])).status == 0)
    #expect(try run("people", "set-role", "cat@example.com", "admin").status == 0)

    // Ann is rehired with a new Okta account and a new title.
    let day3 = export(directory, "day3", users: [Self.user("00uNewAnn", "ann@example.com", title: "Staff Engineer"), bob])
    let skipped = try run("sync", "--source", day3)
    #expect(skipped.status == 0)
    #expect(skipped.out.contains("email conflicts: 1"), "\(skipped.out)")
    #expect(skipped.err.contains(#"user "00uNewAnn" was not created: "ann@example.com" belongs to ann@example.com (00uOldAnn, inactive, member, linked to an Okta user no longer exported) (emailConflict); if this is a rehire, move the person to the new account: proxysync people relink --org acme ann@example.com 00uNewAnn"#), "\(skipped.err)")
    let explained = try run("explain", "--source", day3, "00uNewAnn")
    #expect(explained.out.contains("Email kept by\n  ann@example.com (00uOldAnn, inactive, member"), "\(explained.out)")

    // Refused: an admin, someone active, an Okta user linked to someone else.
    #expect(try run("people", "relink", "cat@example.com", "00uNewCat").err.contains("is an admin"))
    #expect(try run("people", "relink", "bob@example.com", "00uNewBob").err.contains("is active: only an inactive person"))
    #expect(try run("people", "relink", "ann@example.com", "00uBob").err.contains("Okta user 00uBob is linked to bob@example.com already"))

    let relinked = try run("people", "relink", "ann@example.com", "00uNewAnn")
    #expect(relinked.status == 0, "\(relinked.err)")
    #expect(relinked.out.hasPrefix("relinked ann@example.com to Okta user 00uNewAnn (was 00uOldAnn)"))
    let back = try run("sync", "--source", day3, "--format", "json")
    #expect(back.status == 0)
    #expect(back.out.contains(#""reactivateUser": 1"#) && back.out.contains(#""new": "Staff Engineer""#), "\(back.out)")
    #expect(!back.err.contains("emailConflict"))
    let people = try run("people", "list", "--format", "json").out
    #expect(people.contains(#""userId": "00uNewAnn""#) || people.contains(#""userId":"00uNewAnn""#), "\(people)")
    let audit = try run("audit", "--person", "ann@example.com").out
    #expect(audit.contains("relinkUser") && audit.contains("00uOldAnn") && audit.contains("00uNewAnn"), "\(audit)")
  }

  /// The night the old account disappears and the new one appears is when the admin should hear
  /// of it: the same plan deactivates the old person and skips the new account.
  @Test func aRehiresFirstNightNamesTheRelinkToRunAfterTheSync() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let (ann, bob) = (Self.user("00uOldAnn", "ann@example.com"), Self.user("00uBob", "bob@example.com"))
    #expect(cli.run("sync", "--source", export(cli.directory, "day1", users: [ann, bob])).status == 0)
    #expect(cli.run("people", "mark-active", "--all-pending").status == 0)
    let day2 = export(cli.directory, "day2", users: [Self.user("00uNewAnn", "ann@example.com"), bob])

    let explained = cli.run("explain", "--source", day2, "00uNewAnn")
    #expect(explained.out.contains("Proxy person\n  none linked to Okta id 00uNewAnn\n  the email ann@example.com belongs to another person: linked to 00uOldAnn, status active, role member"), "\(explained.out)")
    #expect(explained.out.contains("once this sync has deactivated them: proxysync people relink --org ORG ann@example.com 00uNewAnn"), "\(explained.out)")

    let night = cli.run("sync", "--source", day2)
    #expect(night.status == 0, "\(night.err)")
    #expect(night.err.contains("if this is a rehire, move the person to the new account once this sync has deactivated them: proxysync people relink --org acme ann@example.com 00uNewAnn"), "\(night.err)")
    #expect(cli.run("people", "relink", "ann@example.com", "00uNewAnn").status == 0)
  }
}
