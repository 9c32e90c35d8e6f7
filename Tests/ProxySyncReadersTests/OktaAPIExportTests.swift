import Foundation
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

/// `Fixtures/okta-api/raw` is an export saved the way Okta's Management API returns it: one-line
/// user pages, whole Group objects (an AD `APP_GROUP`, `Everyone`), per-group member listings of
/// User objects (a page folder, NDJSON), AppUsers and app group assignments with `_links` and
/// `_embedded`, custom attributes, explicit and omitted nulls, a DEPROVISIONED user found only
/// in a member listing, and a decomposed accent in an email. `okta-api/flat` is the same
/// directory written by hand. Both must mean exactly the same.
@Suite struct OktaAPIExportTests {
  static let folder = ExportReaderFixtureTests.fixtures.appendingPathComponent("okta-api")

  /// A store with history: Ann (old title), Cam and Gus active and linked, Bob invited by hand,
  /// Engineering under an old name with Gus in it, and a Sales group.
  static let store = StoreSnapshot(
    people: [
      Person(id: PersonID(1), oktaUserID: OktaUserID("00u118oQYT4TBTemp0g4"), profile: Profile(
        email: .named("ann.lee@acme.example"), firstName: "Ann", lastName: "Lee", title: "Engineer", department: "Engineering",
        employeeNumber: "1001"), status: .active),
      Person(id: PersonID(2), oktaUserID: nil, profile: Profile(email: .named("bob.ng@acme.example")), status: .pending),
      Person(id: PersonID(3), oktaUserID: OktaUserID("00u3camYT4TBTemp0g42"), profile: Profile(
        email: .named("cam.diaz@acme.example"), firstName: "Cam", lastName: "Diaz", mobilePhone: "+1 415 555 0103",
        title: "Account Executive", department: "Sales"), status: .active),
      Person(id: PersonID(4), oktaUserID: OktaUserID("00u7gusYT4TBTemp0g46"), profile: Profile(
        email: .named("gus.park@acme.example"), firstName: "Gus", lastName: "Park", title: "Sales Lead", department: "Sales"),
        status: .active),
    ],
    groups: [
      StoredGroup(id: GroupID(1), oktaGroupID: OktaGroupID("00g1emaKYZTWRYYRRTSK"), name: "Eng", description: "Builders of robots"),
      StoredGroup(id: GroupID(2), oktaGroupID: OktaGroupID("00g2salesKYZTWRYYRRT"), name: "Sales"),
    ],
    memberships: [StoredMembership(groupID: GroupID(2), personID: PersonID(4)), StoredMembership(groupID: GroupID(1), personID: PersonID(4))])

  func plan(_ shape: String) throws -> (ExportReadResult, String) {
    let result = ExportReader.read(folder: Self.folder.appendingPathComponent(shape).path)
    let snapshot = try #require(result.snapshot, "\(result.diagnostics.rendered())")
    return (result, makePlan(desired: snapshot, current: Self.store, numbers: result.userNumbers).json(organization: "acme").rendered())
  }

  @Test func rawAPIResponsesReadCleanlyAndPlanExactlyAsTheFlatExport() throws {
    let (raw, rawPlan) = try plan("raw")
    let (_, flatPlan) = try plan("flat")
    #expect(raw.diagnostics.isEmpty, "\(raw.diagnostics.rendered())")
    #expect(rawPlan == flatPlan)
  }

  @Test func theRawExportMeansWhatOktaMeans() throws {
    let result = ExportReader.read(folder: Self.folder.appendingPathComponent("raw").path)
    let snapshot = try #require(result.snapshot)
    let plan = makePlan(desired: snapshot, current: Self.store)
    // Gus is only in Sales' member listing, DEPROVISIONED: deactivated for that, never notInExport.
    #expect(plan.lines.contains("deactivateUser 00u7gusYT4TBTemp0g46 deprovisioned"))
    #expect(plan.lines.contains("deactivateUser 00u3camYT4TBTemp0g42 suspended"))
    #expect(plan.lines.contains("linkUser bob.ng@acme.example 00u2bobYT4TBTemp0g41"))
    #expect(plan.lines.contains("updateUser 00u118oQYT4TBTemp0g4 title=Engineering Manager"))
    // José's decomposed accent is the same address as the composed one.
    let jose = try #require(snapshot.users.first { $0.id == OktaUserID("00u4joseT4TBTemp0g43") })
    #expect(Array(jose.profile.email.rawValue.utf8) == Array("jos\u{E9}.marti@acme.example".utf8))
    // The build bot shares Ann's address but has no app: no conflict, no skip.
    #expect(!plan.skippedLines.contains { $0.contains("00u6svc") })
    // Everyone is built in and the AD group's mapping is INACTIVE: neither is pushed.
    #expect(!plan.lines.contains { $0.contains("00g0evryone") || $0.contains("00garwpuyx") })
    #expect(plan.lines.contains("renameGroup 00g1emaKYZTWRYYRRTSK Eng -> Engineering"))
    #expect(snapshot.groups.first { $0.id == OktaGroupID("00garwpuyxHaWOkdV0g4") }?.type == .appGroup)
  }
}
