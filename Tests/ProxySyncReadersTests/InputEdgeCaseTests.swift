import Foundation
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

/// Shapes of input found by fuzzing and in admins' hand-made exports: each is read or refused
/// exactly, never silently misread.
@Suite struct InputEdgeCaseTests {
  func read(_ files: [String: String]) -> ExportReadResult {
    let directory = TemporaryDirectory()
    for name in ["users.json", "groups.json", "group-members.json", "app-users.json", "app-groups.json"] {
      directory.write(name, "[]")
    }
    for (name, text) in files {
      // Another shape of a kind replaces its default `KIND.json`.
      let kind = String(name.prefix { $0 != "." && $0 != "/" })
      if name != "\(kind).json" { try? FileManager.default.removeItem(atPath: directory.file("\(kind).json")) }
      directory.write(name, text)
    }
    return ExportReader.read(folder: directory.path)
  }

  /// Keys are matched by length, first and last byte before their bytes are compared: a key
  /// 65,538 bytes long that starts with "i" and ends with "d" is not "id", nor one with escapes.
  @Test func keysAreMatchedWhole() throws {
    let long = "i" + String(repeating: "x", count: 65_536) + "d"
    let result = read([
      "users.json": #"[{"id": "00u1", "\#(long)": "00uWRONG", "status": "ACTIVE", "profile": {"email": "ann@example.com", "mail": "x", "emaiL": "y"}}]"#,
      "app-users.json": #"[{"id": "00u1"}]"#,
    ])
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    #expect(snapshot.users.map(\.id) == [OktaUserID("00u1")])
    #expect(snapshot.users.first?.status == .active)
    #expect(snapshot.users.first?.profile.email == .named("ann@example.com"))
  }

  /// A comma after the last record is refused where the `]` stands, past white space and line
  /// breaks; a comma at the very end is a truncated file. Nothing of the file is taken.
  @Test(arguments: [
    ("[{\"id\": \"00g1\", \"profile\": {\"name\": \"Eng\"}},]", 1, "expected a value after ',', found ']'"),
    ("[{\"id\": \"00g1\", \"profile\": {\"name\": \"Eng\"}},\n\n  ]", 3, "expected a value after ',', found ']'"),
    ("[{\"id\": \"00g1\", \"profile\": {\"name\": \"Eng\"}},\n", 2, "looks truncated"),
  ])
  func aCommaWithNoElementAfterItIsRefusedAtItsLine(text: String, line: Int, message: String) {
    let result = read(["groups.json": text])
    let error = result.diagnostics.errors.first
    #expect(result.snapshot == nil)
    #expect(error?.file == "groups.json" && error?.line == line, "\(result.diagnostics.rendered())")
    #expect(error?.message.contains(message) == true, "\(result.diagnostics.rendered())")
  }

