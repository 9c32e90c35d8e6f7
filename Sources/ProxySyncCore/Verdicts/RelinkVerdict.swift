/// When a person's Okta link may move to another Okta user (`proxysync people relink`): someone
/// rehired gets a new Okta account, while their Proxy person, inactive, keeps the old link and
/// the address; the sync never guesses that two accounts are one person, an admin says so.
package enum RelinkVerdict {
  /// - Parameters:
  ///   - person: the person with that email, if any; `linkedToNew`: whoever is linked to `newID`.
  package static func refusal(
    email: EmailAddress, person: Person?, newID: OktaUserID, linkedToNew: Person?, organization: Organization
  ) -> ProxySyncError? {
    guard let person else {
      return .failure("nobody in organization \"\(organization.name)\" has the email \(email)")
    }
    if person.isAdmin {
      return .failure("\(email) is an admin: a sync never changes admins, and relink does not either")
    }
    if person.oktaUserID == newID {
      return .failure("\(email) is linked to Okta user \(newID) already")
    }
    guard person.status == .inactive else {
      return .failure("\(email) is \(person.status.rawValue): only an inactive person (someone who left) is relinked to a new Okta account")
    }
    if let other = linkedToNew {
      return .failure("Okta user \(newID) is linked to \(other.email) already; one Okta user is one person")
    }
    return nil
  }

  /// What the audit says of a relink: the Okta id before and after.
  package static func audit(from old: OktaUserID?, to new: OktaUserID) -> (before: String, after: String) {
    var before = AuditJSON()
    before.add("userId", old?.rawValue)
    var after = AuditJSON()
    after.add("userId", new.rawValue)
    return (before.rendered, after.rendered)
  }

  /// The audit row's operation.
  package static let operation = "relinkUser"

  /// Refusals the store finds inside its transaction, when another run moved first: `new`
  /// linked meanwhile, or the person no longer as the verdict saw them.
  package static func idTaken(_ new: OktaUserID) -> ProxySyncError {
    ProxySyncError.failure("Okta user \(new) is linked to someone else already")
  }
  package static let personChanged = ProxySyncError(.stalePlan, "the person changed meanwhile; look again")
}
