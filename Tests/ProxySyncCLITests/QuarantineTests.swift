import Foundation
import TestSupport
import Testing

@Suite struct QuarantineCLITests {
  /// Day 2 of the samples with Bob's record broken (unknown status) and one dangling membership.
  func brokenDayTwo(_ cli: CLIHarness) -> String {
    let folder = cli.directory.url.appendingPathComponent("day2").path
    try? FileManager.default.copyItem(atPath: "\(CLIHarness.samples)/day2", toPath: folder)
    let users = (try? String(contentsOfFile: "\(folder)/users.json", encoding: .utf8)) ?? ""
    let broken = users.replacingOccurrences(
      of: #""id": "00u1bob0000000000002",\#n    "status": "ACTIVE""#, with: #""id": "00u1bob0000000000002",\#n    "status": "ON_LEAVE""#)
    cli.directory.write("day2/users.json", broken)
    let members = (try? String(contentsOfFile: "\(folder)/group-members.json", encoding: .utf8)) ?? ""
    cli.directory.write("day2/group-members.json", members.replacingOccurrences(of: "[\n", with: "[\n  {\"groupId\": \"00g1engineering00001\", \"userId\": \"00u9ghost\"},\n"))
    return folder
  }

  @Test func withoutTheFlagAnyInvalidRecordRefusesTheRun() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", brokenDayTwo(cli))
    #expect(result.status == 1)
    #expect(result.err.contains(#"user "00u1bob0000000000002": unknown status "ON_LEAVE""#))
  }

  @Test func quarantinedRecordsAreLeftOutListedAndTheirPeopleUntouched() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let bobBefore = cli.run("people", "list", "--search", "bob.ng", "--format", "json").out
    let result = cli.run("sync", "--source", brokenDayTwo(cli), "--quarantine-invalid", "2")
    #expect(result.status == 0, "\(result.err)")
    #expect(result.err.contains("left out 2 invalid records"))
    #expect(result.err.contains(#"group-members.json:2: error: membership names user "00u9ghost""#))
    // Bob's record was invalid: he is neither updated nor deactivated.
    #expect(cli.run("people", "list", "--search", "bob.ng", "--format", "json").out == bobBefore)
    // Everybody else was synced.
    #expect(cli.run("people", "list", "--search", "cara.lopez").out.contains("cara.lopez"))
    let run = cli.run("runs", "show", "run-9")
    #expect(run.out.contains("quarantined:\n  users.json:"))
    #expect(run.out.contains("unknown status"))
  }

  @Test func moreInvalidRecordsThanAllowedRefusesTheRun() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", brokenDayTwo(cli), "--quarantine-invalid", "1")
    #expect(result.status == 1)
    #expect(result.err.contains("has 2 errors, more than --quarantine-invalid 1 allows"))
  }

  @Test func structuralDamageIsNeverQuarantined() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let folder = brokenDayTwo(cli)
    cli.directory.write("day2/groups.json", "[{\"id\": \"00g1\"")
    let result = cli.run("sync", "--source", folder, "--quarantine-invalid", "100")
    #expect(result.status == 1)
    #expect(result.err.contains("groups.json:1:15: error: record 1: unexpected end of file"))
  }
}

@Suite struct HostileValueTests {
  @Test(arguments: ["=HYPERLINK(\"http://x\",\"y\")", "<script>alert(1)</script>", "\u{1B}[31mred\u{1B}[0m", "Robert'); DROP TABLE person;--"])
  func hostileNamesRoundTripThroughTheStoreAndPrintSafely(name: String) throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let encoded = String(decoding: try JSONSerialization.data(withJSONObject: [name], options: [.fragmentsAllowed]), as: UTF8.self)
    cli.directory.write("export/users.json", #"[{"id": "00u1", "status": "ACTIVE", "profile": {"email": "a@example.com", "firstName": \#(encoded.dropFirst().dropLast())}}]"#)
    cli.directory.write("export/app-users.json", #"[{"id": "00u1"}]"#)
    for file in ["groups", "group-members", "app-groups"] { cli.directory.write("export/\(file).json", "[]") }
    #expect(cli.run("sync", "--source", cli.directory.file("export")).status == 0)
    let json = cli.run("people", "list", "--format", "json").out
    let people = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    #expect(people.first?["firstName"] as? String == name)
    let table = cli.run("people", "list").out
    #expect(!table.unicodeScalars.contains { $0 == "\u{1B}" })
    #expect(cli.run("runs", "list").status == 0)
  }
}
