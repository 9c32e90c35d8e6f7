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
    if let exact = Self.spelledExactly(text) {
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

  /// The status spelled exactly as the API spells it. Told apart by length and first letter,
  /// then one comparison: `init(rawValue:)` compares against every spelling in turn, and a
  /// million users' statuses are read.
  static func spelledExactly(_ text: String) -> OktaStatus? {
    let candidate: OktaStatus
    switch (text.utf8.count, text.utf8.first) {
    case (6, UInt8(ascii: "A")): candidate = .active
    case (6, UInt8(ascii: "S")): candidate = .staged
    case (8, _): candidate = .recovery
    case (9, _): candidate = .suspended
    case (10, _): candidate = .lockedOut
    case (11, _): candidate = .provisioned
    case (13, _): candidate = .deprovisioned
    case (16, _): candidate = .passwordExpired
    default: return nil
    }
    return text == candidate.rawValue ? candidate : nil
  }
}

/// A Proxy person's status: `pending` until they accept the invite, then `active`, or `inactive`.
package enum PersonStatus: String, CaseIterable, Sendable {
  case pending, active, inactive

  /// The status these UTF-8 bytes spell, without making a string of them (a store reads a
  /// million): the spellings differ in length, so one comparison of the right one decides.
  package init?(utf8 bytes: UnsafeRawBufferPointer) {
    switch bytes.count {
    case 6 where UTF8Word(bytes) == UTF8Word("active"): self = .active
    case 7 where UTF8Word(bytes) == UTF8Word("pending"): self = .pending
    case 8 where UTF8Word(bytes) == UTF8Word("inactive"): self = .inactive
    default: return nil
    }
  }
}

/// A Proxy person's role. Provisioned people are always members; admins are set by hand.
package enum Role: String, CaseIterable, Sendable {
  case member, admin

  /// The role these UTF-8 bytes spell, without making a string of them (see `PersonStatus`).
  package init?(utf8 bytes: UnsafeRawBufferPointer) {
    switch bytes.count {
    case 6 where UTF8Word(bytes) == UTF8Word("member"): self = .member
    case 5 where UTF8Word(bytes) == UTF8Word("admin"): self = .admin
    default: return nil
    }
  }
}

/// Up to eight bytes of text as one number (first byte lowest, the rest zero), so that a short
/// word read from a store is compared with a spelling in one step. Longer text reads as 0, which
/// no word of one to eight bytes packs to. (Comparing with the case's `rawValue.utf8`, or with a
/// `StaticString`'s bytes by `elementsEqual`, cost the 100k snapshot 80 M and 39 M more
/// instructions than this.)
struct UTF8Word: Equatable {
  let value: UInt64

  init(_ bytes: UnsafeRawBufferPointer) {
    var value: UInt64 = 0
    if bytes.count <= 8 { for index in bytes.indices.reversed() { value = value << 8 | UInt64(bytes[index]) } }
    self.value = value
  }

  init(_ word: StaticString) {
    self.init(UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
  }
}
