/// A plan's operations in plan order.
///
/// Membership changes are kept as pairs of integers naming a group and a person in shared
/// tables, and become `Operation` values only when read: a bulk import plans millions of them,
/// and as operations each held (and retained, whenever it was copied) four strings.
package struct PlanOperations: RandomAccessCollection, Equatable, Sendable {
  /// The kinds before memberships (groups, then people), in plan order.
  package private(set) var leading: [Operation]
  package private(set) var memberships: MembershipChanges
  /// Deactivations, which come last.
  package private(set) var trailing: [Operation]

  package init(leading: [Operation], memberships: MembershipChanges, trailing: [Operation]) {
    assert(leading.allSatisfy { $0.kind < .addMember } && trailing.allSatisfy { $0.kind > .removeMember })
    self.leading = leading
    self.memberships = memberships
    self.trailing = trailing
  }

  /// Operations already in plan order (`Plan.inKeyOrder`); each group and person the
  /// memberships name is kept once.
  init(ordered operations: [Operation]) {
    var memberships = MembershipChanges()
    var groups: [GroupRef: UInt32] = [:]
    var people: [UserRef: UInt32] = [:]
    for operation in operations {
      switch operation {
      case .addMember(let group, let person), .removeMember(let group, let person):
        let groupIndex = groups[group] ?? memberships.add(group)
        let personIndex = people[person] ?? memberships.add(person)
        (groups[group], people[person]) = (groupIndex, personIndex)
        memberships.append(operation.kind, group: groupIndex, person: personIndex)
      default: break
      }
    }
    self.init(
      leading: operations.filter { $0.kind < .addMember }, memberships: memberships,
      trailing: operations.filter { $0.kind > .removeMember })
  }

  package var startIndex: Int { 0 }
  package var endIndex: Int { leading.count + memberships.count + trailing.count }

  package subscript(position: Int) -> Operation {
    if position < leading.count { return leading[position] }
    let membership = position - leading.count
    if membership < memberships.count { return memberships.operation(at: membership) }
    return trailing[membership - memberships.count]
  }

  /// Where the operations of one kind are, found by binary search (the lists are in kind
  /// order) without reading the memberships.
  package func range(of kind: OperationKind) -> Range<Int> {
    func run(_ list: [Operation], from offset: Int) -> Range<Int> {
      /// The first position whose kind is not before `kind` (or, `after`, not `kind` or before).
      func boundary(after: Bool) -> Int {
        partitionPoint(list.count) { list[$0].kind < kind || (after && list[$0].kind == kind) }
      }
      return offset + boundary(after: false)..<offset + boundary(after: true)
    }
    let adds = leading.count..<leading.count + memberships.adds.count
    switch kind {
    case .addMember: return adds
    case .removeMember: return adds.upperBound..<adds.upperBound + memberships.removes.count
    case _ where kind < .addMember: return run(leading, from: 0)
    default: return run(trailing, from: leading.count + memberships.count)
    }
  }

  package static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}

/// A plan's membership changes: additions, then removals, each as (group, person) indexes into
/// tables of the groups and people they name.
package struct MembershipChanges: Sendable {
  package struct Change: Sendable, Equatable {
    package var group: UInt32
    package var person: UInt32
  }

  package private(set) var groups: [GroupRef] = []
  package private(set) var people: [UserRef] = []
  /// In plan order: by group, then person.
  package private(set) var adds: [Change] = []
  package private(set) var removes: [Change] = []

  package var count: Int { adds.count + removes.count }

  package func operation(at index: Int) -> Operation {
    if index < adds.count { return .addMember(groups[Int(adds[index].group)], people[Int(adds[index].person)]) }
    let change = removes[index - adds.count]
    return .removeMember(groups[Int(change.group)], people[Int(change.person)])
  }

  package init() {}

  /// Names a group for `append`, under a new index.
  package mutating func add(_ group: GroupRef) -> UInt32 {
    groups.append(group)
    return UInt32(groups.count - 1)
  }

  /// Names a person for `append`, under a new index.
  package mutating func add(_ person: UserRef) -> UInt32 {
    people.append(person)
    return UInt32(people.count - 1)
  }

  mutating func reserveAdds(_ count: Int) { adds.reserveCapacity(count) }

  /// Appends a change in plan order: all additions come before any removal.
  package mutating func append(_ kind: OperationKind, group: UInt32, person: UInt32) {
    let change = Change(group: group, person: person)
    switch kind {
    case .addMember:
      precondition(removes.isEmpty, "additions come before removals")
      adds.append(change)
    case .removeMember: removes.append(change)
    default: preconditionFailure("not a membership change: \(kind)")
    }
  }

  /// The same changes with every person replaced by `transform`'s answer, each looked at once
  /// however many groups name them; nil as soon as it has none.
  package func mappingPeople(_ transform: (UserRef) -> UserRef?) -> MembershipChanges? {
    var copy = self
    for index in copy.people.indices {
      guard let person = transform(copy.people[index]) else { return nil }
      copy.people[index] = person
    }
    return copy
  }
}

extension MembershipChanges {
  /// One group's changes of one kind, as they follow each other in the plan.
  package struct GroupRun: Sendable {
    package var kind: OperationKind
    /// The group's index in `groups`.
    package var group: UInt32
    /// The changes, in plan order (`person` indexes `people`).
    package var changes: ArraySlice<Change>
  }

  /// The additions, then the removals, a group at a time. Both stores write (and audit) a
  /// group's changes of one kind together, so the audit rows `AuditRules` makes of them are the
  /// same whatever the backend and however it batches its writes.
  package var groupRuns: [GroupRun] {
    var runs: [GroupRun] = []
    for (kind, list) in [(OperationKind.addMember, adds), (.removeMember, removes)] {
      var start = list.startIndex
      while start < list.endIndex {
        let group = list[start].group
        var end = start + 1
        while end < list.endIndex, list[end].group == group { end += 1 }
        runs.append(GroupRun(kind: kind, group: group, changes: list[start..<end]))
        start = end
      }
    }
    return runs
  }
}

extension MembershipChanges {
  /// The removals of the people `isHeld` picks, apart from the rest: (everything else, those
  /// removals alone). Both keep the same group and people tables.
  package func splittingRemoves(_ isHeld: (UserRef) -> Bool) -> (kept: MembershipChanges, held: MembershipChanges) {
    var kept = self
    var held = self
    held.adds = []
    kept.removes = []
    held.removes = []
    for change in removes {
      if isHeld(people[Int(change.person)]) { held.removes.append(change) } else { kept.removes.append(change) }
    }
    return (kept, held)
  }
}
