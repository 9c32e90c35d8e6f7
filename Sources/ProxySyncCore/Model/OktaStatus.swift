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

  /// Okta's API spells statuses in upper case; other tools do not, and the Admin Console (and
  /// its CSV reports) shows labels: "Pending user action" is PROVISIONED, "Password reset"
  /// RECOVERY, "Deactivated" DEPROVISIONED.
  package init?(parsing text: String) {
    if let exact = OktaStatus(rawValue: text) {
      self = exact  // the usual case, without making new strings
      return
    }
    let words = text.trimmingWhitespace().uppercased().split { $0 == " " || $0 == "_" || $0 == "-" }.joined(separator: "_")
    switch words {
    case "PENDING_USER_ACTION": self = .provisioned
    case "PASSWORD_RESET": self = .recovery
    case "DEACTIVATED": self = .deprovisioned
    default: self.init(rawValue: words)
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
