extension PlanBuilder {
  /// Links, creates, updates, reactivates and deactivates people.
  mutating func planPeople() {
    // Indexes into `current.people`, not copies: a person holds many strings, and a million
    // copies cost more in reference counting than the lookups themselves.
    var linked: [OktaUserID: Int] = [:]
    linked.reserveCapacity(current.people.count)
    var unlinkedByEmail: [EmailAddress: Person] = [:]
    for (index, person) in current.people.enumerated() {
      if let id = person.oktaUserID {
        if linked[id] == nil { linked[id] = index }
      } else {
        unlinkedByEmail[person.email] = unlinkedByEmail[person.email] ?? person
      }
    }

    var claims = EmailClaims(people: current.people)
    var creates: [OktaUser] = []
    var updates: [(ref: UserRef, changes: [FieldChange])] = []

    // Each exported user takes their person out of `linked`; whoever is left was not exported.
    for user in desired.users {
      let state = DesiredState(for: user, assignments: assignments)
      if let index = linked.removeValue(forKey: user.id) {
        planExisting(current.people[index], as: user, state: state, claims: &claims, updates: &updates)
      } else if state == .active {
        // Matched by Okta id first; an unlinked person with the same email is adopted, openly.
        if let person = unlinkedByEmail.removeValue(forKey: user.profile.email) {
          let link = Operation.linkUser(UserRef(userID: nil, email: person.email, personID: person.id), to: user.id)
          let reason: SkipReason? = person.isAdmin ? .admin : options.createUsers ? nil : .disabled
          add(link, unless: reason)
          if reason == nil {
            adoptedOktaIDs[person.id] = user.id
            var adopted = person
            adopted.oktaUserID = user.id
            planExisting(adopted, as: user, state: state, claims: &claims, updates: &updates)
          }
        } else if !options.createUsers {
          add(.createUser(user), unless: .disabled)
        } else {
          claims.claim(newUser: user.id, email: user.profile.email)
          creates.append(user)
        }
      }
    }

    // Okta's plain user listing leaves deactivated users out: absent means inactive. A user
    // left out as invalid (quarantined) is not absent: their person is left alone.
    for (id, index) in linked where !desired.quarantinedUserIDs.contains(id) {
      let person = current.people[index]
      planStatus(of: person, ref: UserRef(userID: id, email: person.email, personID: person.id), state: .inactive(.notInExport))
    }

    let refused = claims.refusedClaims()
    for user in creates {
      let refusedClaim = refused.contains(.newUser(user.id))
      add(.createUser(user), unless: refusedClaim ? .emailConflict : nil)
      if !refusedClaim {
        provisioned[user.id] = UserRef(userID: user.id, email: user.profile.email)
      }
    }
    for (ref, changes) in updates {
      guard let personID = ref.personID, refused.contains(.person(personID)) else {
        add(.updateUser(ref, changes: changes), unless: nil)
        continue
      }
      // Keep the other attribute changes; only the email change waits.
      let others = changes.filter { $0.field != .email }
      let emailChanges = changes.filter { $0.field == .email }
      if !others.isEmpty { add(.updateUser(ref, changes: others), unless: nil) }
      add(.updateUser(ref, changes: emailChanges), unless: .emailConflict)
      if let id = ref.userID { provisioned[id] = ref }
    }
  }

  /// Updates and status changes for a person already linked to this Okta user.
  private mutating func planExisting(
    _ person: Person, as user: OktaUser, state: DesiredState,
    claims: inout EmailClaims, updates: inout [(ref: UserRef, changes: [FieldChange])]
  ) {
    let ref = UserRef(userID: user.id, email: person.email, personID: person.id)
    var finalRef = ref
    let changes = person.profile.changes(to: user.profile)
    if state.receivesProfileUpdates, !changes.isEmpty {
      // A sync never changes an org admin.
      let reason: SkipReason? = person.isAdmin ? .admin : options.updateUsers ? nil : .disabled
      if reason == nil {
        if person.email != user.profile.email {
          claims.claim(person: person.id, from: person.email, to: user.profile.email)
          finalRef.email = user.profile.email
        }
        updates.append((ref, changes))
      } else {
        add(.updateUser(ref, changes: changes), unless: reason)
      }
    }
    provisioned[user.id] = finalRef
    planStatus(of: person, ref: ref, state: state)
  }

  /// Reactivation or deactivation, with the rules that hold them back.
  private mutating func planStatus(of person: Person, ref: UserRef, state: DesiredState) {
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
