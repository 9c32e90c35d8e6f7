import ProxySyncCore

/// How the SQLite store keeps the people of an audit row that lists many (`audit.people`,
/// `AuditRules`): their ids between commas, so `instr(',' || people || ',', ',ID,')` finds a
/// person's rows.
enum AuditListing {
  static func text(_ people: some Sequence<PersonID>) -> String {
    people.map { String($0.rawValue) }.joined(separator: ",")
  }

  /// The people listed, in order; nil when the text is not such a list (a damaged row).
  static func people(in text: String) -> [PersonID]? {
    var people: [PersonID] = []
    for id in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let id = Int64(id) else { return nil }
      people.append(PersonID(id))
    }
    return people
  }
}
