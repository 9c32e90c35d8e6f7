/// The pushed groups in Okta id order (so group indexes sort as the plan lists groups), and
/// each one's index.
struct PushedGroupIndex {
  let groups: [OktaGroup]
  private(set) var index: [OktaGroupID: Int32] = [:]

  init(_ pushedByID: [OktaGroupID: OktaGroup]) {
    groups = pushedByID.values.sorted { $0.id < $1.id }
    index.reserveCapacity(groups.count)
    for (position, group) in groups.enumerated() { index[group.id] = Int32(position) }
  }

  func ref(_ index: Int32) -> GroupRef { GroupRef(groupID: groups[Int(index)].id, name: groups[Int(index)].name) }

  /// A membership as one integer: the group's index in the high bits, the person's row id in
  /// the low 40. Comparing millions of these (`membershipDifferences`) is far kinder to the
  /// cache than sets.
  static func pack(_ group: Int32, _ person: Int64) -> UInt64 {
    precondition(person >= 0 && person < 1 << 40, "person row id out of range")
    return UInt64(group) << 40 | UInt64(person)
  }
}

/// Finds a stored person's row by id: the store lists people by id, so a binary search finds
/// one without a million-entry table; a snapshot in another order gets the table, built on
/// first use.
struct StoredPeopleLookup {
  let people: [Person]
  private let isByID: Bool
  private var table: [PersonID: Int]?

  init(_ people: [Person]) {
    self.people = people
    isByID = people.indices.dropFirst().allSatisfy { people[$0 - 1].id < people[$0].id }
  }

  mutating func index(of id: PersonID) -> Int? {
    guard isByID else {
      if table == nil { table = Dictionary(people.indices.map { (people[$0].id, $0) }, uniquingKeysWith: { a, _ in a }) }
      return table?[id]
    }
    let low = partitionPoint(people.count) { people[$0].id < id }
    return low < people.count && people[low].id == id ? low : nil
  }
}

/// The export's memberships of pushed groups, each reduced to integers once.
struct WantedMemberships {
  /// Stored people's memberships, packed (`PushedGroupIndex.pack`).
  var stored: [UInt64] = []
  /// Members this plan creates, as (group index << 32 | table user), each once.
  var new: [UInt64] = []
  /// Members nobody in Proxy stands for, the same way.
  var unprovisioned: [UInt64] = []
}

extension PlanBuilder {
  /// Memberships of pushed groups mirror the export, for people who exist in Proxy.
  ///
  /// Millions of memberships pass through here, so each is reduced to a pair of integers
  /// (group index, person id) once, and the sets compared are sets of those pairs.
  mutating func planMemberships(
    pushedByID: [OktaGroupID: OktaGroup], storedOktaIDs: [GroupID: OktaGroupID], unless reason: SkipReason?
  ) {
    let pushed = PushedGroupIndex(pushedByID)
    var wanted = wantedMemberships(pushed)
    skipUnprovisioned(wanted.unprovisioned, pushed)
    var lookup = StoredPeopleLookup(current.people)
    // Handed over, not copied: the comparison lets both lists go as soon as it has bucketed them.
    let wantedStored = wanted.stored
    wanted.stored = []
    var (addKeys, removeKeys) = membershipDifferences(
      consume wantedStored, storedMemberships(pushed, storedOktaIDs: storedOktaIDs, lookup: &lookup), groups: pushed.groups.count)
    // A membership record left out as invalid leaves its pair as it is: never a removal.
    let protectedRecords = desired.quarantinedMemberships
    if !protectedRecords.isEmpty {
      removeKeys.removeAll { key in
        let person = lookup.index(of: PersonID(Int64(key & 0xFF_FFFF_FFFF))).flatMap { current.people[$0].oktaUserID }
        return QuarantinedMembership.protects(protectedRecords, group: pushed.groups[Int(key >> 40)].id, user: person)
      }
    }
    // Members name their person by where the reference lives, so millions of them do not each
    // hold (and retain) a copy: a new member's is their user's in `provisioned`, a stored
    // person's in `storedRefs`.
    let (provisioned, ofMembershipUser) = (self.provisioned, numbers.ofMembershipUser)
    var adds: [Member] = []
    var storedRefs: [UserRef] = []
    adds.reserveCapacity(wanted.new.count)
    for key in wanted.new {
      let tableUser = Int32(truncatingIfNeeded: key)
      adds.append(Member(group: Int32(key >> 32), number: numbers.ofMembershipUser[Int(tableUser)], source: tableUser))
    }
    func stored(_ key: UInt64) -> Member? {
      guard let person = member(Int64(key & 0xFF_FFFF_FFFF), lookup: &lookup) else { return nil }
      storedRefs.append(person)
      let number = person.userID.flatMap(numbers.number(of:)).map(Int32.init) ?? -1
      return Member(group: Int32(key >> 40), number: number, source: -Int32(storedRefs.count))
    }
    adds += addKeys.compactMap(stored)
    let removes = options.mode == .sync ? removeKeys.compactMap(stored) : []
    func person(_ member: Member) -> UserRef {
      guard member.source >= 0 else { return storedRefs[Int(-member.source - 1)] }
      let number = ofMembershipUser[Int(member.source)]
      guard number >= 0, let ref = provisioned[Int(number)] else { preconditionFailure("a new member without a reference") }
      return ref
    }
    emitMemberships(adds: adds, removes: removes, pushed, memberCount: ofMembershipUser.count, unless: reason, person: person)
  }

