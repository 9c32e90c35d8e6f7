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
}
