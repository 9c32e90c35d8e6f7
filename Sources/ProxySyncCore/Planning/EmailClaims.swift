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
  private var claims: [Claimant: (old: EmailAddress?, new: EmailAddress)] = [:]

  package init(people: [Person]) { self.people = people }

  /// Records that an existing person's email would change.
  package mutating func claim(person: PersonID, from old: EmailAddress, to new: EmailAddress) {
    claims[.person(person)] = (old, new)
  }

  /// Records that a new person would be created with this email.
  package mutating func claim(newUser: OktaUserID, email: EmailAddress) {
    claims[.newUser(newUser)] = (nil, email)
  }

  /// The claims that cannot stand; all claims on one contested address lose together.
  package mutating func refusedClaims() -> Set<Claimant> {
    guard !claims.isEmpty else { return [] }
    // How many people hold each touched address once every claim is granted.
    var touched = Set<EmailAddress>()
    for claim in claims.values {
      touched.insert(claim.new)
      if let old = claim.old { touched.insert(old) }
    }
    var holders: [EmailAddress: Int] = [:]
    for person in people where touched.contains(person.email) { holders[person.email, default: 0] += 1 }
    for claim in claims.values {
      if let old = claim.old { holders[old, default: 0] -= 1 }
      holders[claim.new, default: 0] += 1
    }
    var refused = Set<Claimant>()
    while true {
      let losers = claims.filter { (holders[$0.value.new] ?? 0) > 1 }
      if losers.isEmpty { return refused }
      for (claimant, claim) in losers {
        holders[claim.new, default: 0] -= 1
        if let old = claim.old { holders[old, default: 0] += 1 }
        claims[claimant] = nil
        refused.insert(claimant)
      }
    }
  }
}
