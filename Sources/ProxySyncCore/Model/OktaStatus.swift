/// An Okta user's lifecycle status, as the Users API spells it.
package enum OktaStatus: String, CaseIterable, Sendable {
  case staged = "STAGED"
  case provisioned = "PROVISIONED"
  case active = "ACTIVE"
  case recovery = "RECOVERY"
  case passwordExpired = "PASSWORD_EXPIRED"
  case lockedOut = "LOCKED_OUT"
  case suspended = "SUSPENDED"
  case deprovisioned = "DEPROVISIONED"

  /// Okta spells statuses in upper case; exports from other tools sometimes do not.
  package init?(parsing text: String) {
    if let exact = OktaStatus(rawValue: text) {
      self = exact  // the usual case, without making new strings
    } else {
      self.init(rawValue: text.trimmingWhitespace().uppercased())
    }
  }
}

/// A Proxy person's status: `pending` until they accept the invite, then `active`, or `inactive`.
package enum PersonStatus: String, CaseIterable, Sendable {
  case pending, active, inactive
}

/// A Proxy person's role. Provisioned people are always members; admins are set by hand.
package enum Role: String, CaseIterable, Sendable {
  case member, admin
}
