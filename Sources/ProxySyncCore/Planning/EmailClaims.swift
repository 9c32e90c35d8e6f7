/// Decides which new emails a plan may hand out without two people ending up with one address.
///
/// Emails are unique within an organization, while Okta only requires unique logins: two Okta
/// users may share an address. A person who keeps their email always keeps it; a *claim* (a
/// created person's email, or an update's new email) is refused when someone who keeps it
/// would hold the same address once the plan is applied. When only claims contend for a free
/// address, one of them wins: a person already linked before a new one, then the lowest Okta
/// id, so the outcome does not depend on the export's order. Refusing an update's claim puts
/// that person back on their old address, which may in turn refuse another claim, so this
/// repeats until nothing changes. Swaps (A takes B's address while B takes a new one) are
/// allowed: only the final state counts, and the store applies email changes in two steps.
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
  /// The Okta user behind each claim, to settle contests by id.
  private var userIDs: [OktaUserID?] = []
  private var oldEmails: [EmailAddress?] = []
  private var newEmails: [EmailAddress] = []

  package init(people: [Person]) { self.people = people }

  /// Records that an existing person's email would change.
  package mutating func claim(person: PersonID, linkedTo userID: OktaUserID?, from old: EmailAddress, to new: EmailAddress) {
    append(.person(person), userID, old, new)
  }

  /// Records that a new person would be created with this email.
  package mutating func claim(newUser: OktaUserID, email: EmailAddress) {
    append(.newUser(newUser), newUser, nil, email)
  }

  private mutating func append(_ claimant: Claimant, _ userID: OktaUserID?, _ old: EmailAddress?, _ new: EmailAddress) {
    claimants.append(claimant)
    userIDs.append(userID)
    oldEmails.append(old)
    newEmails.append(new)
  }

  /// The claims that cannot stand.
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
    var standing = [Bool](repeating: true, count: claimants.count)
    var refused = Set<Claimant>()
    while true {
      // The standing claims on each contested address.
      var contests: [Int: [Int]] = [:]
      for claim in claimants.indices where standing[claim] && holders[new[claim]] > 1 { contests[new[claim], default: []].append(claim) }
      if contests.isEmpty { return refused }
      for (address, claims) in contests {
        // Someone keeps this address: every claim on it loses. Otherwise the first claim wins.
        let keepers = holders[address] - claims.count
        let winner = keepers > 0 ? nil : claims.min { precedes($0, $1) }
        for claim in claims where claim != winner {
          standing[claim] = false
          holders[new[claim]] -= 1
          if let old = old[claim] { holders[old] += 1 }
          refused.insert(claimants[claim])
        }
      }
    }
  }

  /// Which of two claims on one free address wins: a linked person's before a new person's,
  /// then the lower Okta id.
  private func precedes(_ a: Int, _ b: Int) -> Bool {
    func isNew(_ claim: Int) -> Bool { if case .newUser = claimants[claim] { true } else { false } }
    if isNew(a) != isNew(b) { return !isNew(a) }
    switch (userIDs[a], userIDs[b]) {
    case (let x?, let y?): return x < y
    case (_?, nil): return true
    default: return false
    }
  }
}
