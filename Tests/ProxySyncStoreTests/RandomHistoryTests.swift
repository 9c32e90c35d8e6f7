import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport
import Testing

/// Hundreds of small generated two-day histories, synced through the real planner and store,
/// checked against what the rules promise. The expectations are computed here from the rules
/// directly, not by the planner.
@Suite struct RandomHistoryTests {
  static let names = ["ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal"]
  static let groups = ["eng", "ops", "all"]

  /// Seeded (SplitMix64), so a failing seed can be replayed.
  typealias Random = SplitMix

  static func directory(_ random: inout Random) -> DirectorySnapshot {
    var emails = names.map { "\($0)@example.com" } + ["x@example.com", "y@example.com"]
    return .directory { builder in
      for name in names where random.chance(80) {
        let index = Int(random.next() % UInt64(emails.count))
        let email = random.chance(80) && emails.contains("\(name)@example.com") ? "\(name)@example.com" : emails[index]
        emails.removeAll { $0 == email }
        builder.user(
          name, status: random.chance(70) ? .active : random.pick(OktaStatus.allCases), email: email,
          assigned: random.chance(50), title: random.pick(["A", "B", nil]))
      }
      let users = builder.snapshot.users.map(\.id)
      for group in groups {
        builder.group(
          group, displayName: random.pick([group, group.uppercased()]), type: group == "all" ? .builtIn : .oktaGroup,
          assigned: random.chance(40))
        for user in users where random.chance(40) {
          builder.member(group, String(user.rawValue.dropFirst(4)))
        }
      }
    }
  }

  /// What the rules say a user's Proxy status should be.
  static func shouldBeActive(_ user: OktaUser, in directory: DirectorySnapshot) -> Bool? {
    switch user.status {
    case .suspended, .deprovisioned: return false
    case .staged: return nil
    default:
      let viaGroup = directory.memberships.contains {
        $0.userID == user.id && directory.assignedGroupIDs.contains($0.groupID)
      }
      return directory.assignedUserIDs.contains(user.id) || viaGroup
    }
  }

  @Test(arguments: TestBackend.all, 0..<150)
  func historyConvergesAndKeepsEveryPromise(backend: TestBackend, seed: Int) throws {
    var random = Random(seed: UInt64(seed))
    let store = try TestStore(backend)
    var options = SyncOptions()
    options.deactivationLimit = .count(1_000)

    try store.sync(Self.directory(&random), options: options)
    for person in try store.snapshot().people {
      if random.chance(60) { _ = try? store.store.markActive(in: store.acme, emails: [person.email]) }
      if random.chance(15) { try store.store.setRole(in: store.acme, email: person.email, role: .admin) }
    }
    for name in ["x", "y", Self.names[Int(random.next() % 8)]] where random.chance(50) {
      _ = try? store.store.addPerson(to: store.acme, email: .named("\(name)@example.com"), firstName: name, lastName: nil)
    }

    let before = try store.snapshot()
    let day2 = Self.directory(&random)
    let plan = try store.sync(day2, options: options)
    let after = try store.snapshot()

    // Convergence: the same export again changes nothing.
    #expect(try store.sync(day2, options: options).isEmpty, "seed \(seed)")
    // Nobody is ever deleted; admins are never changed.
    #expect(Set(before.people.map(\.id)).isSubset(of: after.people.map(\.id)), "seed \(seed)")
    for admin in before.people where admin.isAdmin {
      #expect(after.people.first { $0.id == admin.id } == admin, "seed \(seed): admin \(admin.email) changed")
    }

    let people = Dictionary(after.people.compactMap { p in p.oktaUserID.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
    for user in day2.users {
      guard let wanted = Self.shouldBeActive(user, in: day2) else { continue }
      guard let person = people[user.id] else {
        // Missing only when it should not be active, or a create/link was skipped for a reason.
        let explained = plan.skipped.contains {
          switch $0.operation {
          case .createUser(let skippedUser): return skippedUser.id == user.id
          case .linkUser(_, let id): return id == user.id
          default: return false
          }
        }
        #expect(!wanted || explained, "seed \(seed): \(user.id) should exist")
        continue
      }
      if person.isAdmin { continue }
      // Pending people stay pending either way; otherwise the status follows Okta.
      if person.status != .pending {
        #expect(person.status == (wanted ? .active : .inactive), "seed \(seed): \(user.id) is \(person.status)")
      }
    }
    // Linked people absent from the export are never left active (unless they are admins).
    let exported = Set(day2.users.map(\.id))
    for person in after.people where person.oktaUserID.map({ !exported.contains($0) }) ?? false && !person.isAdmin {
      #expect(person.status != .active, "seed \(seed): \(person.email) should not be active")
    }
    // Pushed groups hold exactly the export's members who are linked in Proxy.
    let groupsByOkta = Dictionary(uniqueKeysWithValues: after.groups.compactMap { g in g.oktaGroupID.map { ($0, g.id) } })
    for group in day2.groups where group.isPushed {
      let groupID = try #require(groupsByOkta[group.id], "seed \(seed): group \(group.id) missing")
      let stored = Set(after.memberships.filter { $0.groupID == groupID }.map(\.personID))
      let wanted = Set(day2.memberships.filter { $0.groupID == group.id }.compactMap { people[$0.userID]?.id })
      #expect(stored == wanted, "seed \(seed): members of \(group.id)")
    }
  }
}

extension SplitMix {
  mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
