import ProxySyncCore
import TestSupport
import Testing

@Suite struct PlannerEmailConflictTests {
  @Test func createWhoseEmailBelongsToAnotherLinkedPersonIsSkipped() {
    let plan = makePlan(
      desired: .directory { $0.user("new", email: "ann@example.com") },
      current: .store { $0.person("ann", status: .inactive) })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == ["createUser 00u-new [emailConflict]"])
  }

  @Test func emailChangeOntoAnotherPersonsAddressIsSkippedButOtherChangesApply() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", email: "bob@example.com", title: "CTO")
        $0.user("bob")
      },
      current: .store { $0.person("ann"); $0.person("bob") })
    #expect(plan.lines == ["updateUser 00u-ann title=CTO"])
    #expect(plan.skippedLines == ["updateUser 00u-ann email=bob@example.com [emailConflict]"])
  }

  @Test func swappedEmailsAreBothApplied() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", email: "bob@example.com")
        $0.user("bob", email: "ann@example.com")
      },
      current: .store { $0.person("ann"); $0.person("bob") })
    #expect(plan.lines == ["updateUser 00u-ann email=bob@example.com", "updateUser 00u-bob email=ann@example.com"])
  }

  @Test func addressFreedByAnEmailChangeCanBeTakenByANewPerson() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", email: "ann.lee@example.com")
        $0.user("new", email: "ann@example.com")
      },
      current: .store { $0.person("ann") })
    #expect(plan.lines == ["createUser 00u-new", "updateUser 00u-ann email=ann.lee@example.com"])
  }

  @Test func refusedChangeCascadesToTheClaimOnTheAddressItKeeps() {
    // cat wants bob's address, which bob cannot leave because ann holds his new one.
    let plan = makePlan(
      desired: .directory {
        $0.user("bob", email: "ann@example.com")
        $0.user("cat", email: "bob@example.com")
      },
      current: .store { $0.person("ann", linked: false); $0.person("bob"); $0.person("cat") })
    #expect(plan.isEmpty)
    #expect(plan.skippedLines == [
      "updateUser 00u-bob email=ann@example.com [emailConflict]", "updateUser 00u-cat email=bob@example.com [emailConflict]",
    ])
  }

  // Okta requires unique logins, not unique emails: two Okta users may share an address.

  @Test func twoNewUsersSharingAnEmailTheLowestOktaIDIsCreatedTheOtherSkipped() {
    let plan = makePlan(
      desired: .directory {
        $0.user("zed", email: "team@example.com")
        $0.user("amy", email: "TEAM@example.com")
      },
      current: StoreSnapshot())
    #expect(plan.lines == ["createUser 00u-amy"])
    #expect(plan.skippedLines == ["createUser 00u-zed [emailConflict]"])
  }

  @Test func theUserAlreadyLinkedKeepsASharedEmailAgainstALowerOktaID() {
    let plan = makePlan(
      desired: .directory {
        $0.user("zed", email: "team@example.com")
        $0.user("amy", email: "team@example.com")
      },
      current: .store { $0.person("zed", email: "team@example.com") })
    #expect(plan.lines.isEmpty)
    #expect(plan.skippedLines == ["createUser 00u-amy [emailConflict]"])
  }

  @Test func aLinkedPersonMovingOntoAnAddressWinsItOverANewUser() {
    let plan = makePlan(
      desired: .directory {
        $0.user("zed", email: "team@example.com")
        $0.user("amy", email: "team@example.com")
      },
      current: .store { $0.person("zed") })
    #expect(plan.lines == ["updateUser 00u-zed email=team@example.com"])
    #expect(plan.skippedLines == ["createUser 00u-amy [emailConflict]"])
  }

  @Test func aSharedEmailAmongUsersWhoAreNotProvisionedIsNoConflict() {
    let plan = makePlan(
      desired: .directory {
        $0.user("ann", email: "ann@example.com")
        $0.user("svc", email: "ann@example.com", assigned: false)
        $0.user("old", status: .deprovisioned, email: "ann@example.com")
        $0.user("new", status: .staged, email: "ann@example.com")
      },
      current: StoreSnapshot())
    #expect(plan.lines == ["createUser 00u-ann"])
    #expect(plan.skipped.isEmpty)
  }

  @Test func anInvitedPersonIsAdoptedByTheLowestOktaIDSharingTheirEmail() {
    let plan = makePlan(
      desired: .directory {
        $0.user("zed", email: "kim@example.com")
        $0.user("amy", email: "kim@example.com")
      },
      current: .store { $0.person("kim", linked: false) })
    #expect(plan.lines.first == "linkUser kim@example.com 00u-amy")
    #expect(plan.skippedLines == ["createUser 00u-zed [emailConflict]"])
  }
}
