import Foundation
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

/// `group-members/<groupId>.json`: Okta's own member listings, User objects with no group id.
@Suite struct PerGroupMembersTests {
  static let ann = #"{"id":"00uAnn","status":"ACTIVE","profile":{"email":"ann@example.com","login":"ann@example.com"},"_links":{"self":{"href":"https://acme.okta.com/api/v1/users/00uAnn"}}}"#
  static let bob = #"{"id":"00uBob","status":"ACTIVE","profile":{"email":"bob@example.com"}}"#
  static let gone = #"{"id":"00uGone","status":"DEPROVISIONED","profile":{"email":"gone@example.com","firstName":"Gus"}}"#

  func export(_ files: [String: String], users: String = "[\(ann),\n\(bob)]") -> (TemporaryDirectory, ExportReadResult) {
    let directory = TemporaryDirectory()
    directory.write("users.json", users)
    directory.write("groups.json", #"[{"id":"00gEng","profile":{"name":"Eng"}},{"id":"00gOps","profile":{"name":"Ops"}}]"#)
    directory.write("app-users.json", "[]")
    directory.write("app-groups.json", #"[{"id":"00gEng"}]"#)
    for (name, text) in files { directory.write(name, text) }
    return (directory, ExportReader.read(folder: directory.path))
  }

  @Test func memberFilesAndPageFoldersNameTheirGroupAndHoldUserObjects() throws {
    let (_, result) = export([
      "group-members/00gEng.json": "[\(Self.ann),\(Self.bob)]",
      "group-members/00gOps/page-001.json": "[\(Self.bob)]",
      "group-members/00gOps/page-002.ndjson": "\(Self.ann)\n",
    ])
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    #expect(Set(snapshot.memberships) == [
      OktaMembership(groupID: OktaGroupID("00gEng"), userID: OktaUserID("00uAnn")),
      OktaMembership(groupID: OktaGroupID("00gEng"), userID: OktaUserID("00uBob")),
      OktaMembership(groupID: OktaGroupID("00gOps"), userID: OktaUserID("00uBob")),
      OktaMembership(groupID: OktaGroupID("00gOps"), userID: OktaUserID("00uAnn")),
    ])
    #expect(snapshot.users.count == 2)
  }

  /// Folders are told from files by what `readdir` says; a link is what it leads to.
  @Test func aLinkedPageFolderIsReadAsTheFolderItLeadsTo() throws {
    let elsewhere = TemporaryDirectory()
    elsewhere.write("ops/page-000001.json", "[\(Self.bob)]")
    let (directory, _) = export(["group-members/00gEng.json": "[\(Self.ann)]"])
    try FileManager.default.createSymbolicLink(atPath: directory.file("group-members/00gOps"), withDestinationPath: elsewhere.file("ops"))
    let result = ExportReader.read(folder: directory.path)
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    #expect(snapshot.memberships == [
      OktaMembership(groupID: OktaGroupID("00gEng"), userID: OktaUserID("00uAnn")),
      OktaMembership(groupID: OktaGroupID("00gOps"), userID: OktaUserID("00uBob")),
    ])
  }

  @Test func aDeprovisionedMemberMissingFromTheUsersFileIsAKnownUser() throws {
    let (_, result) = export(["group-members/00gEng.json": "[\(Self.ann),\(Self.gone)]"])
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    let gone = try #require(snapshot.users.first { $0.id == OktaUserID("00uGone") })
    #expect(gone.status == .deprovisioned)
    #expect(gone.profile == Profile(email: .named("gone@example.com"), firstName: "Gus"))
    #expect(snapshot.memberships.contains(OktaMembership(groupID: OktaGroupID("00gEng"), userID: OktaUserID("00uGone"))))
  }

  @Test func anActiveMemberMissingFromTheUsersFileIsStillAnError() {
    let (_, result) = export(["group-members/00gEng.json": "[\n\(Self.ann),\n\(Self.bob)\n]"], users: "[\(Self.ann)]")
    #expect(result.snapshot == nil)
    #expect(result.diagnostics.rendered() == #"group-members/00gEng.json:3: error: membership names user "00uBob", which is not in the users file"#)
    #expect(result.hints.first?.contains(#"filter=status eq "DEPROVISIONED""#) == true)
  }

  @Test func aFileOrFolderNotNamedByAGroupIdIsAnErrorNamingThePath() {
    let (_, byFile) = export(["group-members/00gEng.json": "[]", "group-members/engineering.json": "[]"])
    #expect(byFile.diagnostics.rendered() == #"group-members/engineering.json: error: "engineering" is not an Okta group id; per-group member listings are named by their group's id (00g…), and {groupId, userId} pages cannot be mixed with them"#)
    let (_, byFolder) = export(["group-members/ops/page-1.json": "[]"])
    #expect(byFolder.diagnostics.rendered().hasPrefix(#"group-members/ops/: error: "ops" is not an Okta group id"#))
  }

  @Test func membershipRowsInsideAPerGroupListingAreRefused() {
    let (_, result) = export(["group-members/00gEng.json": "[\n{\"groupId\": \"00gEng\", \"userId\": \"00uAnn\"}\n]"])
    #expect(result.diagnostics.rendered() == #"group-members/00gEng.json:2: error: member "00uAnn": a {groupId, userId} row in a per-group member listing, which holds Okta User objects; keep to one shape of group-members"#)
  }

  @Test func flatMembershipPagesStillReadAsBefore() throws {
    let (_, result) = export(["group-members/page-001.json": #"[{"groupId":"00gEng","userId":"00uAnn"}]"#])
    #expect(try #require(result.snapshot).memberships == [OktaMembership(groupID: OktaGroupID("00gEng"), userID: OktaUserID("00uAnn"))])
  }
}
