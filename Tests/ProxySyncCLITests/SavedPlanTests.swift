import Foundation
@testable import ProxySyncCLI
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

@Suite struct SavedPlanTests {
  let day2 = "\(CLIHarness.samples)/day2"

  @Test func appliedPlanMatchesADirectSyncAndCannotBeAppliedTwice() throws {
    let viaPlan = CLIHarness()
    viaPlan.prepareSampleCompany()
    let file = viaPlan.directory.file("plan.json")
    #expect(viaPlan.run("plan", "--source", day2, "--out", file).status == 0)
    let applied = viaPlan.run("apply", file)
    #expect(applied.status == 0, "\(applied.err)")
    #expect(applied.out.hasPrefix("acme: 19 changes"))

    let viaSync = CLIHarness()
    viaSync.prepareSampleCompany()
    viaSync.run("sync", "--source", day2)
    #expect(viaPlan.run("people", "list", "--format", "json").out == viaSync.run("people", "list", "--format", "json").out)
    #expect(viaPlan.run("groups", "list", "--format", "json").out == viaSync.run("groups", "list", "--format", "json").out)

    let again = viaPlan.run("apply", file)
    #expect(again.status == 6)
    #expect(again.err.contains("already applied, in run run-9"))
    let runs = try #require(try JSONSerialization.jsonObject(with: Data(viaPlan.run("runs", "list", "--format", "json").out.utf8)) as? [[String: Any]])
    #expect(runs.contains { $0["command"] as? String == "apply" && $0["outcome"] as? String == "refused" })
  }

  @Test func planIsStaleOnceTheOrganizationChanged() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", day2, "--out", file)
    cli.run("people", "add", "late@acme-robotics.example")
    let before = cli.run("people", "list", "--format", "json").out
    let result = cli.run("apply", file)
    #expect(result.status == 6)
    #expect(result.err.contains("the organization's data changed since the plan was made (revision 6, now 7)"))
    #expect(cli.run("people", "list", "--format", "json").out == before)
  }

  @Test func planForAnotherOrganizationIsRefused() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("org", "create", "globex")
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", day2, "--out", file)
    let result = cli.run("apply", file, "--org", "globex")
    #expect(result.status == 6)
    #expect(result.err.contains(#"the plan is for organization "acme", not "globex""#))
  }

  @Test(arguments: ["edited", "truncated"])
  func editedOrTruncatedFileIsRefused(damage: String) throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", day2, "--out", file)
    var text = try String(contentsOfFile: file, encoding: .utf8)
    text = damage == "edited" ? text.replacingOccurrences(of: "Sales EMEA", with: "Sales APAC") : String(text.prefix(text.count / 2))
    cli.directory.write("plan.json", text)
    let result = cli.run("apply", file)
    #expect(result.status == 6)
    #expect(result.err.contains("was changed or cut short after it was saved"), "\(result.err)")
  }

  /// How the forgery was done before plans were signed: edit, then recompute the SHA-256.
  @Test(arguments: ["attacker email", "added member"])
  func aPlanEditedAndResealedWithAPlainChecksumIsRefusedAndChangesNothing(forgery: String) throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", day2, "--out", file)
    var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
    let signature = lines.removeLast()
    #expect(signature.hasPrefix(#"{"signature":""#))
    if forgery == "attacker email" {
      let index = try #require(lines.firstIndex { $0.contains("@acme-robotics.example") && $0.contains("\"op\":\"createUser\"") })
      lines[index] = lines[index].replacingOccurrences(of: #"[a-z.]+@acme-robotics\.example"#, with: "attacker@evil.example", options: .regularExpression)
    } else {
      let index = try #require(lines.lastIndex { $0.contains("\"op\":\"addMember\"") })
      lines.insert(lines[index].replacingOccurrences(of: #""members":\[.*\]"#, with: #""members":[[null,"attacker@evil.example"]]"#, options: .regularExpression), at: index + 1)
    }
    let body = lines.joined(separator: "\n") + "\n"
    for seal in [signature, #"{"checksum":"\#(SHA256.hex(Array(body.utf8)))"}"#] {
      cli.directory.write("plan.json", body + seal + "\n")
      let before = cli.run("people", "list", "--format", "json").out
      let result = cli.run("apply", file)
      #expect(result.status == 6, "\(result.err)")
      #expect(result.err.contains("make a new plan"))
      #expect(cli.run("people", "list", "--format", "json").out == before)
    }
  }

  @Test func aPlanSavedFromAnotherStoreIsRefusedAndOneCopiedWithTheStoreApplies() throws {
    let original = CLIHarness()
    original.prepareSampleCompany()
    let file = original.directory.file("plan.json")
    original.run("plan", "--source", day2, "--out", file)
    let other = CLIHarness()
    other.prepareSampleCompany()
    let refused = other.run("apply", file)
    #expect(refused.status == 6)
    #expect(refused.err.contains("or was saved from another store (its signature does not match this store's key); make a new plan"), "\(refused.err)")
    // A copy of the store carries its key: the plan applies there.
    let copy = original.directory.file("copy.sqlite")
    #expect(original.run("store", "copy", "--from", original.store, "--to", copy).status == 0)
    let onCopy = original.run("apply", file, "--store", copy)
    #expect(onCopy.status == 0, "\(onCopy.err)")
    #expect(onCopy.out.hasPrefix("acme: 19 changes"))
  }

  @Test func noOpApplyDoesNotMoveTheRevision() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", day2)
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", day2, "--out", file)
    let revision = cli.run("org", "list").out
    #expect(cli.run("apply", file).out.hasPrefix("acme: no changes"))
    #expect(cli.run("org", "list").out == revision)
  }

  @Test func planFlaggedByTheGuardNeedsForce() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("plan.json")
    #expect(cli.run("plan", "--source", day2, "--out", file, "--max-deactivations", "1").status == 4)
    #expect(cli.run("apply", file).status == 4)
    #expect(cli.run("apply", file, "--force").status == 0)
  }
}

