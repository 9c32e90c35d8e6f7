import ProxySyncCore
@testable import ProxySyncReaders
import TestSupport
import Testing

/// Saved-plan format 2: written and read a line at a time, every byte covered by the checksum.
@Suite struct SavedPlanFormatTests {
  /// A plan with every kind of operation, a group big enough to need two member lines, a
  /// person without an Okta id, and text that needs escaping.
  static func everyKind() -> SavedPlan {
    let ann = UserRef(userID: .named("ann"), email: .named("ann@example.com"))
    let local = UserRef(userID: nil, email: .named("local@example.com"))
    let big = GroupRef(groupID: .named("all"), name: "All \"staff\"\n")
    let eng = GroupRef(groupID: .named("eng"), name: "Engineering")
    var operations: [Operation] = [
      .createGroup(OktaGroup(id: .named("new"), name: "New", description: "ünïcode ☃")),
      .renameGroup(eng, oldName: "Eng", newName: "Engineering", description: ValueChange(old: nil, new: "R&D")),
      .updateGroup(eng, description: ValueChange(old: "a", new: nil)),
      .linkUser(local, to: .named("local")),
      .createUser(OktaUser(id: .named("new"), status: .active, profile: Profile(email: .named("new@example.com"), firstName: "Né", title: "CTO"))),
      .updateUser(ann, changes: [FieldChange(field: .title, old: "Dev", new: nil)]),
      .reactivateUser(ann),
      .addMember(eng, local),
      .removeMember(eng, ann),
      .deactivateUser(local, cause: .unassigned),
    ]
    for index in 0..<(SavedPlan.membersPerLine + 3) {
      operations.append(.addMember(big, UserRef(userID: OktaUserID("00u\(100_000 + index)"), email: .named("p\(index)@example.com"))))
    }
    let guardCheck = GuardCheck(deactivations: 1, activePeople: 10, limit: .count(0), isEmptyExport: false)
    return SavedPlan(
      organization: "acme", revision: 42, createdAt: "2026-12-01T08:00:00Z", source: "/exports/day2",
      manifest: ExportManifest(oktaOrg: "acme.okta.com", appID: "0oa1", exportedAt: "2026-12-01T02:00:00Z"),
      plan: Plan(operations: operations, skipped: [], orphanedGroups: [], guardCheck: guardCheck), command: "sync")
  }

  @Test func everyOperationAndTheHeaderRoundTrip() throws {
    let saved = Self.everyKind()
    let text = saved.rendered()
    let read = try SavedPlanReader.read(text: text, name: "plan")
    #expect(Array(read.plan.operations) == Array(saved.plan.operations))
    #expect(read.plan.guardCheck == saved.plan.guardCheck)
    #expect((read.organization, read.revision, read.command, read.source, read.createdAt) == ("acme", 42, "sync", "/exports/day2", saved.createdAt))
    #expect(read.manifest == saved.manifest)
    // The big group is cut in two lines; each line is one JSON object.
    let lines = text.split(separator: "\n")
    #expect(lines.count { $0.hasPrefix(#"{"op":"addMember","groupId":"00g-all""#) } == 2)
    #expect(lines.last?.hasPrefix(#"{"checksum":""#) == true && read.checksum.count == 64)
  }

  /// A file is signed with its store's key: it reads back with that key only.
  @Test func aSignedFileReadsBackWithItsStoresKeyOnly() throws {
    let saved = Self.everyKind()
    let directory = TemporaryDirectory()
    let key = PlanSigningKey.generate()
    directory.write("plan.json", saved.rendered(sealedWith: .signature(key)))
    let read = try SavedPlanReader.read(path: directory.file("plan.json"), key: key)
    #expect(Array(read.plan.operations) == Array(saved.plan.operations))
    #expect(try String(contentsOfFile: directory.file("plan.json"), encoding: .utf8).split(separator: "\n").last?.hasPrefix(#"{"signature":""#) == true)
    #expect(throws: ProxySyncError.self) { try SavedPlanReader.read(path: directory.file("plan.json"), key: PlanSigningKey.generate()) }
  }

