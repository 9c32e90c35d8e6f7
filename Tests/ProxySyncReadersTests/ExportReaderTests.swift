import Foundation
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

@Suite struct ExportReaderTests {
  /// Writes a complete export with these users (JSON array elements as text) and no groups.
  func export(users: String, in directory: TemporaryDirectory) -> String {
    directory.write("users.json", users)
    for name in ["groups", "group-members", "app-users", "app-groups"] { directory.write("\(name).json", "[]") }
    return directory.path
  }

  @Test func minimalFixtureDecodesEveryField() throws {
    let result = ExportReader.read(folder: ExportReaderFixtureTests.fixtures.appendingPathComponent("valid/minimal").path)
    let snapshot = try #require(result.snapshot)
    #expect(snapshot.users.map(\.id) == [OktaUserID("00u1"), OktaUserID("00u2")])
    #expect(snapshot.users[0].profile == Profile(email: .named("ann@example.com"), firstName: "Ann", lastName: "Lee"))
    #expect(snapshot.users[0].status == .active)
    #expect(snapshot.groups == [OktaGroup(id: OktaGroupID("00g1"), type: .oktaGroup, name: "Eng", description: nil)])
    #expect(snapshot.memberships == [OktaMembership(groupID: OktaGroupID("00g1"), userID: OktaUserID("00u1"))])
    #expect(snapshot.assignedUserIDs == [OktaUserID("00u1")])
    #expect(snapshot.assignedGroupIDs == [OktaGroupID("00g1")])
  }

  @Test func byteOrderMarkNullsEmptyStringsAndCaseAreNormalised() throws {
    let result = ExportReader.read(folder: ExportReaderFixtureTests.fixtures.appendingPathComponent("valid/bom-and-nulls").path)
    let user = try #require(result.snapshot?.users.first)
    #expect(user.status == .active)
    #expect(user.profile.email.rawValue == "ann@example.com")
    #expect(user.profile.firstName == nil)
    #expect(user.profile.title == nil)
  }