@Suite struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
  ])
  func knownDigests(input: String, digest: String) {
    #expect(SHA256.hex(input.utf8) == digest)
  }
}

@Suite struct AuditCommandTests {
  @Test func personHistoryShowsEveryChangeWithBeforeAndAfter() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", "\(CLIHarness.samples)/day2")
    cli.run("sync", "--source", "\(CLIHarness.samples)/day3")
    let json = cli.run("audit", "--person", "00u1eve0000000000005", "--format", "json").out
    let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    // Marked active by hand between the syncs: on the record like the syncs' changes.
    #expect(entries.compactMap { $0["op"] as? String } == ["createUser", "addMember", "markActive", "deactivateUser", "reactivateUser"])
    #expect(entries[2]["before"] as? String == #"{"status":"pending"}"# && entries[2]["after"] as? String == #"{"status":"active"}"#)
    #expect(entries[3]["after"] as? String == #"{"status":"inactive","cause":"suspended"}"#)
    // A membership names its group as well as the person.
    let membership = try #require(entries[1]["subject"] as? String)
    #expect(membership.hasPrefix("\"") && membership.hasSuffix("← eve.moss@acme-robotics.example (00u1eve0000000000005)"), "\(membership)")
    #expect(cli.run("audit", "--person", "CARA.LOPEZ@acme-robotics.example").out.contains(#"{"email":"cara.diaz@acme-robotics.example","lastName":"Diaz"}"#))
  }

  @Test func groupHistoryIncludesRenamesAndMemberships() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", "\(CLIHarness.samples)/day2")
    let text = cli.run("audit", "--group", "00g1sales00000000002").out
    #expect(text.contains("renameGroup"))
    #expect(text.contains(#"{"name":"Sales"}"#) && text.contains(#"{"name":"Sales EMEA"}"#))
    #expect(text.contains("removeMember"))
    // Who left the group is named, not only that someone did.
    let removal = text.split(separator: "\n").first { $0.contains("removeMember") }
    #expect(removal?.contains("\"Sales EMEA\" (00g1sales00000000002) ← ") == true, "\(removal ?? "")")
  }

  @Test func unknownPersonIsAnError() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(cli.run("audit", "--person", "nobody@example.com").status == 1)
    #expect(cli.run("audit").status == 2)
  }
}
