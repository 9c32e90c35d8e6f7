import Foundation
import ProxySyncCore
import ProxySyncFetch
import ProxySyncReaders
import ProxySyncStore
import TestSupport
import Testing

/// A migration's plan saved and applied: 100,000 people, 2,000 groups, five memberships each,
/// through format 2, then applied to an empty store exactly as a direct import would.
@Suite struct BulkSavedPlanTests {
  @Test func aHundredThousandPersonImportPlanRoundTripsAndApplies() throws {
    var company = DirectorySnapshot()
    for group in 0..<2_000 { company.groups.append(OktaGroup(id: OktaGroupID("00g\(group)"), name: "Group \(group)", description: nil)) }
    var pairs: [MembershipTable.Pair] = []
    for person in 0..<100_000 {
      let id = OktaUserID("00u\(person)")
      let profile = Profile(email: .named("p\(person)@example.com"), firstName: "P\(person)", lastName: "Example", title: "Engineer")
      company.users.append(OktaUser(id: id, status: .active, profile: profile))
      company.assignedUserIDs.insert(id)
      for offset in 0..<5 { pairs.append(MembershipTable.Pair(group: UInt32((person + offset * 397) % 2_000), user: UInt32(person))) }
    }
    company.memberships = MembershipTable(userIDs: company.users.map(\.id), groupIDs: company.groups.map(\.id), pairs: pairs)
    company.assignedGroupIDs = Set(company.groups.map(\.id))
    let directory = TemporaryDirectory()
    let store = try Store(path: directory.file("store.sqlite"))
    let acme = try store.createOrganization(named: "acme")
    var options = SyncOptions()
    options.mode = .import
    let plan = makePlan(desired: company, current: try store.loadSnapshot(of: acme), options: options)
    #expect(plan.summary.first { $0.0 == .createUser }?.1 == 100_000)
    #expect(plan.summary.first { $0.0 == .addMember }?.1 == 500_000)

    let saved = SavedPlan(organization: "acme", revision: acme.revision, createdAt: "2026-12-01T08:00:00Z", source: "test", manifest: nil, plan: plan, command: "import")
    let path = directory.file("import-plan.json")
    let key = try store.loadPlanSigningKey()
    #expect(PrivateFile.write(saved, to: path, signedWith: key) == nil)
    let read = try SavedPlanReader.read(path: path, key: key)
    #expect(read.plan.operations == plan.operations)
    #expect(read.command == "import")

    let (applied, record) = try store.applyChanges(to: acme, run: RunStart(id: RunID("run-1"), command: "apply", source: path)) { current, organization in
      try SavedPlanVerdict.plan(read, against: current, organization: organization).get()
    }
    #expect(record.outcome == .applied && applied.operations.count == 602_000)
    let stored = try store.loadSnapshot(of: acme)
    #expect(stored.people.count == 100_000 && stored.memberships.count == 500_000)
    #expect(makePlan(desired: company, current: stored, options: options).isEmpty)
  }
}
