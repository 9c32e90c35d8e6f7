/// Okta's id for a user (`00u…`): the link between an Okta user and a Proxy person.
package struct OktaUserID: Hashable, Comparable, Sendable, CustomStringConvertible {
  package var rawValue: String
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package var description: String { rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Okta's id for a group (`00g…`): pushed groups are matched by it, never by name.
package struct OktaGroupID: Hashable, Comparable, Sendable, CustomStringConvertible {
  package var rawValue: String
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package var description: String { rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

  /// Whether `text` has the form of Okta's group ids: `00g` and letters and digits.
  package static func looksValid(_ text: String) -> Bool {
    text.utf8.count > 3 && text.hasPrefix("00g") && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
  }
}

/// The store's own id for a person row.
package struct PersonID: Hashable, Comparable, Sendable {
  package var rawValue: Int64
  package init(_ rawValue: Int64) { self.rawValue = rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The store's own id for a group row.
package struct GroupID: Hashable, Comparable, Sendable {
  package var rawValue: Int64
  package init(_ rawValue: Int64) { self.rawValue = rawValue }
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The store's id for an organization (one company).
package struct OrganizationID: Hashable, Sendable {
  package var rawValue: Int64
  package init(_ rawValue: Int64) { self.rawValue = rawValue }
}

/// Identifies one recorded run of a command against the store.
package struct RunID: Hashable, Sendable, CustomStringConvertible {
  package var rawValue: String
  package init(_ rawValue: String) { self.rawValue = rawValue }
  package var description: String { rawValue }
}
