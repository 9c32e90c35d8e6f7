import ProxySyncCore

/// One group's membership changes of one kind, as they follow each other in a plan.
///
/// They are written together: a bulk import adds millions of memberships, and one statement per
/// row cost more than the row, while one audit row per membership doubled the rows written and
/// the index work.
struct GroupChanges {
  /// Rows per membership statement.
  static let statementSize = 100

  let kind: OperationKind
  let group: GroupID
  let groupName: String
  var people: [PersonID] = []
}

extension PlanApplier {
  /// Writes the plan's membership changes a group at a time. Each group the plan names is
  /// looked up once, however many memberships name it; `people` are the rows of `changes.people`.
  mutating func apply(_ changes: MembershipChanges, _ s: ApplyStatements, people: [PersonID], done: Int, progress: (Int) -> Void) throws {
    var groups = [GroupID?](repeating: nil, count: changes.groups.count)
    var done = done
    for run in changes.groupRuns {
      let g = Int(run.group)
      if groups[g] == nil { groups[g] = try groupID(changes.groups[g]) }
      guard let group = groups[g] else { continue }
      var pending = GroupChanges(kind: run.kind, group: group, groupName: changes.groups[g].name)
      pending.people = run.changes.map { people[Int($0.person)] }
      try write(pending, s)
      done += run.changes.count
      progress(done)
    }
  }

  /// Writes one group's changes and their audit; every row must be new (or still there, for
  /// removals): anything else means the store moved under the plan.
  func write(_ changes: GroupChanges, _ s: ApplyStatements) throws {
    let group = SQLValue.integer(changes.group.rawValue)
    let subject = "memberships of group \"\(changes.groupName)\""
    let adding = changes.kind == .addMember
    let people = changes.people
    for start in stride(from: 0, to: people.count, by: GroupChanges.statementSize) {
      let chunk = people[start..<min(start + GroupChanges.statementSize, people.count)]
      if chunk.count == GroupChanges.statementSize {
        let changed = try (adding ? s.addMembers : s.removeMembers).execute([group] + chunk.map { .integer($0.rawValue) })
        try expect(chunk.count, changed, subject)
      } else {
        for person in chunk {
          try expect(1, try (adding ? s.addMember : s.removeMember).execute([group, .integer(person.rawValue)]), subject)
        }
      }
    }
    // Kept as `AuditRules` says: a row each, or rows listing them (`audit.people`).
    guard let listings = AuditRules.listings(people) else {
      for person in people { try record(changes.kind, person: person, group: changes.group) }
      return
    }
    for listed in listings {
      try recordListed(changes.kind, group: changes.group, people: AuditListing.text(listed))
    }
  }
}
