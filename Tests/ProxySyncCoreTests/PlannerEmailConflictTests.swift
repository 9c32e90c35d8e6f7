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

@Suite struct EmailAddressTests {
  @Test func addressesAreNFCLowerCaseAndTrimmedOfUnicodeWhiteSpace() throws {
    let composed = try #require(EmailAddress("jos\u{E9}@example.com"))
    #expect(EmailAddress("JOSE\u{301}@Example.com") == composed)
    #expect(Array(composed.rawValue.utf8) == Array("jos\u{E9}@example.com".utf8))
    #expect(EmailAddress("\u{A0}ann@example.com\u{3000}")?.rawValue == "ann@example.com")
    #expect(EmailAddress(" \u{C5}SA@example.com\t")?.rawValue == "\u{E5}sa@example.com")
    #expect(EmailAddress("ann\u{A0}lee@example.com") == nil)
  }

  @Test(arguments: [0x200B, 0x200D, 0x200E, 0x202E, 0x2066, 0xFEFF, 0x00AD] as [UInt32])
  func anAddressWithAnInvisibleCharacterIsRefusedNamingIt(code: UInt32) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let text = "ann\(Character(scalar))@example.com"
    #expect(EmailAddress.parse(text) == .failure(.invisibleCharacter(scalar)))
    guard case .failure(let problem) = EmailAddress.parse(text) else { return }
    #expect(problem.describe("x").contains("U+\(String(code, radix: 16, uppercase: true).count < 4 ? "00" : "")\(String(code, radix: 16, uppercase: true))"))
  }
}
