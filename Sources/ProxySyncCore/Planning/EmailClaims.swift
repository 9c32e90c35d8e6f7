/// Decides which new emails a plan may hand out without two people ending up with one address.
///
/// Emails are unique within an organization. A person who keeps their email always keeps it;
/// a *claim* (a created person's email, or an update's new email) is refused when someone else
/// would hold the same address once the plan is applied. Refusing an update's claim puts that
/// person back on their old address, which may in turn refuse another claim, so this repeats
/// until nothing changes. Swaps (A takes B's address while B takes a new one) are allowed:
/// only the final state counts, and the store applies email changes in two steps.
///
/// Only addresses that some claim touches are counted, so a nightly run with a handful of
/// changes does not build a table of every address in the organization.
package struct EmailClaims {
  package enum Claimant: Hashable, Sendable {
    case person(PersonID)
    case newUser(OktaUserID)
  }

  private let people: [Person]
  // One entry per claim; each claimant claims at most once per plan (a second claim would
  // only count twice and be refused: the safe side).
  private var claimants: [Claimant] = []
  private var oldEmails: [EmailAddress?] = []
  private var newEmails: [EmailAddress] = []

  package init(people: [Person]) { self.people = people }

  /// Records that an existing person's email would change.
  package mutating func claim(person: PersonID, from old: EmailAddress, to new: EmailAddress) {
    append(.person(person), old, new)
  }

  /// Records that a new person would be created with this email.
  package mutating func claim(newUser: OktaUserID, email: EmailAddress) {
    append(.newUser(newUser), nil, email)
  }

  private mutating func append(_ claimant: Claimant, _ old: EmailAddress?, _ new: EmailAddress) {
    claimants.append(claimant)
    oldEmails.append(old)
    newEmails.append(new)
  }

  /// The claims that cannot stand; all claims on one contested address lose together.
  package mutating func refusedClaims() -> Set<Claimant> {
    guard !claimants.isEmpty else { return [] }
    // Touched addresses are numbered (a bulk import claims a million): counts go in an array.
    var touched = IDInterner()
    let new = newEmails.map { Int(touched.number(of: $0.rawValue)) }
    let old = oldEmails.map { $0.map { Int(touched.number(of: $0.rawValue)) } }
    // How many people hold each touched address once every claim is granted.
    var holders = [Int](repeating: 0, count: touched.count)
    for person in people { if let number = touched.find(person.email.rawValue) { holders[Int(number)] += 1 } }
    for claim in claimants.indices {
      if let old = old[claim] { holders[old] -= 1 }
      holders[new[claim]] += 1
    }
    var standing = Array(claimants.indices)
    var refused = Set<Claimant>()
    while true {
      let losers = standing.filter { holders[new[$0]] > 1 }
      if losers.isEmpty { return refused }
      for claim in losers {
        holders[new[claim]] -= 1
        if let old = old[claim] { holders[old] += 1 }
        refused.insert(claimants[claim])
      }
      let lost = Set(losers)
      standing.removeAll { lost.contains($0) }
    }
  }
}
