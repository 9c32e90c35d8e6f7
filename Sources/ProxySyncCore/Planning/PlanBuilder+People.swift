/// Who in the store each exported user matches, before anything is planned.
struct PeopleMatch {
  /// The stored person linked to each export user (by user number), as an index into
  /// `current.people`, or -1: a person holds many strings, and copies cost more than lookups.
  var linked: [Int32]
  /// People linked to an Okta user the export does not have.
  var notExported: [Int] = []
  /// People invited by hand (not linked), by email: the first with each address.
  var unlinkedByEmail: [EmailAddress: Person] = [:]
  /// Who adopts each unlinked person: the lowest Okta id among the users with that email who
  /// should be active.
  var adopter: [EmailAddress: OktaUserID] = [:]
}

/// What the exported users ask for that waits on who keeps which email (`EmailClaims`).
struct PeopleWaiting {
  var claims: EmailClaims
  var creates: [(user: OktaUser, number: Int)] = []
  var updates: [(ref: UserRef, changes: [FieldChange])] = []
}

extension PlanBuilder {
  /// Links, creates, updates, reactivates and deactivates people.
  mutating func planPeople() {
    var match = matchPeople()
    var waiting = PeopleWaiting(claims: EmailClaims(people: current.people))
    planExportedUsers(&match, &waiting)
    planPeopleNotExported(match)
    let refused = waiting.claims.refusedClaims()
    planCreates(waiting.creates, refused: refused)
    planUpdates(waiting.updates, refused: refused)
  }

  /// Finds each stored person's export user, and who adopts the people invited by hand.
  private func matchPeople() -> PeopleMatch {
    var match = PeopleMatch(linked: [Int32](repeating: -1, count: numbers.ids.count))
    for (index, person) in current.people.enumerated() {
      if let id = person.oktaUserID {
        if let number = numbers.number(of: id) {
          if match.linked[number] < 0 { match.linked[number] = Int32(index) }
        } else {
          match.notExported.append(index)
        }
      } else {
        match.unlinkedByEmail[person.email] = match.unlinkedByEmail[person.email] ?? person
      }
    }
    // Two Okta users may share an email: the unlinked person with it is adopted by the lowest
    // Okta id among those who should be active, whatever the export's order.
    guard !match.unlinkedByEmail.isEmpty else { return match }
    for (position, user) in desired.users.enumerated() where match.unlinkedByEmail[user.profile.email] != nil {
      let number = Int(numbers.ofPosition[position])
      guard match.linked[number] < 0, DesiredState(for: user, isAssigned: assignments.isAssigned(number: number)) == .active else { continue }
      if let other = match.adopter[user.profile.email], other < user.id { continue }
      match.adopter[user.profile.email] = user.id
    }
    return match
  }

  /// Each exported user: their person updated and its status planned, an unlinked person
  /// adopted, or a person to create. Each takes their person out of `match.linked`, so whoever
  /// is left there was not exported.
  private mutating func planExportedUsers(_ match: inout PeopleMatch, _ waiting: inout PeopleWaiting) {
    for (position, user) in desired.users.enumerated() {
      let number = Int(numbers.ofPosition[position])
      let state = DesiredState(for: user, isAssigned: assignments.isAssigned(number: number))
      if match.linked[number] >= 0 {
        let index = Int(match.linked[number])
        match.linked[number] = -1
        planExisting(current.people[index], as: user, number: number, state: state, claims: &waiting.claims, updates: &waiting.updates)
      } else if state == .active {
        // Matched by Okta id first; an unlinked person with the same email is adopted, openly.
        if match.adopter[user.profile.email] == user.id, let person = match.unlinkedByEmail.removeValue(forKey: user.profile.email) {
          adopt(person, as: user, number: number, state: state, &waiting)
        } else if !options.createUsers {
          add(.createUser(user), unless: .disabled)
        } else {
          waiting.claims.claim(newUser: user.id, email: user.profile.email)
          waiting.creates.append((user, number))
        }
      }
    }
  }

  /// Links a person invited by hand to the Okta user with their email, then plans them as linked.
  private mutating func adopt(_ person: Person, as user: OktaUser, number: Int, state: DesiredState, _ waiting: inout PeopleWaiting) {
    let link = Operation.linkUser(UserRef(userID: nil, email: person.email, personID: person.id), to: user.id)
    let reason: SkipReason? = person.isAdmin ? .admin : options.createUsers ? nil : .disabled
    add(link, unless: reason)
    guard reason == nil else { return }
    adoptedOktaIDs[person.id] = user.id
    let adopted = Person(id: person.id, oktaUserID: user.id, profile: person.profile, status: person.status, role: person.role)
    planExisting(adopted, as: user, number: number, state: state, claims: &waiting.claims, updates: &waiting.updates)
  }

