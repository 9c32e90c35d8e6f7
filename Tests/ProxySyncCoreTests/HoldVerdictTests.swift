import ProxySyncCore
import TestSupport
import Testing

/// `--on-guard hold` and `runs approve`: what is held, and when an approval still applies.
@Suite struct HoldVerdictTests {
  let tripped = GuardCheck(deactivations: 3, activePeople: 10, limit: .count(1), isEmptyExport: false)

  @Test func aTrippedGuardRefusesOrHoldsAndForceOverridesBoth() {
    guard case .hold = tripped.decision(force: false, onTrip: .hold) else { return #expect(Bool(false)) }
    guard case .refuse(let refusal) = tripped.decision(force: false, onTrip: .refuse) else { return #expect(Bool(false)) }
    #expect(refusal.kind == .guardTripped)
    guard case .proceed = tripped.decision(force: true, onTrip: .hold) else { return #expect(Bool(false)) }
    let within = GuardCheck(deactivations: 1, activePeople: 10, limit: .count(1), isEmptyExport: false)
    guard case .proceed = within.decision(force: false, onTrip: .hold) else { return #expect(Bool(false)) }
  }

  /// Ann leaves (her deactivation and her membership removal are held); Bob only leaves a
  /// group and Cat is new: both happen tonight.
  func heldPlan() -> Plan {
    let current = StoreSnapshot.store {
      $0.person("ann"); $0.person("bob"); $0.person("dan")
      $0.group("eng"); $0.member("eng", "ann"); $0.member("eng", "bob")
    }
    let desired = DirectorySnapshot.directory {
      $0.user("bob"); $0.user("cat"); $0.user("dan")
      $0.group("eng")
    }
    var options = SyncOptions()
    options.deactivationLimit = .count(0)
    return makePlan(desired: desired, current: current, options: options)
      .holdingDeactivations(run: RunID("r1"), organization: "acme", revision: 4, createdAt: "t", source: "/x")
  }

  @Test func holdingKeepsTheDeactivationsAndThosePeoplesRemovalsApart() throws {
    let plan = heldPlan()
    #expect(plan.lines == ["createUser 00u-cat", "removeMember 00g-eng 00u-bob"])
    #expect(!plan.guardCheck.isTripped)
    let held = try #require(plan.held)
    #expect(held.plan.plan.lines == ["removeMember 00g-eng 00u-ann", "deactivateUser 00u-ann notInExport"])
    #expect(held.plan.plan.guardCheck.isTripped && held.plan.revision == 4)
    #expect(plan.runOutcome == .held && plan.runCounts["held.deactivateUser"] == 1 && plan.runCounts["held.removeMember"] == 1)
    #expect(held.message.hasPrefix("held 2 operations for approval (removeMember 1, deactivateUser 1): the guard: deactivates 1 of 3 active people"))
  }

  @Test func anApprovalAppliesWhileNothingChangedUnderIt() throws {
    let held = try #require(heldPlan().held)
    let tonight = StoreSnapshot.store {
      $0.person("ann"); $0.person("bob"); $0.person("cat"); $0.person("dan")
      $0.group("eng"); $0.member("eng", "ann")
    }
    let approved = try ApprovalVerdict.plan(held.plan, run: RunID("r1"), against: tonight).get()
    #expect(approved.lines == ["removeMember 00g-eng 00u-ann", "deactivateUser 00u-ann notInExport"])
    #expect(!approved.guardCheck.isTripped)

    var changed = tonight
    let ann = changed.people[0]
    changed.people[0] = Person(id: ann.id, oktaUserID: ann.oktaUserID, profile: ann.profile, status: .inactive, role: ann.role)
    changed.memberships = []
    guard case .failure(let refusal) = ApprovalVerdict.plan(held.plan, run: RunID("r1"), against: changed) else { return #expect(Bool(false)) }
    #expect(refusal.kind == .stalePlan)
    #expect(refusal.message.hasPrefix(
      "the organization changed since run r1 held these operations: ann@example.com (00u-ann) is no longer a member of \"Eng\"; ann@example.com (00u-ann) is now inactive; nothing was written"))
  }

  @Test func anApprovalIsRefusedForAnotherOrganizationANonHeldRunOrASecondTime() {
    let acme = Organization(id: OrganizationID(1), name: "acme", revision: 4)
    func record(_ organization: String, _ outcome: RunOutcome) -> RunRecord {
      RunRecord(id: RunID("r1"), organization: organization, command: "sync", source: nil, startedAt: "", finishedAt: nil, outcome: outcome, counts: [:], message: nil)
    }
    let held = ApprovalVerdict.Held(text: "", approvedIn: nil)
    #expect(ApprovalVerdict.refusal(RunID("r1"), run: nil, held: nil, organization: acme)?.kind == .failure)
    #expect(ApprovalVerdict.refusal(RunID("r1"), run: record("globex", .held), held: held, organization: acme)?.kind == .failure)
    #expect(ApprovalVerdict.refusal(RunID("r1"), run: record("acme", .applied), held: nil, organization: acme)?.kind == .stalePlan)
    #expect(ApprovalVerdict.refusal(RunID("r1"), run: record("acme", .held), held: ApprovalVerdict.Held(text: "", approvedIn: RunID("r2")), organization: acme)?.message
      == "run r1's held operations were already approved, in run r2")
    #expect(ApprovalVerdict.refusal(RunID("r1"), run: record("acme", .held), held: held, organization: acme) == nil)
  }
}
