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
        // A rehire: the sync never guesses that two accounts are one person; an admin says so.
        let rehire =
          holder.isFormerAccount
          ? "; if this is a rehire, move the person to the new account: proxysync people relink --org \(organization) \(user.profile.email) \(user.id)"
          : ""
        return "user \"\(user.id)\" was not created: \"\(user.profile.email)\" belongs to \(holder.description) (emailConflict)\(rehire)"
      case .updateUser(let ref, let changes):
        let wanted = changes.first { $0.field == .email }?.new ?? ref.email.rawValue
        return "user \"\(ref.userID?.rawValue ?? ref.email.rawValue)\" keeps \"\(ref.email)\": another person already has \"\(wanted)\" (emailConflict)"
      default:
        return nil
      }
    }
  }
}
