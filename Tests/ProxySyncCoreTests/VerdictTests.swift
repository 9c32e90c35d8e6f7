import ProxySyncCore
import TestSupport
import Testing

/// The rules that refuse a run, each in one place in the core.
@Suite struct VerdictTests {
  let organization = Organization(id: OrganizationID(1), name: "acme", revision: 7)

  func plan(deactivating count: Int, active: Int) -> Plan {
    makePlan(
      desired: .directory { for index in 0..<active where index >= count { $0.user("p\(index)") } },
      current: .store { for index in 0..<active { $0.person("p\(index)") } })
  }

  @Test func theGuardRefusesPastItsLimitUnlessForced() throws {
    let tripped = plan(deactivating: 6, active: 20)
    let refusal = try #require(tripped.guardCheck.refusal(force: false))
    #expect(refusal.kind == .guardTripped)
    #expect(refusal.message == "refused by the guard: deactivates 6 of 20 active people (30%), limit 10% (at least 5 allowed); nothing was written. Review with proxysync plan, then rerun with --force or a higher --max-deactivations")
    #expect(tripped.guardCheck.refusal(force: true) == nil)
    #expect(plan(deactivating: 5, active: 20).guardCheck.refusal(force: false) == nil)
    #expect(tripped.guardCheck.previewWarning == "a sync would be refused by the guard: deactivates 6 of 20 active people (30%), limit 10% (at least 5 allowed)")
  }

  func saved(_ plan: Plan, organization: String = "acme", revision: Int64 = 7) -> SavedPlan {
    SavedPlan(organization: organization, revision: revision, createdAt: "2026-12-01T02:00:00Z", source: "/x", manifest: nil, plan: plan)
  }

  @Test func aSavedPlanIsRefusedForAnotherOrganizationThenIfAppliedThenIfFlagged() {
    let flagged = saved(plan(deactivating: 6, active: 20))
    #expect(SavedPlanVerdict.refusal(saved(makePlan(desired: DirectorySnapshot(), current: StoreSnapshot()), organization: "other"), organization: organization, appliedIn: RunID("r1"), force: true)?.message
      == "the plan is for organization \"other\", not \"acme\"")
    #expect(SavedPlanVerdict.refusal(flagged, organization: organization, appliedIn: RunID("r1"), force: true)?.message
      == "this plan was already applied, in run r1; make a new plan")
    #expect(SavedPlanVerdict.refusal(flagged, organization: organization, appliedIn: nil, force: false)?.kind == .guardTripped)
    #expect(SavedPlanVerdict.refusal(flagged, organization: organization, appliedIn: nil, force: true) == nil)
  }

  @Test func aSavedPlanAppliesOnlyAtTheRevisionItWasMadeAt() throws {
    let current = StoreSnapshot.store { $0.person("ann") }
    let made = saved(makePlan(desired: .directory { $0.user("ann", title: "CTO") }, current: current))
    let moved = Organization(id: OrganizationID(1), name: "acme", revision: 8)
    guard case .failure(let refusal) = SavedPlanVerdict.plan(made, against: current, organization: moved) else { return #expect(Bool(false)) }
    #expect(refusal.kind == .stalePlan)
    #expect(refusal.message.hasPrefix("the organization's data changed since the plan was made (revision 7, now 8)"))
    #expect(try SavedPlanVerdict.plan(made, against: current, organization: organization).get().lines == ["updateUser 00u-ann title=CTO"])
  }

  @Test(arguments: [
    (0, false, 0, QuarantineVerdict.clean),
    (2, false, 0, .refuse("the export in /x has 2 errors; nothing was written")),
    (1, true, 10, .refuse("the export in /x has 1 error; nothing was written")),
    (3, false, 2, .refuse("the export in /x has 3 errors, more than --quarantine-invalid 2 allows; nothing was written")),
    (2, false, 2, .leaveOut(count: 2)),
  ])
  func quarantineLeavesOutFewRecordProblemsAndNothingStructural(errors: Int, structural: Bool, limit: Int, verdict: QuarantineVerdict) {
    #expect(QuarantineVerdict(errors: errors, structural: structural, limit: limit, folder: "/x") == verdict)
  }
}