  /// The export's memberships of pushed groups as integers: each distinct id is looked up once;
  /// after that a membership is two integers. A member is a stored person, someone created by
  /// this plan, or nobody.
  private func wantedMemberships(_ pushed: PushedGroupIndex) -> WantedMemberships {
    let table = desired.memberships
    let pushedIndex = table.groupIDs.map { pushed.index[$0] ?? -1 }
    let (isNew, isNobody): (Int64, Int64) = (-1, -2)
    var wanted = WantedMemberships()
    // Each table user's person as the plan names them; no copy of their references is kept.
    let memberPerson = numbers.ofMembershipUser.map { number -> Int64 in
      guard number >= 0, let ref = provisioned[Int(number)] else { return isNobody }
      return ref.personID?.rawValue ?? isNew
    }
    wanted.stored.reserveCapacity(table.count)
    var newMembers: [UInt64] = []
    var unprovisioned: [UInt64] = []
    for pair in table.pairs {
      let group = pushedIndex[Int(pair.group)]
      guard group >= 0 else { continue }
      switch memberPerson[Int(pair.user)] {
      case isNobody: unprovisioned.append(UInt64(group) << 32 | UInt64(pair.user))
      case isNew: newMembers.append(UInt64(group) << 32 | UInt64(pair.user))
      case let personID: wanted.stored.append(PushedGroupIndex.pack(group, personID))
      }
    }
    // Made unique group by group.
    wanted.new = Self.unique(newMembers, groups: pushed.groups.count, users: table.userIDs.count)
    if !unprovisioned.isEmpty { wanted.unprovisioned = Self.unique(unprovisioned, groups: pushed.groups.count, users: table.userIDs.count) }
    return wanted
  }

  /// Members nobody in Proxy stands for: skipped (`notProvisioned`); dangling references were
  /// reported by the reader.
  private mutating func skipUnprovisioned(_ keys: [UInt64], _ pushed: PushedGroupIndex) {
    guard !keys.isEmpty else { return }
    let table = desired.memberships
    // Their emails, found by user number in one pass over the users (no id hashing).
    var needed = [Bool](repeating: false, count: numbers.ids.count)
    for key in keys {
      let number = numbers.ofMembershipUser[Int(key & 0xFFFF_FFFF)]
      if number >= 0 { needed[Int(number)] = true }
    }
    var emails = [EmailAddress?](repeating: nil, count: numbers.ids.count)
    for position in desired.users.indices where needed[Int(numbers.ofPosition[position])] {
      emails[Int(numbers.ofPosition[position])] = desired.users[position].profile.email
    }
    for key in keys {
      let (userID, number) = (table.userIDs[Int(key & 0xFFFF_FFFF)], numbers.ofMembershipUser[Int(key & 0xFFFF_FFFF)])
      guard number >= 0, let email = emails[Int(number)] else { continue }
      skipped.append(Skip(.addMember(pushed.ref(Int32(key >> 32)), UserRef(userID: userID, email: email)), reason: .notProvisioned))
    }
  }

  /// The store's memberships of pushed groups, packed; those of users left out as invalid
  /// (quarantined) are left alone.
  private func storedMemberships(
    _ pushed: PushedGroupIndex, storedOktaIDs: [GroupID: OktaGroupID], lookup: inout StoredPeopleLookup
  ) -> [UInt64] {
    var pushedIndexOfStored: [GroupID: Int32] = [:]
    for (storedID, oktaID) in storedOktaIDs { if let index = pushed.index[oktaID] { pushedIndexOfStored[storedID] = index } }
    let quarantined = desired.quarantinedUserIDs
    var existing: [UInt64] = []
    existing.reserveCapacity(current.memberships.count)
    // Stored memberships come group by group: one lookup per run of a group.
    var pushedIndexOf = LastLookup(pushedIndexOfStored)
    for membership in current.memberships {
      guard let group = pushedIndexOf(membership.groupID) else { continue }
      if !quarantined.isEmpty, let index = lookup.index(of: membership.personID),
        let userID = current.people[index].oktaUserID, quarantined.contains(userID)
      {
        continue
      }
      existing.append(PushedGroupIndex.pack(group, membership.personID.rawValue))
    }
    return existing
  }

  /// The person as the plan names them: their provisioned reference (new email, new link) when
  /// there is one, else as the store has them.
  private func member(_ id: Int64, lookup: inout StoredPeopleLookup) -> UserRef? {
    guard let index = lookup.index(of: PersonID(id)) else { return nil }
    let person = current.people[index]
    if let userID = person.oktaUserID ?? adoptedOktaIDs[person.id], let ref = provisionedRef(userID), ref.personID == person.id {
      return ref
    }
    return UserRef(userID: person.oktaUserID, email: person.email, personID: person.id)
  }