  /// Editing a signed file and recomputing a plain checksum, as anyone could, does not make a
  /// plan that applies.
  @Test(arguments: ["keep signature", "recomputed checksum"])
  func aForgedFileIsRefused(seal: String) throws {
    let key = PlanSigningKey.generate()
    var lines = Self.everyKind().rendered(sealedWith: .signature(key)).split(separator: "\n").map(String.init)
    lines[5] = lines[5].replacingOccurrences(of: "new@example.com", with: "attacker@evil.example")
    let body = lines.dropLast().joined(separator: "\n") + "\n"
    if seal == "recomputed checksum" { lines[lines.count - 1] = #"{"checksum":"\#(SHA256.hex(Array(body.utf8)))"}"# }
    let directory = TemporaryDirectory()
    directory.write("plan.json", lines.joined(separator: "\n") + "\n")
    do {
      _ = try SavedPlanReader.read(path: directory.file("plan.json"), key: key)
      Issue.record("a forged plan was read")
    } catch {
      #expect(error.kind == .stalePlan)
      #expect(error.description.hasSuffix("make a new plan"), "\(error)")
    }
  }

  @Test func aPlanSavedBeforePlansWereSignedIsRefused() throws {
    let directory = TemporaryDirectory()
    directory.write("two.json", Self.everyKind().rendered(sealedWith: .checksum))
    directory.write("one.json", "{\n  \"formatVersion\": 1,\n  \"kind\": \"proxysync-saved-plan\",\n  \"checksum\": \"00\"\n}\n")
    for name in ["one.json", "two.json"] {
      #expect {
        try SavedPlanReader.read(path: directory.file(name), key: PlanSigningKey.generate())
      } throws: { error in
        (error as? ProxySyncError)?.description == "the plan file \(directory.file(name)) was saved by an older proxysync, before plans were signed; make a new plan"
      }
    }
  }

  @Test func theKeyIsNeverPrinted() {
    let key = PlanSigningKey.generate()
    #expect("\(key)" == "PlanSigningKey(secret)" && String(reflecting: key) == "PlanSigningKey(secret)")
    #expect(PlanSigningKey(hex: key.hex) == key)
  }

  /// Any byte changed, a line dropped or added: the file is refused as edited, never applied.
  @Test(arguments: ["header", "operation", "members", "drop last", "extra line", "checksum"])
  func anyChangeToTheFileIsRefused(damage: String) {
    var lines = Self.everyKind().rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    switch damage {
    case "header": lines[0] = lines[0].replacingOccurrences(of: "\"revision\":42", with: "\"revision\":43")
    case "operation": lines[5] = lines[5].replacingOccurrences(of: "CTO", with: "CEO")
    case "members": lines[8] = lines[9].replacingOccurrences(of: "p17@", with: "p71@")
    case "drop last": lines.remove(at: lines.count - 3)
    case "extra line": lines.insert(lines[3], at: 3)
    default: lines[lines.count - 2] = #"{"checksum":"0000"}"#
    }
    do {
      _ = try SavedPlanReader.read(text: lines.joined(separator: "\n"), name: "p.json")
      Issue.record("a damaged plan was read")
    } catch {
      #expect(error.kind == .stalePlan && error.description.contains("p.json was edited or truncated"), "\(error)")
    }
  }

  /// Even a file whose checksum was made to match may not put operations out of plan order:
  /// groups come before their members and deactivations last.
  @Test func operationsOutOfOrderAreRefusedEvenWithAMatchingChecksum() throws {
    var lines = Self.everyKind().rendered().split(separator: "\n").map(String.init)
    lines.removeLast()
    lines.swapAt(1, 5)
    var hasher = SHA256()
    for line in lines { hasher.update(line + "\n") }
    let text = lines.joined(separator: "\n") + "\n" + #"{"checksum":"\#(hasher.finalize())"}"# + "\n"
    do {
      _ = try SavedPlanReader.read(text: text, name: "p.json")
      Issue.record("read a plan out of order")
    } catch {
      #expect(error.description.contains("line 3: renameGroup after createUser: the operations are out of order"), "\(error)")
    }
  }

  @Test func digestsDoNotDependOnHowTheBytesArrive() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var hasher = SHA256()
    var offset = 0
    for size in [1, 63, 64, 65, 127, 1000, 4096].cycled(until: million.count) {
      let end = min(offset + size, million.count)
      million[offset..<end].withUnsafeBytes { hasher.update($0) }
      offset = end
      if offset == million.count { break }
    }
    #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

extension Array {
  /// The elements over and over, as a sequence long enough for `count` steps.
  fileprivate func cycled(until count: Int) -> [Element] { (0..<count).map { self[$0 % self.count] } }
}
