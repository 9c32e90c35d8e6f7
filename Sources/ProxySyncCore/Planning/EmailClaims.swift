/// Decides which new emails a plan may hand out without two people ending up with one address.
///
/// Emails are unique within an organization. A person who keeps their email always keeps it;
/// a *claim* (a created person's email, or an update's new email) is refused when someone else
/// would hold the same address once the plan is applied. Refusing an update's claim puts that
/// person back on their old address, which may in turn refuse another claim, so this repeats
/// until nothing changes. Swaps (A takes B's address while B takes a new one) are allowed:
/// only the final state counts, and the store applies email changes in two steps.
package struct EmailClaims {
  package enum Claimant: Hashable, Sendable {
    case person(PersonID)
    case newUser(OktaUserID)
  }

  private var holders: [EmailAddress: Int] = [:]
  private var claims: [Claimant: (old: EmailAddress?, new: EmailAddress)] = [:]

  package init(people: [Person]) {
    holders.reserveCapacity(people.count)
    for person in people { holders[person.email, default: 0] += 1 }
  }

  /// Records that an existing person's email would change.
  package mutating func claim(person: PersonID, from old: EmailAddress, to new: EmailAddress) {
    move(from: old, to: new)
    claims[.person(person)] = (old, new)
  }

  /// Records that a new person would be created with this email.
  package mutating func claim(newUser: OktaUserID, email: EmailAddress) {
    move(from: nil, to: email)
    claims[.newUser(newUser)] = (nil, email)
  }

  /// The claims that cannot stand; all claims on one contested address lose together.
  package mutating func refusedClaims() -> Set<Claimant> {
    var refused = Set<Claimant>()
    while true {
      let losers = claims.filter { (holders[$0.value.new] ?? 0) > 1 }
      if losers.isEmpty { return refused }
      for (claimant, claim) in losers {
        move(from: claim.new, to: claim.old)
        claims[claimant] = nil
        refused.insert(claimant)
      }
    }
  }

  private mutating func move(from old: EmailAddress?, to new: EmailAddress?) {
    if let old { holders[old, default: 0] -= 1 }
    if let new { holders[new, default: 0] += 1 }
  }
}