  @Test func duplicateMembershipIsAWarningAndCountedOnce() throws {
    let result = ExportReader.read(
      folder: ExportReaderFixtureTests.fixtures.appendingPathComponent("valid/duplicate-membership-warns").path)
    #expect(result.diagnostics.rendered() == """
      group-members.json:6: warning: duplicate membership of user "00u1" in group "00g1" (first seen on line 2); counted once
      """)
    #expect(try #require(result.snapshot).memberships.count == 1)
  }

  /// App assignments are matched to users by their bytes; a repeat is a warning at its line,
  /// padded ids still match, and the user is assigned once.
  @Test func repeatedAppAssignmentIsAWarningAndCountedOnce() throws {
    let directory = TemporaryDirectory()
    let folder = export(users: #"""
      [{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com"}},
       {"id": "00u2", "status": "ACTIVE", "profile": {"email": "b@example.com"}}]
      """#, in: directory)
    directory.write("app-users.json", """
      [{"id": "00u2"},
       {"id": " 00u1 "},
       {"id": "00u2"}]
      """)
    let result = ExportReader.read(folder: folder)
    #expect(result.diagnostics.rendered() == #"app-users.json:3: warning: user "00u2" is assigned twice; counted once"#)
    #expect(try #require(result.snapshot).assignedUserIDs == [OktaUserID("00u1"), OktaUserID("00u2")])
  }

  /// The reader hands over its numbering of the users for the planner; it must be the
  /// numbering the planner would build, direct assignments included.
  @Test func numberingHandedOverByTheReaderIsTheOneThePlannerWouldBuild() throws {
    let result = ExportReader.read(folder: repositoryRoot.appendingPathComponent("samples/okta-json/day2").path)
    let snapshot = try #require(result.snapshot)
    let handed = try #require(result.userNumbers)
    let fresh = UserNumbers(snapshot)
    #expect(handed.ids.strings() == fresh.ids.strings())
    #expect(handed.ofPosition == fresh.ofPosition)
    #expect(handed.ofMembershipUser == fresh.ofMembershipUser)
    #expect(fresh.ofMembershipUser.contains { $0 > 0 })
    let assignments = Assignments(snapshot, numbers: handed)  // through the reader's direct-assignment marks
    #expect(handed.directlyAssigned != nil)
    #expect(snapshot.users.allSatisfy { assignments.isDirectlyAssigned($0.id) == snapshot.assignedUserIDs.contains($0.id) })
    #expect(snapshot.users.contains { !assignments.isDirectlyAssigned($0.id) })
    let withNumbers = makePlan(desired: snapshot, current: StoreSnapshot(), numbers: handed)
    #expect(withNumbers.json(organization: "o").rendered() == makePlan(desired: snapshot, current: StoreSnapshot()).json(organization: "o").rendered())
    #expect(!withNumbers.isEmpty)
  }

  /// Past 20,000 distinct ids the memberships' and assignments' users are matched on both
  /// cores, each taking half: every user keeps their own numbering and assignment, and an
  /// unknown id in either half is still named at its line.
  @Test func largeExportsAreMatchedTheSameInBothHalves() throws {
    let directory = TemporaryDirectory()
    let count = 24_000
    var users = "[\n", members = "[\n", assigned = "[\n"
    for index in 0..<count {
      users += #"{"id": "00u\#(index)", "status": "ACTIVE", "profile": {"email": "u\#(index)@example.com"}},"# + "\n"
      members += #"{"groupId": "00g1", "userId": "00u\#(index)"},"# + "\n"
      if index % 3 != 0 { assigned += #"{"id": "00u\#(index)"},"# + "\n" }
    }
    users += #"{"id": "00ulast", "status": "ACTIVE", "profile": {"email": "last@example.com"}}"# + "\n]"
    directory.write("users.json", users)
    directory.write("groups.json", #"[{"id": "00g1", "profile": {"name": "All"}}]"#)
    directory.write("group-members.json", members + #"{"groupId": "00g1", "userId": "00ulast"}"# + "\n]")
    directory.write("app-users.json", assigned + #"{"id": "00ulast"}"# + "\n]")
    directory.write("app-groups.json", "[]")
    let clean = ExportReader.read(folder: directory.path)
    #expect(clean.diagnostics.isEmpty)
    let snapshot = clean.partialSnapshot
    guard let numbers = clean.userNumbers else { Issue.record("no numbering handed over"); return }
    let position = Dictionary(uniqueKeysWithValues: snapshot.users.enumerated().map { ($1.id, Int32($0)) })
    #expect(numbers.ofMembershipUser == snapshot.memberships.userIDs.map { position[$0] ?? -1 })
    let assignments = Assignments(snapshot, numbers: numbers)
    let expected = snapshot.users.map { $0.id.rawValue == "00ulast" || Int($0.id.rawValue.dropFirst(3))! % 3 != 0 }
    #expect(snapshot.users.map { assignments.isDirectlyAssigned($0.id) } == expected)
    let assignedIDs = snapshot.assignedUserIDs  // made from the flags, once
    #expect(snapshot.users.map { assignedIDs.contains($0.id) } == expected)

    // Unknown ids early (in the first half of the distinct ids) and last (in the second).
    directory.write("group-members.json", members.replacingOccurrences(of: #""00u7"}"#, with: #""00ugone7"}"#)
      + #"{"groupId": "00g1", "userId": "00ugone"}"# + "\n]")
    directory.write("app-users.json", assigned.replacingOccurrences(of: #""00u8"}"#, with: #""00ugone8"}"#)
      + #"{"id": "00ugone2"}"# + "\n]")
    #expect(ExportReader.read(folder: directory.path).diagnostics.rendered() == """
      group-members.json:9: error: membership names user "00ugone7", which is not in the users file
      group-members.json:\(count + 2): error: membership names user "00ugone", which is not in the users file
      app-users.json:7: error: app assignment names user "00ugone8", which is not in the users file
      app-users.json:\(count / 3 * 2 + 2): error: app assignment names user "00ugone2", which is not in the users file
      """)
  }

  @Test func missingFolderIsAnError() {
    let result = ExportReader.read(folder: "/nonexistent/export")
    #expect(result.diagnostics.rendered() == "/nonexistent/export: error: export folder not found")
  }

  @Test(arguments: [
    "=HYPERLINK(\"http://x\",\"y\")", "<script>alert(1)</script>", "\u{1B}[31mred\u{1B}[0m", "Zoë 李 😀", "a\\b\"c",
  ])
  func hostileNamesAreReadVerbatim(name: String) throws {
    let directory = TemporaryDirectory()
    let encoded = JSONValue.string(name).rendered()
    let folder = export(users: #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com", "firstName": \#(encoded)}}]"#, in: directory)
    let user = try #require(ExportReader.read(folder: folder).snapshot?.users.first)
    #expect(user.profile.firstName == name)
  }

  @Test func megabyteLongNameIsReadWhole() throws {
    let directory = TemporaryDirectory()
    let long = String(repeating: "x", count: 1 << 20)
    let folder = export(users: #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com", "lastName": "\#(long)"}}]"#, in: directory)
    #expect(try #require(ExportReader.read(folder: folder).snapshot?.users.first).profile.lastName?.count == 1 << 20)
  }

  @Test func escapesAndSurrogatePairsAreDecoded() throws {
    let directory = TemporaryDirectory()
    let folder = export(users: #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com", "firstName": "\u00e9\ud83d\ude00\n\/"}}]"#, in: directory)
    #expect(try #require(ExportReader.read(folder: folder).snapshot?.users.first).profile.firstName == "é😀\n/")
  }

  @Test func errorLinesAreRightDeepIntoAFile() {
    let directory = TemporaryDirectory()
    var users = "[\n"
    for index in 0..<5_000 {
      users += #"  {"id": "00u\#(index)", "status": "ACTIVE", "profile": {"email": "u\#(index)@example.com"}},"# + "\n"
    }
    users += #"  {"id": "00ubad", "status": "NOPE", "profile": {"email": "bad@example.com"}}"# + "\n]\n"
    let result = ExportReader.read(folder: export(users: users, in: directory))
    #expect(result.diagnostics.first?.line == 5_002)
  }

  @Test func everyProblemIsReportedNotJustTheFirst() {
    let directory = TemporaryDirectory()
    let folder = export(users: #"[{"id": "1", "status": "X", "profile": {"email": "a@example.com"}}, {"id": "2", "status": "Y", "profile": {"email": "b@example.com"}}]"#, in: directory)
    #expect(ExportReader.read(folder: folder).diagnostics.errors.count == 2)
  }
}

@Suite struct CSVReaderTests {
  static func read(_ name: String) -> ExportReadResult {
    ExportReader.read(folder: ExportReaderFixtureTests.fixtures.appendingPathComponent(name).path)
  }

  @Test func quotedFieldsSpanLinesKeepCommasAndDoubledQuotesAndRowsStartWhereTheyStart() throws {
    let users = try #require(Self.read("valid/csv-quoted-multiline").snapshot).users
    #expect(users.map(\.id.rawValue) == ["00u1", "00u2"])
    #expect(users[0].profile.department == #"R&D, "Labs""#)
    #expect(users[0].profile.firstName == "Ann\nMarie")
    #expect(users[1].profile.department == nil)
  }

  @Test func headerIsMatchedIgnoringCaseAndOrderWithUnknownColumnsIgnored() throws {
    let users = try #require(Self.read("valid/csv-quoted-multiline").snapshot).users
    #expect(users[0].profile.email.rawValue == "ann@example.com")
    #expect(users[0].status == .active)
  }

  @Test func strayQuoteInAnUnquotedFieldIsKeptLiterally() throws {
    let users = try #require(Self.read("valid/csv-quote-in-unquoted-field").snapshot).users
    #expect(users[0].profile.firstName == #"An"n"#)
  }

  @Test func megabyteLongCSVFieldIsReadWhole() throws {
    let directory = TemporaryDirectory()
    directory.write("users.csv", "id,status,email,lastName\n00u1,ACTIVE,a@example.com,\"\(String(repeating: "y", count: 1 << 20))\"\n")
    for name in ["groups", "group-members", "app-users", "app-groups"] { directory.write("\(name).json", "[]") }
    let user = try #require(ExportReader.read(folder: directory.path).snapshot?.users.first)
    #expect(user.profile.lastName?.utf8.count == 1 << 20)
  }

  @Test func lineNumbersCountLinesInsideQuotedFields() {
    let directory = TemporaryDirectory()
    directory.write("users.csv", "id,status,email\n00u1,ACTIVE,\"a\n@\nexample.com\"\n00u2,NOPE,b@example.com\n")
    for name in ["groups", "group-members", "app-users", "app-groups"] { directory.write("\(name).json", "[]") }
    let result = ExportReader.read(folder: directory.path)
    #expect(result.diagnostics.errors.map(\.description) == [
      #"users.csv:2: error: user "00u1": email "a"# + "\\n@\\n" + #"example.com" is not an email address"#,
      #"users.csv:5: error: user "00u2": unknown status "NOPE" (expected one of STAGED, PROVISIONED, ACTIVE, RECOVERY, PASSWORD_EXPIRED, LOCKED_OUT, SUSPENDED, DEPROVISIONED)"#,
    ])
  }
}

@Suite struct MembershipDiagnosticsOrderTests {
  @Test func danglingErrorsAndDuplicateWarningsStayInLineOrder() {
    let directory = TemporaryDirectory()
    directory.write("users.json", #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com"}}]"#)
    directory.write("groups.json", #"[{"id": "00g1", "profile": {"name": "G"}}]"#)
    directory.write("group-members.json", """
      [
      {"groupId": "00g1", "userId": "00u1"},
      {"groupId": "00g1", "userId": "00u1"},
      {"groupId": "00g1", "userId": "00u9"},
      {"groupId": "00g1", "userId": "00u1"}
      ]
      """)
    for name in ["app-users", "app-groups"] { directory.write("\(name).json", "[]") }
    let result = ExportReader.read(folder: directory.path)
    #expect(result.diagnostics.map(\.description) == [
      #"group-members.json:3: warning: duplicate membership of user "00u1" in group "00g1" (first seen on line 2); counted once"#,
      #"group-members.json:4: error: membership names user "00u9", which is not in the users file"#,
      #"group-members.json:5: warning: duplicate membership of user "00u1" in group "00g1" (first seen on line 2); counted once"#,
    ])
    // Okta's member listings name deprovisioned users its user listing leaves out: say so.
    #expect(result.hints.count == 1 && result.hints.first?.contains("DEPROVISIONED") == true)
  }

  /// The hint is for members missing from the users file, not for other broken references.
  @Test func noDeprovisionedHintForOtherProblems() {
    let directory = TemporaryDirectory()
    directory.write("users.json", #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com"}}]"#)
    directory.write("groups.json", #"[{"id": "00g1", "profile": {"name": "G"}}]"#)
    directory.write("group-members.json", #"[{"groupId": "00g9", "userId": "00u1"}]"#)
    directory.write("app-users.json", #"[{"id": "00u8"}]"#)
    directory.write("app-groups.json", "[]")
    let result = ExportReader.read(folder: directory.path)
    #expect(result.diagnostics.errors.count == 2)
    #expect(result.hints.isEmpty)
  }
}
