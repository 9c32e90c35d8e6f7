extension PlanBuilder {
  /// Links, creates, updates, reactivates and deactivates people.
  mutating func planPeople() {
    // The stored person linked to each export user (by user number), as an index into
    // `current.people`: a person holds many strings, and copies cost more than lookups.
    var linked = [Int32](repeating: -1, count: numbers.ids.count)
    var notExported: [Int] = []
    var unlinkedByEmail: [EmailAddress: Person] = [:]
    for (index, person) in current.people.enumerated() {
      if let id = person.oktaUserID {
        if let number = numbers.number(of: id) {
          if linked[number] < 0 { linked[number] = Int32(index) }
        } else {
          notExported.append(index)
        }
      } else {
        unlinkedByEmail[person.email] = unlinkedByEmail[person.email] ?? person
      }
    }

    // Two Okta users may share an email: the unlinked person with it is adopted by the lowest
    // Okta id among those who should be active, whatever the export's order.
    var adopter: [EmailAddress: OktaUserID] = [:]
    if !unlinkedByEmail.isEmpty {
      for (position, user) in desired.users.enumerated() where unlinkedByEmail[user.profile.email] != nil {
        let number = Int(numbers.ofPosition[position])
        guard linked[number] < 0, DesiredState(for: user, isAssigned: assignments.isAssigned(number: number)) == .active else { continue }
        if let other = adopter[user.profile.email], other < user.id { continue }
        adopter[user.profile.email] = user.id
      }
    }
    var claims = EmailClaims(people: current.people)
    var creates: [(user: OktaUser, number: Int)] = []
    var updates: [(ref: UserRef, changes: [FieldChange])] = []

    // Each exported user takes their person out of `linked`; whoever is left was not exported.
    for (position, user) in desired.users.enumerated() {
      let number = Int(numbers.ofPosition[position])
      let state = DesiredState(for: user, isAssigned: assignments.isAssigned(number: number))
      if linked[number] >= 0 {
        let index = Int(linked[number])
        linked[number] = -1
        planExisting(current.people[index], as: user, number: number, state: state, claims: &claims, updates: &updates)
      } else if state == .active {
        // Matched by Okta id first; an unlinked person with the same email is adopted, openly.
        if adopter[user.profile.email] == user.id, let person = unlinkedByEmail.removeValue(forKey: user.profile.email) {
          let link = Operation.linkUser(UserRef(userID: nil, email: person.email, personID: person.id), to: user.id)
          let reason: SkipReason? = person.isAdmin ? .admin : options.createUsers ? nil : .disabled
          add(link, unless: reason)
          if reason == nil {
            adoptedOktaIDs[person.id] = user.id
            var adopted = person
            adopted.oktaUserID = user.id
            planExisting(adopted, as: user, number: number, state: state, claims: &claims, updates: &updates)
          }
        } else if !options.createUsers {
          add(.createUser(user), unless: .disabled)
        } else {
          claims.claim(newUser: user.id, email: user.profile.email)
          creates.append((user, number))
        }
      }
    }

    // Okta's plain user listing leaves deactivated users out: absent means inactive. A user
    // left out as invalid (quarantined) is not absent: their person is left alone.
    let leftOver = linked.lazy.filter { $0 >= 0 }.map { Int($0) }
    for index in notExported + leftOver {
      let person = current.people[index]
      guard let id = person.oktaUserID, !desired.quarantinedUserIDs.contains(id) else { continue }
      planStatus(of: person, ref: UserRef(userID: id, email: person.email, personID: person.id), state: .inactive(.notInExport))
    }

    let refused = claims.refusedClaims()
    for (user, number) in creates {
      let refusedClaim = !refused.isEmpty && refused.contains(.newUser(user.id))
      if refusedClaim { noteHolder(of: user.profile.email) }
      add(.createUser(user), unless: refusedClaim ? .emailConflict : nil)
      if !refusedClaim {
        provisioned[number] = UserRef(userID: user.id, email: user.profile.email)
      }
    }
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