  /// Okta's plain user listing leaves deactivated users out: absent means inactive. A user
  /// left out as invalid (quarantined) is not absent: their person is left alone.
  private mutating func planPeopleNotExported(_ match: PeopleMatch) {
    let leftOver = match.linked.lazy.filter { $0 >= 0 }.map { Int($0) }
    for index in match.notExported + leftOver {
      let person = current.people[index]
      guard let id = person.oktaUserID, !desired.quarantinedUserIDs.contains(id) else { continue }
      planStatus(of: person, ref: UserRef(userID: id, email: person.email, personID: person.id), state: .inactive(.notInExport))
    }
  }

  /// New people, unless someone else keeps their address.
  private mutating func planCreates(_ creates: [(user: OktaUser, number: Int)], refused: Set<EmailClaims.Claimant>) {
    for (user, number) in creates {
      let refusedClaim = !refused.isEmpty && refused.contains(.newUser(user.id))
      if refusedClaim { noteHolder(of: user.profile.email) }
      add(.createUser(user), unless: refusedClaim ? .emailConflict : nil)
      if !refusedClaim {
        provisioned[number] = UserRef(userID: user.id, email: user.profile.email)
      }
    }
  }

  /// Attribute changes; an email change someone else's address blocks waits, the rest goes on.
  private mutating func planUpdates(_ updates: [(ref: UserRef, changes: [FieldChange])], refused: Set<EmailClaims.Claimant>) {
    for (ref, changes) in updates {
      guard let personID = ref.personID, !refused.isEmpty, refused.contains(.person(personID)) else {
        add(.updateUser(ref, changes: changes), unless: nil)
        continue
      }
      // Keep the other attribute changes; only the email change waits.
      let others = changes.filter { $0.field != .email }
      let emailChanges = changes.filter { $0.field == .email }
      if !others.isEmpty { add(.updateUser(ref, changes: others), unless: nil) }
      if let wanted = emailChanges.first?.new.flatMap({ EmailAddress(stored: $0) }) { noteHolder(of: wanted) }
      add(.updateUser(ref, changes: emailChanges), unless: .emailConflict)
      if let number = ref.userID.flatMap(numbers.number(of:)) { provisioned[number] = ref }
    }
  }

  /// Remembers who keeps `email`, for an `emailConflict` skip's warning (conflicts are few).
  private mutating func noteHolder(of email: EmailAddress) {
    guard emailHolders[email] == nil, let person = current.people.first(where: { $0.email == email }) else { return }
    emailHolders[email] = EmailHolder(person: person, isExported: person.oktaUserID.flatMap(numbers.number(of:)) != nil)
  }

  /// Updates and status changes for a person already linked to this Okta user.
  private mutating func planExisting(
    _ person: Person, as user: OktaUser, number: Int, state: DesiredState,
    claims: inout EmailClaims, updates: inout [(ref: UserRef, changes: [FieldChange])]
  ) {
    let ref = UserRef(userID: user.id, email: person.email, personID: person.id)
    var finalRef = ref
    // An attribute the export did not carry is kept as Proxy has it.
    let changes = person.profile.changes(to: user.profile, ignoring: desired.unexportedFields)
    if state.receivesProfileUpdates, !changes.isEmpty {
      // A sync never changes an org admin.
      let reason: SkipReason? = person.isAdmin ? .admin : options.updateUsers ? nil : .disabled
      if reason == nil {
        if person.email != user.profile.email {
          claims.claim(person: person.id, linkedTo: user.id, from: person.email, to: user.profile.email)
          finalRef.email = user.profile.email
        }
        updates.append((ref, changes))
      } else {
        add(.updateUser(ref, changes: changes), unless: reason)
      }
    }
    provisioned[number] = finalRef
    planStatus(of: person, ref: ref, state: state)
  }

  /// Reactivation or deactivation, with the rules that hold them back.
  private mutating func planStatus(of person: Person, ref: UserRef, state: DesiredState) {
    // An assignment record left out as invalid may be the one that gives them the app.
    if state == .inactive(.unassigned), !desired.assignmentsComplete { return }
    switch (state, person.status) {
    case (.active, .inactive):
      // Okta's "Deactivate Users" switch covers reactivation too.
      add(.reactivateUser(ref), unless: person.isAdmin ? .admin : options.deactivateUsers ? nil : .disabled)
    case (.inactive(let cause), .active) where options.mode == .sync:
      add(.deactivateUser(ref, cause: cause), unless: person.isAdmin ? .admin : options.deactivateUsers ? nil : .disabled)
    case (.inactive(let cause), .pending) where options.mode == .sync:
      // Proxy cannot deactivate a person who is still pending; the next run tries again.
      add(.deactivateUser(ref, cause: cause), unless: person.isAdmin ? .admin : .pending)
    default:
      break
    }
  }
}
