import ProxySyncCore

extension ExportRecords {
  /// The usual cause of memberships naming users the export does not have.
  static let deprovisionedMembersHint = """
    Okta leaves DEPROVISIONED users out of its user listing unless asked (filter=status eq "DEPROVISIONED"), \
    but keeps them in group member listings: add those users to the users file, or save the member listings \
    as Okta returns them (group-members/<groupId>.json, whole User objects), which say who is deprovisioned
    """

  /// Cross-checks the records (unique ids and emails, resolvable references) into a snapshot
  /// that leaves out every record with a problem.
  consuming func assemble() -> ExportReadResult {
    var problems = diagnostics
    var snapshot = DirectorySnapshot()
    var rejectedUsers = rejectedUserIDs
    var rejectedGroups = rejectedGroupIDs

    var index = userIndex ?? UserIndex(users: users, sources: userSources)
    // Members Okta's user listing leaves out (DEPROVISIONED) are known users: the member
    // listing's User object stands in for the users file's record.
    for (user, source) in membersOnlyListed where index.record(of: user.id) == nil && !rejectedUsers.contains(user.id) {
      users.append(user)
      userSources.append(source)
      index.add(at: users.count - 1, of: users, sources: userSources)
    }
    problems += index.problems
    rejectedUsers.formUnion(index.rejected)
    var groupNumbers: [OktaGroupID: Int] = [:]
    // Every user left out above had their id refused; the array is shared, not copied.
    snapshot.users = users

    for (index, (group, source)) in groups.enumerated() {
      if let first = groupNumbers[group.id] {
        rejectedGroups.insert(group.id)
        problems.append(.recordError(at: source, "duplicate group id \"\(group.id)\" (first seen \(groups[first].1.describe(from: source)))"))
        continue
      }
      groupNumbers[group.id] = index
      snapshot.groups.append(group)
    }

    // A reference to a refused record is not a second problem: fixing the record fixes both.
    func checkUser(_ id: OktaUserID, _ source: SourceLine, _ what: String) -> Bool {
      guard index.record(of: id) == nil else { return true }
      if rejectedUsers.contains(id) || unreadable.contains(.users) { return false }
      problems.append(.recordError(at: source, "\(what) names user \"\(id)\", which is not in the users file"))
      return false
    }
    func checkGroup(_ id: OktaGroupID, _ source: SourceLine, _ what: String) -> Bool {
      guard groupNumbers[id] == nil else { return true }
      if rejectedGroups.contains(id) || unreadable.contains(.groups) { return false }
      problems.append(.recordError(at: source, "\(what) names group \"\(id)\", which is not in the groups file"))
      return false
    }

    // Each distinct id the memberships name is checked once; after that a row is two numbers.
    // Repeated pairs are found group by group (`MembershipRows.duplicates`), not by hashing
    // millions of pairs; the first wins and later ones are warned about in line order.
    // Held once, so the rows' id tables can go as soon as they have been read (peak memory).
    var rows = memberships
    memberships = MembershipRows()
    let rowGroupIDs = rows.groups.strings().map(OktaGroupID.init)
    let groupKnown = rowGroupIDs.map { groupNumbers[$0] != nil }
    // Known users take the id string their user already has: a million fewer strings.
    let rowUserRecords = index.records(ofIDsIn: rows.users)  // -1: not among the users
    let rowUserIDs = rowUserRecords.indices.map { number in
      rowUserRecords[number] >= 0
        ? users[Int(rowUserRecords[number])].id : OktaUserID(rows.users.withBytes(of: number) { String(decoding: $0, as: UTF8.self) })
    }
    let userKnown = rowUserRecords.map { $0 >= 0 }
    let membershipProblemsStart = problems.count
    rows.forgetIDs()
    var keep = [Bool](repeating: true, count: rows.count)
    var membersNotInUsers = false
    var leftOut = leftOutMemberships
    for (index, pair) in rows.pairs.enumerated() where !groupKnown[Int(pair.group)] || !userKnown[Int(pair.user)] {
      keep[index] = false
      leftOut.append(QuarantinedMembership(groupID: rowGroupIDs[Int(pair.group)], userID: rowUserIDs[Int(pair.user)]))
      let source = rows.source(of: index)
      if !groupKnown[Int(pair.group)] { _ = checkGroup(rowGroupIDs[Int(pair.group)], source, "membership") }
      if !userKnown[Int(pair.user)] {
        let problemsBefore = problems.count
        _ = checkUser(rowUserIDs[Int(pair.user)], source, "membership")
        membersNotInUsers = membersNotInUsers || problems.count > problemsBefore
      }
    }
    // The first of equal pairs wins; later ones are warned about.
    for (index, first) in rows.duplicates(among: keep, users: rowUserIDs.count, groups: rowGroupIDs.count) {
      keep[index] = false
      let source = rows.source(of: index)
      let (user, group) = (rowUserIDs[Int(rows.pairs[index].user)], rowGroupIDs[Int(rows.pairs[index].group)])
      problems.append(.warning(at: source,
        "duplicate membership of user \"\(user)\" in group \"\(group)\" (first seen \(rows.source(of: first).describe(from: source))); counted once"))
    }
    // Errors and warnings about memberships, back in file and line order.
    let membershipProblems = problems[membershipProblemsStart...].enumerated().sorted {
      ($0.element.file, $0.element.line ?? 0, $0.offset) < ($1.element.file, $1.element.line ?? 0, $1.offset)
    }.map(\.element)
    problems.replaceSubrange(membershipProblemsStart..., with: membershipProblems)

    // Each distinct assigned id is matched to its user once; rows are numbers after that.
    let assignedIDs = appUsers.ids
    let assignedUser = index.records(ofIDsIn: assignedIDs).map { $0 >= 0 ? Int($0) : nil }
    func assignedID(_ row: Int) -> OktaUserID {
      OktaUserID(appUsers.ids.withBytes(of: Int(appUsers.numbers[row])) { String(decoding: $0, as: UTF8.self) })
    }
    var assignedAlready = [Bool](repeating: false, count: users.count)
    for row in 0..<appUsers.count {
      guard let number = assignedUser[Int(appUsers.numbers[row])] else {
        _ = checkUser(assignedID(row), appUsers.sources[row], "app assignment")
        continue
      }
      if assignedAlready[number] {
        let source = appUsers.sources[row]
        problems.append(.warning(at: source, "user \"\(assignedID(row))\" is assigned twice; counted once"))
      } else {
        assignedAlready[number] = true
      }
    }
    for (id, source) in appGroups where checkGroup(id, source, "app group assignment") {
      if !snapshot.assignedGroupIDs.insert(id).inserted {
        problems.append(.warning(at: source, "group \"\(id)\" is assigned twice; counted once"))
      }
    }

    // A user named by a left-out membership or assignment may have lost their app through it:
    // they are left as they are, like a user whose own record was left out. A left-out record
    // naming nobody, or an assigned group left out, leaves nobody's assignment certain.
    for record in leftOut { if let user = record.userID { rejectedUsers.insert(user) } }
    let assignmentsComplete = assignmentsComplete && !leftOut.contains { $0.userID == nil }
      && rejectedGroups.isDisjoint(with: snapshot.assignedGroupIDs)
    if !rejectedUsers.isEmpty { snapshot.users.removeAll { rejectedUsers.contains($0.id) } }
    // Memberships of refused users and groups go too; the id lists may keep names nobody uses.
    let userRejected = rejectedUsers.isEmpty ? nil : rowUserIDs.map(rejectedUsers.contains)
    let groupRejected = rejectedGroups.isEmpty ? nil : rowGroupIDs.map(rejectedGroups.contains)
    // Usually every row stays, and the rows' array becomes the table's without a copy.
    var kept = rows.pairs
    if userRejected != nil || groupRejected != nil || keep.contains(false) {
      var keptCount = 0
      for (index, pair) in rows.pairs.enumerated()
      where keep[index] && userRejected?[Int(pair.user)] != true && groupRejected?[Int(pair.group)] != true {
        kept[keptCount] = pair
        keptCount += 1
      }
      kept.removeSubrange(keptCount...)
    }
    snapshot.memberships = MembershipTable(userIDs: rowUserIDs, groupIDs: rowGroupIDs, pairs: kept)
    // A flag per user while the users stay as they are (the planner's numbering uses the same).
    if rejectedUsers.isEmpty {
      snapshot.directAssignments = .byPosition(assignedAlready)
    } else {
      snapshot.assignedUserIDs = Set(users.indices.lazy.filter { assignedAlready[$0] }.map { users[$0].id }).subtracting(rejectedUsers)
    }
    snapshot.assignedGroupIDs.subtract(rejectedGroups)
    if !rejectedGroups.isEmpty { snapshot.groups.removeAll { rejectedGroups.contains($0.id) } }
    snapshot.quarantinedMemberships = leftOut
    snapshot.assignmentsComplete = assignmentsComplete
    snapshot.unexportedFields = unexportedFields
    snapshot.groupDescriptionsExported = groupDescriptionsExported
    snapshot.quarantinedUserIDs = rejectedUsers
    snapshot.quarantinedGroupIDs = rejectedGroups
    var result = ExportReadResult(partialSnapshot: snapshot, diagnostics: problems)
    if membersNotInUsers { result.hints.append(Self.deprovisionedMembersHint) }
    if rejectedUsers.isEmpty {
      // Every user was kept in place: their numbers are their positions, and planning can use
      // the numbering built here.
      result.userNumbers = UserNumbers(
        ids: index.ids, ofPosition: (0..<UInt32(users.count)).map { $0 }, ofMembershipUser: rowUserRecords,
        directlyAssigned: assignedAlready)
    }
    return result
  }
}

extension SourceLine {
  /// "on line 3", or "in users/page-1.json:3" when the first sighting was in another file
  /// ("record 4", "in users/page-1.json:1 record 4" in files whose records share a line).
  func describe(from other: SourceLine) -> String {
    let place = record.map { "record \($0)" } ?? "on line \(line)"
    return file == other.file ? place : "in \(file):\(line)\(record.map { " record \($0)" } ?? "")"
  }
}
