import ProxySyncCore
import TestSupport
import Testing

/// Memberships are kept apart from the other operations, as integers; read as a collection,
/// a plan must look exactly like its list of operations.
@Suite struct PlanOperationsTests {
  /// Every kind of operation is due, memberships of both groups added and removed.
  let plan = makePlan(
    desired: .directory {
      $0.user("new"); $0.user("adopt"); $0.user("upd", title: "CTO"); $0.user("gone", status: .suspended); $0.user("back")
      $0.group("eng", displayName: "Engineering"); $0.group("ops"); $0.group("all", description: "everyone")
      $0.member("eng", "upd"); $0.member("eng", "new"); $0.member("ops", "back"); $0.member("ops", "new")
    },
    current: .store {
      $0.person("adopt", linked: false); $0.person("upd"); $0.person("gone"); $0.person("back", status: .inactive)
      $0.group("eng"); $0.group("ops"); $0.group("all")
      $0.member("eng", "gone"); $0.member("ops", "gone"); $0.member("ops", "upd")
    })

  @Test func everyKindIsFoundWhereAScanFindsIt() {
    let operations = plan.operations
    for kind in [OperationKind.createUser, .linkUser, .updateUser, .reactivateUser, .addMember, .removeMember, .deactivateUser] {
      #expect(!operations.range(of: kind).isEmpty, "\(kind)")
    }
    for kind in OperationKind.allCases {
      let scanned = operations.indices.filter { operations[$0].kind == kind }
      let range = operations.range(of: kind)
      #expect(Array(range) == scanned, "\(kind)")
      if scanned.isEmpty {
        // An empty kind sits where it would be, between the kinds around it.
        #expect(operations[..<range.lowerBound].allSatisfy { $0.kind < kind } && operations[range.upperBound...].allSatisfy { $0.kind > kind })
      }
    }
  }

  @Test func aPlanMadeFromItsOwnListIsTheSame() {
    let list = Array(plan.operations)
    let rebuilt = Plan(operations: list.shuffled(), skipped: [], orphanedGroups: [], guardCheck: plan.guardCheck)
    #expect(Array(rebuilt.operations) == list)
    #expect(rebuilt.operations == plan.operations)
    #expect(rebuilt.operations.memberships.count == list.filter { $0.kind == .addMember || $0.kind == .removeMember }.count)
    #expect(rebuilt.summary.map(\.1) == plan.summary.map(\.1))
    // Each group and person is named once however many memberships name them.
    #expect(rebuilt.operations.memberships.people.count == Set(rebuilt.operations.memberships.people).count)
  }
}