  @Test func oktaAttributeLabelsAreAcceptedAsCSVHeadersInAnyCase() throws {
    let result = read([
      "users.csv": """
        User Id,Username,PRIMARY EMAIL,first name,Last name,Mobile phone,Title,Department,Employee number,Status
        00u1,ann@example.com,Ann@Example.com,Ann,Lee,+1 555,CTO,Eng,7,ACTIVE
        """,
      "groups.csv": "Group Id,Name,Description,Type\n00g1,Eng,Builders,OKTA_GROUP\n",
    ])
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    #expect(result.diagnostics.isEmpty)
    #expect(snapshot.users == [OktaUser(id: OktaUserID("00u1"), status: .active, profile: Profile(
      email: .named("ann@example.com"), firstName: "Ann", lastName: "Lee", mobilePhone: "+1 555", title: "CTO",
      department: "Eng", employeeNumber: "7"))])
    #expect(snapshot.groups == [OktaGroup(id: OktaGroupID("00g1"), name: "Eng", description: "Builders")])
    #expect(snapshot.unexportedFields.isEmpty && snapshot.groupDescriptionsExported)
  }

  @Test func aMissingColumnIsNotExportedAndWarnedOnceAnEmptyCellIsNoValue() throws {
    let result = read([
      "users.csv": "id,status,email,lastName\n00u1,ACTIVE,a@example.com,\n",
      "groups.csv": "id,name\n00g1,Eng\n",
    ])
    let snapshot = try #require(result.snapshot)
    #expect(snapshot.unexportedFields == [.firstName, .mobilePhone, .title, .department, .employeeNumber])
    #expect(!snapshot.groupDescriptionsExported)
    #expect(snapshot.users[0].profile.lastName == nil)
    #expect(result.diagnostics.rendered() == """
      users.csv: warning: no column for "firstName", "mobilePhone", "title", "department", "employeeNumber"; those attributes are left as they are in Proxy, not cleared
      groups.csv: warning: no column for "description"; that attribute is left as it is in Proxy, not cleared
      """)
  }

  @Test func aRowHoldingAnEmptyQuotedValueIsARecordWithAnEmptyValueNotABlankLine() {
    let one = read(["app-groups.csv": "groupId\n\"\"\n\n"])
    #expect(one.diagnostics.rendered() == #"app-groups.csv:2: error: app group assignment #1: empty value in column "groupId""#)
    let two = read(["group-members.csv": "groupId,userId\n\"\",00u1\n"])
    #expect(two.diagnostics.rendered() == #"group-members.csv:2: error: membership #1: empty value in column "groupId""#)
    let json = read(["app-groups.json": "[\n{\"id\": \"\"},\n{\"id\": null},\n{}\n]"])
    #expect(json.diagnostics.rendered() == """
      app-groups.json:2: error: app group assignment #1: field "id" is empty
      app-groups.json:3: error: app group assignment #2: field "id" is null
      app-groups.json:4: error: app group assignment #3: missing field "id"
      """)
  }

  @Test(arguments: [
    (#"{"id": "00g1", "note": "\x41"}"#, "bad escape '\\x' in a string"),
    (#"{"id": "00g1", "note": "\u12"}"#, "bad \\u escape in a string"),
    (#"{"id": "00g1", "note": "a\u0000b"}"#, "NUL character (\\u0000) inside a string"),
    (#"{"id": "00g1", "size": 01}"#, "number with a leading zero; JSON numbers cannot start with 0"),
    (#"{"id": "00g1", "_links": {"k\q": 1}}"#, "bad escape '\\q' in a string"),
  ])
  func invalidJSONInIgnoredFieldsRefusesTheFile(element: String, message: String) {
    let result = read(["app-groups.json": "[\n\(element)\n]"])
    #expect(result.diagnostics.rendered() == "app-groups.json:2: error: \(message)")
    #expect(result.hasStructuralErrors)
  }

  @Test func recordsOfAOneLineAPIPageAreNamedByNumber() {
    let page = #"[{"id":"00u1","status":"ACTIVE","profile":{"email":"a@example.com"}},{"id":"00u2","status":"ACTIVE","profile":{}},{"id":"00u1","status":"ACTIVE","profile":{"email":"c@example.com"}}]"#
    let result = read(["users/page-002.json": page + "\n"])
    #expect(result.diagnostics.rendered() == """
      users/page-002.json:1: error: record 2 (user "00u2"): missing field "profile.email"
      users/page-002.json:1: error: record 3: duplicate user id "00u1" (first seen record 1)
      """)
  }

  @Test func aSyntaxErrorInAOneLinePageNamesItsColumnAndRecord() {
    let good = #"{"id":"00u1","status":"ACTIVE","profile":{"email":"a@example.com"}}"#
    let page = "[\(good),\(good.replacingOccurrences(of: "00u1", with: "00u2")),{\"id\":\"00u3\" \"status\":1}]\n"
    let result = read(["users/page-002.json": page])
    // The column of the quote that opens the unexpected key, counted from 1.
    let column = page.utf8.count - #""status":1}]"#.utf8.count - "\n".utf8.count + 1
    #expect(result.diagnostics.rendered() == "users/page-002.json:1:\(column): error: record 3: expected ',' or '}' in object, found a string")
  }

  @Test(arguments: ["users.json", "users/page-1.json", "manifest.json"])
  func aFIFOWhereAFileShouldBeIsRefusedWithoutOpeningIt(name: String) throws {
    let directory = TemporaryDirectory()
    for kind in ["users", "groups", "group-members", "app-users", "app-groups"] { directory.write("\(kind).json", "[]") }
    if name != "manifest.json" { try FileManager.default.removeItem(atPath: directory.file("users.json")) }
    try FileManager.default.createDirectory(atPath: directory.file("users"), withIntermediateDirectories: true)
    if name != "users/page-1.json" { try FileManager.default.removeItem(atPath: directory.file("users")) }
    #expect(mkfifo(directory.file(name), 0o600) == 0)
    let refusal = "\(name): error: is a FIFO (named pipe), not a regular file; export files must be regular files"
    if name == "manifest.json" {
      guard case .failure(let problem) = ManifestReader.read(folder: directory.path) else { return #expect(Bool(false)) }
      #expect(problem.description == refusal)
    } else {
      #expect(ExportReader.read(folder: directory.path).diagnostics.rendered() == refusal)
    }
  }

  @Test func sharedEmailsAreReadAndInvisibleCharactersRefuseTheirRecord() throws {
    let result = read(["users.json": #"""
      [{"id": "00u1", "status": "ACTIVE", "profile": {"email": "ann@example.com"}},
       {"id": "00u2", "status": "ACTIVE", "profile": {"email": "Ann@Example.com"}},
       {"id": "00u3", "status": "ACTIVE", "profile": {"email": "bob\u200b@example.com"}}]
      """#])
    #expect(result.diagnostics.rendered() == #"users.json:3: error: user "00u3": email "bob\u{200B}@example.com" holds an invisible character (U+200B); fix the address in Okta"#)
    #expect(result.recordErrors.count == 1 && !result.hasStructuralErrors)
    #expect(result.partialSnapshot.users.map(\.id) == [OktaUserID("00u1"), OktaUserID("00u2")])
  }

  @Test func groupPushMappingsAreReadWithTheirProblems() throws {
    let valid = read([
      "groups.json": #"[{"id": "00g1", "profile": {"name": "A"}}, {"id": "00g2", "profile": {"name": "B"}}]"#,
      "group-push-mappings.json": """
        [
        {"id": "gPm1", "sourceGroupId": "00g1", "status": "ACTIVE"},
        {"id": "gPm2", "sourceGroupId": "00g2", "status": "inactive"},
        {"id": "gPm3", "sourceGroupId": "00g9", "status": "ERROR"}
        ]
        """,
    ])
    #expect(try #require(valid.snapshot).pushMappings == [OktaGroupID("00g1")])
    #expect(valid.diagnostics.rendered() == #"group-push-mappings.json:4: warning: mapping names group "00g9", which is not in the groups file; nothing to push"#)
    let broken = read(["group-push-mappings.json": "[\n{\"id\": \"gPm1\", \"sourceGroupId\": \"00g1\", \"status\": \"PAUSED\"},\n{\"id\": \"gPm2\"}\n]"])
    #expect(broken.diagnostics.rendered() == """
      group-push-mappings.json:2: error: group push mapping "gPm1": unknown status "PAUSED" (expected ACTIVE, INACTIVE or ERROR)
      group-push-mappings.json:3: error: group push mapping "gPm2": missing field "sourceGroupId"
      group-push-mappings.json:3: error: group push mapping "gPm2": missing field "status"
      """)
    #expect(read([:]).snapshot?.pushMappings == nil)
  }
}
