extension Plan {
  /// One line per change an email conflict held back, for the run's warnings: such a person is
  /// left out every night until someone acts, so it must be heard, not only counted.
  package func emailConflictWarnings(organization: String) -> [String] {
    skipped.compactMap { skip -> String? in
      guard skip.reason == .emailConflict else { return nil }
      switch skip.operation {
      case .createUser(let user):
        guard let holder = emailHolders[user.profile.email] else {
          return "user \"\(user.id)\" was not created: another person already has \"\(user.profile.email)\" (emailConflict)"
        }
        let rehire = relinkHint(for: holder, newAccount: user.id, organization: organization).map { "; \($0)" } ?? ""
        return "user \"\(user.id)\" was not created: \"\(user.profile.email)\" belongs to \(holder.description) (emailConflict)\(rehire)"
      case .updateUser(let ref, let changes):
        let wanted = changes.first { $0.field == .email }?.new ?? ref.email.rawValue
        return "user \"\(ref.userID?.rawValue ?? ref.email.rawValue)\" keeps \"\(ref.email)\": another person already has \"\(wanted)\" (emailConflict)"
      default:
        return nil
      }
    }
  }

  /// What to run when a new account wants the address of someone whose account is gone: a
  /// rehire. The sync never guesses that two accounts are one person; an admin says so. Named
  /// the first night too, when this very plan deactivates the former account.
  package func relinkHint(for holder: EmailHolder, newAccount: OktaUserID, organization: String) -> String? {
    let command = "proxysync people relink --org \(organization) \(holder.person.email) \(newAccount)"
    if holder.isFormerAccount { return "if this is a rehire, move the person to the new account: \(command)" }
    let leavingTonight = operations.trailing.contains { operation in
      if case .deactivateUser(let ref, _) = operation { return ref.personID == holder.person.id }
      return false
    }
    guard leavingTonight, !holder.person.isAdmin, holder.person.oktaUserID != nil, !holder.isExported else { return nil }
    return "if this is a rehire, move the person to the new account once this sync has deactivated them: \(command)"
  }
}