  /// Adds the membership operations in the plan's own order (group id, then person), so the
  /// plan need not sort them; skipped all alike when `reason` holds them back.
  private mutating func emitMemberships(
    adds: [Member], removes: [Member], _ pushed: PushedGroupIndex, memberCount: Int, unless reason: SkipReason?,
    person: (Member) -> UserRef
  ) {
    let ranks = adds.isEmpty && removes.isEmpty ? [] : userRanks()
    let addOrder = inPlanOrder(adds, ranks: ranks, person: person)
    let removeOrder = inPlanOrder(removes, ranks: ranks, person: person)
    if let reason {
      for index in addOrder { add(.addMember(pushed.ref(adds[index].group), person(adds[index])), unless: reason) }
      for index in removeOrder { add(.removeMember(pushed.ref(removes[index].group), person(removes[index])), unless: reason) }
      return
    }
    // Every pushed group under its own index; each new member's reference once.
    for index in pushed.groups.indices { _ = memberships.add(pushed.ref(Int32(index))) }
    var personIndex = [UInt32?](repeating: nil, count: memberCount)
    func index(_ member: Member) -> UInt32 {
      guard member.source >= 0 else { return memberships.add(person(member)) }
      if let index = personIndex[Int(member.source)] { return index }
      let index = memberships.add(person(member))
      personIndex[Int(member.source)] = index
      return index
    }
    memberships.reserveAdds(adds.count)
    for position in addOrder {
      memberships.append(.addMember, group: UInt32(adds[position].group), person: index(adds[position]))
    }
    for position in removeOrder {
      memberships.append(.removeMember, group: UInt32(removes[position].group), person: index(removes[position]))
    }
  }

  /// A membership operation to be: group index, the person's user number (or -1), and where
  /// the person's reference is (see `planMemberships`).
  struct Member {
    var group: Int32
    var number: Int32
    var source: Int32
  }

  /// Sorted by group index (groups are indexed in id order), then person as plans order them.
  /// Export users are ordered by their rank in Okta id order, as integers: a bulk import has
  /// millions of these, and comparing ids as strings would cost a cache miss per comparison.
  /// The few others are compared in full and merged in.
  private func inPlanOrder(_ list: [Member], ranks: [Int32], person: (Member) -> UserRef) -> [Int] {
    var ranked: [(key: UInt64, index: Int)] = []
    var others: [Int] = []
    ranked.reserveCapacity(list.count)
    for index in list.indices {
      // New members are always linked; a stored person may not be.
      if list[index].number >= 0, list[index].source >= 0 || person(list[index]).userID != nil {
        ranked.append((UInt64(list[index].group) << 32 | UInt64(ranks[Int(list[index].number)]), index))
      } else {
        others.append(index)
      }
    }
    func precedes(_ a: Int, _ b: Int) -> Bool {
      list[a].group != list[b].group ? list[a].group < list[b].group : person(list[a]).precedes(person(list[b]))
    }
    ranked.sort { $0.key < $1.key }
    others.sort(by: precedes)
    var order: [Int] = []
    order.reserveCapacity(list.count)
    var next = others.makeIterator()
    var other = next.next()
    for (_, index) in ranked {
      while let pending = other, precedes(pending, index) {
        order.append(pending)
        other = next.next()
      }
      order.append(index)
    }
    while let pending = other {
      order.append(pending)
      other = next.next()
    }
    return order
  }

  /// Each export user's place in Okta id order, by user number. Exports usually list users in
  /// id order already; then one pass confirms it.
  private func userRanks() -> [Int32] {
    let users = desired.users
    var order = Array(users.indices)
    if !zip(users, users.dropFirst()).allSatisfy({ $0.id < $1.id }) { order = Self.idOrder(users) }
    var ranks = [Int32](repeating: 0, count: numbers.ids.count)
    for (rank, position) in order.enumerated() { ranks[Int(numbers.ofPosition[position])] = Int32(rank) }
    return ranks
  }
}

extension PlanBuilder {
  /// Positions of `users` in Okta id order (see `SortPrefix`).
  static func idOrder(_ users: [OktaUser]) -> [Int] { SortPrefix.order(count: users.count) { users[$0].id.rawValue } }

  /// Each (group << 32 | user) key once, group by group in linear time: a bulk import has
  /// five million, and sorting them only to drop repeats took a third of a second.
  static func unique(_ keys: [UInt64], groups: Int, users: Int) -> [UInt64] {
    let buckets = GroupBuckets(groups: groups, count: keys.count) { (Int(keys[$0] >> 32), Int32(truncatingIfNeeded: keys[$0])) }
    // The last group (plus one) each user was seen in: within a bucket, a repeat is seen twice.
    var seenIn = [Int32](repeating: 0, count: users)
    var result: [UInt64] = []
    result.reserveCapacity(keys.count)
    for group in 0..<groups {
      for user in buckets[group] where seenIn[Int(user)] != Int32(group + 1) {
        seenIn[Int(user)] = Int32(group + 1)
        result.append(UInt64(group) << 32 | UInt64(UInt32(user)))
      }
    }
    return result
  }
}
