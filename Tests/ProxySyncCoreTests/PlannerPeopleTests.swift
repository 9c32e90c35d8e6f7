import ProxySyncCore
import TestSupport
import Testing

@Suite struct PlannerPeopleTests {
  @Test func assignedActiveUserMissingFromProxyIsCreated() {
    let plan = makePlan(desired: .directory { $0.user("ann") }, current: .store { _ in })
    #expect(plan.lines == ["createUser 00u-ann"])
  }

  @Test(arguments: [OktaStatus.active, .provisioned, .recovery, .passwordExpired, .lockedOut])
  func workingStatusesAreCreated(status: OktaStatus) {
    let plan = makePlan(desired: .directory { $0.user("ann", status: status) }, current: .store { _ in })
    #expect(plan.lines == ["createUser 00u-ann"])
  }

  @Test func userAssignedThroughAnAssignedGroupIsCreated() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", assigned: false)
        $0.group("eng", assigned: true)
        $0.member("eng", "ann")
      }, current: .store { _ in })
    #expect(plan.lines == ["createGroup 00g-eng", "createUser 00u-ann", "addMember 00g-eng 00u-ann"])
  }

  @Test func membersOfAnAssignedBuiltInGroupAreAssignedButTheGroupIsNotPushed() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", assigned: false)
        $0.group("everyone", type: .builtIn, assigned: true)
        $0.member("everyone", "ann")
      }, current: .store { _ in })
    #expect(plan.lines == ["createUser 00u-ann"])
  }

  @Test func unassignedStagedSuspendedAndDeprovisionedUsersAreNotCreated() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", assigned: false)
        $0.user("bob", status: .staged)
        $0.user("cat", status: .suspended)
        $0.user("dan", status: .deprovisioned)
      }, current: .store { _ in })
    #expect(plan.operations.isEmpty)
    #expect(plan.skipped.isEmpty)
  }

  @Test func emailIsStoredLowerCase() {
    let plan = makePlan(desired: .directory { $0.user("ann", email: "Ann.Lee@Example.COM") }, current: .store { _ in })
    guard case .createUser(let user) = plan.operations.first else { Issue.record("expected a create"); return }
    #expect(user.profile.email.rawValue == "ann.lee@example.com")
  }

  @Test func profileChangeIsAnUpdateWithBeforeAndAfter() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", title: "CTO") },
      current: .store { $0.person("ann", title: "Engineer") })
    #expect(Array(plan.operations) == [.updateUser(
      UserRef(userID: .named("ann"), email: .named("ann@example.com"), personID: PersonID(1)),
      changes: [FieldChange(field: .title, old: "Engineer", new: "CTO")])])
  }

  @Test func unchangedPersonHasNoOperations() {
    let plan = makePlan(desired: .directory { $0.user("ann") }, current: .store { $0.person("ann") })
    #expect(plan.isEmpty && plan.skipped.isEmpty)
  }

  @Test(arguments: [
    (OktaStatus.suspended, true, DeactivationCause.suspended),
    (.deprovisioned, true, .deprovisioned),
    (.active, false, .unassigned),
    // An Okta status outranks a lost assignment.
    (.suspended, false, .suspended),
  ])
  func activePersonIsDeactivatedWithItsCause(status: OktaStatus, assigned: Bool, cause: DeactivationCause) {
    let plan = makePlan(
      desired: .directory { $0.user("ann", status: status, assigned: assigned) },
      current: .store { $0.person("ann") })
    #expect(plan.lines == ["deactivateUser 00u-ann \(cause.rawValue)"])
  }

  @Test func linkedPersonAbsentFromTheExportIsDeactivated() {
    let plan = makePlan(desired: .directory { $0.user("bob") }, current: .store { $0.person("ann"); $0.person("bob") })
    #expect(plan.lines == ["deactivateUser 00u-ann notInExport"])
  }

  @Test func unlinkedPersonAbsentFromTheExportIsLeftAlone() {
    let plan = makePlan(desired: .directory { _ in }, current: .store { $0.person("ann", linked: false) })
    #expect(plan.isEmpty && plan.skipped.isEmpty)
  }

  @Test func pendingPersonIsSkippedNotDeactivated() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", status: .suspended) },
      current: .store { $0.person("ann", status: .pending) })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == ["deactivateUser 00u-ann suspended [pending]"])
  }

  @Test func adminIsNeverUpdatedDeactivatedOrReactivated() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", status: .suspended, title: "CTO")
        $0.user("bob")
      },
      current: .store {
        $0.person("ann", role: .admin)
        $0.person("bob", status: .inactive, role: .admin)
        $0.person("cat", role: .admin)
      })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == [
      "updateUser 00u-ann title=CTO [admin]", "reactivateUser 00u-bob [admin]",
      "deactivateUser 00u-ann suspended [admin]", "deactivateUser 00u-cat notInExport [admin]",
    ])
  }

  @Test func inactivePersonWhoShouldBeActiveIsReactivatedKeepingTheirData() {
    let plan = makePlan(desired: .directory { $0.user("ann") }, current: .store { $0.person("ann", status: .inactive) })
    #expect(plan.lines == ["reactivateUser 00u-ann"])
  }

  @Test func inactivePersonStaysInactiveWithoutOperations() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", status: .suspended) }, current: .store { $0.person("ann", status: .inactive) })
    #expect(plan.isEmpty && plan.skipped.isEmpty)
  }

  @Test func unlinkedPersonWithTheSameEmailIsAdoptedOpenlyAndUpdated() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", email: "ANN@example.com", firstName: "Annabel") },
      current: .store { $0.person("ann", status: .pending, linked: false) })
    #expect(plan.lines == ["linkUser ann@example.com 00u-ann", "updateUser 00u-ann firstName=Annabel"])
  }

  @Test func adoptedInactivePersonIsReactivated() {
    let plan = makePlan(desired: .directory { $0.user("ann") }, current: .store { $0.person("ann", status: .inactive, linked: false) })
    #expect(plan.lines == ["linkUser ann@example.com 00u-ann", "reactivateUser 00u-ann"])
  }

  @Test func adminIsNeverAdopted() {
    let plan = makePlan(desired: .directory { $0.user("ann") }, current: .store { $0.person("ann", role: .admin, linked: false) })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == ["linkUser ann@example.com 00u-ann [admin]"])
  }

  @Test func unlinkedPersonIsNotAdoptedByAUserWhoShouldBeInactive() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", status: .suspended) }, current: .store { $0.person("ann", linked: false) })
    #expect(plan.isEmpty && plan.skipped.isEmpty)
  }
}
