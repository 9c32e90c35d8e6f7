/// How every backend finds, keeps and reads back audit rows: one rule each, so a person's
/// history reads the same whatever holds it.
package enum AuditRules {
  /// From this many people of one group changed the same way in a run, the audit keeps one row
  /// per group listing them instead of a row each (an import would otherwise write a row per
  /// membership); nightly runs stay below it.
  package static let listedFrom = 50
  /// People named by one listing row, so no row grows without bound.
  package static let listSize = 1_000

  /// How one group's changes of one kind are kept: nil for a row per person, else the people of
  /// each listing row, in order.
  package static func listings<People: Collection>(_ people: People) -> [People.SubSequence]? {
    guard people.count >= listedFrom else { return nil }
    var rows: [People.SubSequence] = []
    var start = people.startIndex
    while start != people.endIndex {
      let end = people.index(start, offsetBy: listSize, limitedBy: people.endIndex) ?? people.endIndex
      rows.append(people[start..<end])
      start = end
    }
    return rows
  }

  /// What `audit --person QUERY` looks for: the Okta user id as given, or the email as the app
  /// stores it (NFC, lower case), never with SQL's `lower()`, whose result depends on the store.
  package static func personLookup(_ query: String) -> (oktaUserID: String, email: String) {
    let trimmed = query.trimmingWhitespace()
    return (trimmed, EmailAddress(trimmed)?.rawValue ?? trimmed)
  }

  package static func noPerson(_ query: String, in organization: Organization) -> ProxySyncError {
    .failure("nobody in organization \"\(organization.name)\" has the email or Okta id \"\(query)\"")
  }

  package static func noGroup(_ query: String, in organization: Organization) -> ProxySyncError {
    .failure("organization \"\(organization.name)\" has no group with Okta id \"\(query)\"")
  }

  /// A group as an entry names it: `"Sales" (00g1)`.
  package static func groupName(_ name: String?, oktaID: String?) -> String? {
    name.map { name in oktaID.map { "\"\(name)\" (\($0))" } ?? "\"\(name)\"" }
  }

  /// Keeps the first `limit` entries of each operation (a million-person import has millions).
  package struct Limit {
    private let limit: Int?
    private var seen: [String: Int] = [:]
    package init(_ limit: Int?) { self.limit = limit }

    /// Counts an entry of `operation`; false once the limit for it is reached.
    package mutating func admits(_ operation: String) -> Bool {
      guard let limit else { return true }
      seen[operation, default: 0] += 1
      return seen[operation, default: 0] <= limit
    }
  }
}
