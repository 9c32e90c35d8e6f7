extension Operation {
  /// The address a create or an email change asks for.
  var wantedEmail: EmailAddress? {
    switch self {
    case .createUser(let user): return user.profile.email
    case .updateUser(_, let changes): return changes.first { $0.field == .email }?.new.map { EmailAddress(stored: $0) }
    default: return nil
    }
  }
}

/// Why a sync would do what it does to one person or group: the evidence, step by step.
package struct Explanation: Sendable, Equatable {
  package struct Step: Sendable, Equatable {
    package var title: String
    package var facts: [String]
  }

  package var steps: [Step]

  /// The answer for an email or Okta user id, or an Okta group id; nil when neither the export
  /// nor the store knows it. Uses the same plan a sync would make.
  package static func make(
    for query: String, desired: DirectorySnapshot, current: StoreSnapshot, options: SyncOptions = .default
  ) -> Explanation? {
    make(for: query, desired: desired, current: current, plan: makePlan(desired: desired, current: current, options: options), options: options)
  }

  /// The answer from the plan a sync would make of `desired` and `current` with `options`.
  /// `numbers`, the reader's numbering of the users, saves numbering them again.
  package static func make(
    for query: String, desired: DirectorySnapshot, current: StoreSnapshot, plan: Plan, options: SyncOptions,
    numbers: UserNumbers? = nil
  ) -> Explanation? {
    let trimmed = query.trimmingWhitespace()
    let pushed = PushedGroups(desired: desired, options: options)
    if let group = groupExplanation(OktaGroupID(trimmed), desired: desired, current: current, plan: plan, pushed: pushed) { return group }
    let assignments = numbers.map { Assignments(desired, numbers: $0) } ?? Assignments(desired)
    return userExplanation(trimmed, desired: desired, current: current, plan: plan, assignments: assignments)
  }

  /// The explanation as lines for a terminal (values escaped).
  package var text: String {
    steps.map { step in
      ([step.title] + step.facts.map { "  " + $0 }).joined(separator: "\n")
    }.joined(separator: "\n") + "\n"
  }

  private static func userExplanation(
    _ query: String, desired: DirectorySnapshot, current: StoreSnapshot, plan: Plan, assignments: Assignments
  ) -> Explanation? {
    let email = EmailAddress(query)
    // Okta users may share an email: the one the plan settles the address on answers for it
    // (already linked, else assigned and active, lowest Okta id first).
    let sharing = desired.users.filter { email != nil && $0.profile.email == email }.sorted { $0.id < $1.id }
    func isLinked(_ user: OktaUser) -> Bool { current.people.contains { $0.oktaUserID == user.id } }
    let user =
      desired.users.first { $0.id.rawValue == query } ?? sharing.first(where: isLinked)
      ?? sharing.first { DesiredState(for: $0, assignments: assignments) == .active } ?? sharing.first
    let person =
      current.people.first { $0.oktaUserID != nil && $0.oktaUserID == (user?.id ?? OktaUserID(query)) }
      ?? current.people.first { $0.oktaUserID == nil && $0.email == (user?.profile.email ?? email) }
      ?? (user == nil ? current.people.first { $0.email == email } : nil)
    guard user != nil || person != nil else { return nil }

    var steps: [Step] = []
    if let user {
      var facts = ["id \(user.id.rawValue), email \(user.profile.email.rawValue), status \(user.status.rawValue)"]
      var ways: [String] = []
      if assignments.isDirectlyAssigned(user.id) { ways.append("directly (app-users)") }
      let groupNames = Dictionary(desired.groups.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      for group in assignments.groups(assigning: user.id) {
        ways.append("through app group \(quoted(groupNames[group] ?? group.rawValue)) (\(group.rawValue))")
      }
      facts.append(ways.isEmpty ? "not assigned to the Proxy app (not in app-users, in no assigned group)" : "assigned " + ways.joined(separator: ", "))
      facts.append("should be in Proxy: " + DesiredState(for: user, assignments: assignments).words)
      steps.append(Step(title: "Okta user", facts: facts))
    } else {
      steps.append(Step(title: "Okta user", facts: [
        "not in the export: Okta's user listing leaves deactivated users out, so a linked person should be inactive (notInExport)",
      ]))
    }

    if let person {
      let how = person.oktaUserID == nil ? "found by email, not linked to Okta (invited by hand)" : "found by Okta id \(person.oktaUserID?.rawValue ?? "")"
      steps.append(Step(title: "Proxy person", facts: [
        how, "email \(person.email.rawValue), status \(person.status.rawValue), role \(person.role.rawValue)",
      ]))
    } else if let user, let keeper = current.people.first(where: { $0.email == user.profile.email }) {
      // Found by neither: the Okta id is linked to nobody, and the address is someone else's.
      steps.append(Step(title: "Proxy person", facts: [
        "none linked to Okta id \(user.id.rawValue)",
        "the email \(user.profile.email.rawValue) belongs to another person: \(keeper.oktaUserID.map { "linked to \($0.rawValue)" } ?? "not linked to Okta"), status \(keeper.status.rawValue), role \(keeper.role.rawValue)",
      ]))
    } else {
      steps.append(Step(title: "Proxy person", facts: ["none with this Okta id or email"]))
    }

    let userID = user?.id ?? person?.oktaUserID
    func concerns(_ operation: Operation) -> Bool {
      switch operation {
      case .createUser(let created): return created.id == userID
      case .linkUser(let ref, let id): return id == userID || (person != nil && ref.personID == person?.id)
      case .updateUser(let ref, _), .reactivateUser(let ref), .deactivateUser(let ref, _), .addMember(_, let ref), .removeMember(_, let ref):
        return (userID != nil && ref.userID == userID) || (person != nil && ref.personID == person?.id)
      case .createGroup, .renameGroup, .updateGroup: return false
      }
    }
    var result = plan.operations.filter(concerns).map { "\($0.kind.rawValue) \($0.textParts.text)" }
    result += plan.skipped.filter { concerns($0.operation) }.map {
      "skipped \($0.operation.kind.rawValue) \($0.operation.textParts.text): \($0.reason.explanation)"
    }
    if result.isEmpty { result = ["nothing to do: Proxy already matches"] }
    if plan.operations.contains(where: { if case .deactivateUser = $0 { return concerns($0) } else { return false } }) {
      result.append("counts toward the guard: \(plan.guardCheck.explanation)\(plan.guardCheck.isTripped ? " (the guard would refuse this run)" : "")")
    }
    steps.append(Step(title: "Result", facts: result))
    // When the answer depends on someone else, that someone: who keeps the address, and what
    // this same plan does to them.
    for skip in plan.skipped where skip.reason == .emailConflict && concerns(skip.operation) {
      guard let wanted = skip.operation.wantedEmail, let holder = plan.emailHolders[wanted], holder.person.id != person?.id else { continue }
      var facts = ["\(holder.description)"]
      let theirs = plan.operations.filter { operation in
        switch operation {
        case .updateUser(let ref, _), .reactivateUser(let ref), .deactivateUser(let ref, _), .linkUser(let ref, _): return ref.personID == holder.person.id
        default: return false
        }
      }
      facts += theirs.isEmpty ? ["this plan leaves them as they are"] : theirs.map { "this plan: \($0.kind.rawValue) \($0.textParts.text)" }
      if let id = user?.id, let hint = plan.relinkHint(for: holder, newAccount: id, organization: "ORG") {
        facts.append("\(hint), then the next sync updates and reactivates them")
      }
      steps.append(Step(title: "Email kept by", facts: facts))
    }
    return Explanation(steps: steps)
  }

  private static func groupExplanation(
    _ id: OktaGroupID, desired: DirectorySnapshot, current: StoreSnapshot, plan: Plan, pushed: PushedGroups
  ) -> Explanation? {
    let group = desired.groups.first { $0.id == id }
    let stored = current.groups.first { $0.oktaGroupID == id }
    guard group != nil || stored != nil else { return nil }
    var steps: [Step] = []
    if let group {
      let members = desired.memberships.count { $0.groupID == id }
      steps.append(Step(title: "Okta group", facts: [
        "\(quoted(group.name)) (\(id.rawValue)), type \(group.type.rawValue), \(members) member\(members == 1 ? "" : "s")",
        pushed.reason(against: group).map { "not pushed: \($0)" } ?? "pushed to Proxy",
        desired.assignedGroupIDs.contains(id) ? "assigned to the Proxy app: its members get the app" : "not assigned to the Proxy app",
      ]))
    } else {
      steps.append(Step(title: "Okta group", facts: ["not in the export"]))
    }
    var groupFacts = [stored.map { "\(quoted($0.name)) found by Okta id" } ?? "none with this Okta id"]
    // A group made in the dashboard with the same name is never taken over: the sync makes its own.
    if stored == nil, let group, let handMade = current.groups.first(where: { $0.oktaGroupID == nil && $0.name == group.name }) {
      groupFacts.append("a dashboard group \(quoted(handMade.name)) exists, made by hand (no Okta id): a sync never takes it over; pushing creates a second group of that name")
    }
    steps.append(Step(title: "Proxy group", facts: groupFacts))

    var result: [String] = []
    for operation in plan.operations {
      switch operation {
      case .createGroup(let created) where created.id == id: result.append("createGroup \(operation.textParts.text)")
      case .renameGroup(let ref, _, _, _) where ref.groupID == id, .updateGroup(let ref, _) where ref.groupID == id:
        result.append("\(operation.kind.rawValue) \(operation.textParts.text)")
      default: break
      }
    }
    let adds = plan.operations.count { if case .addMember(let ref, _) = $0 { return ref.groupID == id } else { return false } }
    let removes = plan.operations.count { if case .removeMember(let ref, _) = $0 { return ref.groupID == id } else { return false } }
    if adds + removes > 0 { result.append("memberships: add \(adds), remove \(removes)") }
    if plan.orphanedGroups.contains(where: { $0.oktaGroupID == id }) {
      result.append("orphaned: gone from the export, kept in Proxy, never deleted")
    }
    steps.append(Step(title: "Result", facts: result.isEmpty ? ["nothing to do: Proxy already matches"] : result))
    return Explanation(steps: steps)
  }
}

extension DesiredState {
  var words: String {
    switch self {
    case .active: "active"
    case .inactive(.suspended): "inactive: the Okta user is suspended"
    case .inactive(.deprovisioned): "inactive: the Okta user is deprovisioned"
    case .inactive(.unassigned): "inactive: no longer assigned to the app"
    case .inactive(.notInExport): "inactive: not in the export"
    case .notPushed: "left alone: STAGED users are not pushed"
    }
  }
}
