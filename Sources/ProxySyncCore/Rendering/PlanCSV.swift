extension Plan {
  /// The plan for spreadsheets: one row per operation, then one per skip (RFC 4180, CRLF).
  ///
  /// Columns: op, userId, groupId, email, name, field, old, new, cause, reason. An update
  /// with several changed fields gives one row per field. Every cell is neutralised against
  /// spreadsheet formulas, since names and titles come from the export.
  package func csv() -> String {
    var rows = [["op", "userId", "groupId", "email", "name", "field", "old", "new", "cause", "reason"]]
    for operation in operations { rows += operation.csvRows(reason: nil) }
    for skip in skipped { rows += skip.operation.csvRows(reason: skip.reason.rawValue) }
    return rows.map { $0.map(CSVCell.escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }
}

extension Operation {
  fileprivate func csvRows(reason: String?) -> [[String]] {
    func row(
      user: UserRef? = nil, group: GroupRef? = nil, userID: String? = nil, name: String? = nil,
      field: String = "", old: String? = nil, new: String? = nil, cause: String = ""
    ) -> [String] {
      [kind.rawValue, userID ?? user?.userID?.rawValue ?? "", group?.groupID.rawValue ?? "", user?.email.rawValue ?? "",
       name ?? group?.name ?? "", field, old ?? "", new ?? "", cause, reason ?? ""]
    }
    switch self {
    case .createGroup(let group):
      return [row(group: GroupRef(groupID: group.id, name: group.name), new: group.description)]
    case .renameGroup(let group, let oldName, let newName, let description):
      var rows = [row(group: group, field: "name", old: oldName, new: newName)]
      if let description { rows.append(row(group: group, field: "description", old: description.old, new: description.new)) }
      return rows
    case .updateGroup(let group, let description):
      return [row(group: group, field: "description", old: description.old, new: description.new)]
    case .linkUser(let person, let userID):
      return [row(user: person, userID: userID.rawValue)]
    case .createUser(let user):
      let name = [user.profile.firstName, user.profile.lastName].compactMap { $0 }.joined(separator: " ")
      return [row(user: UserRef(userID: user.id, email: user.profile.email), name: name)]
    case .updateUser(let person, let changes):
      return changes.map { row(user: person, field: $0.field.rawValue, old: $0.old, new: $0.new) }
    case .reactivateUser(let person):
      return [row(user: person)]
    case .deactivateUser(let person, let cause):
      return [row(user: person, cause: cause.rawValue)]
    case .addMember(let group, let person), .removeMember(let group, let person):
      return [row(user: person, group: group)]
    }
  }
}

/// One CSV cell, safe to open in a spreadsheet.
package enum CSVCell {
  /// Prefixes `'` to text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR),
  /// then quotes the cell when it holds a comma, quote or line break.
  package static func escape(_ value: String) -> String {
    var cell = value
    if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
      cell = "'" + cell
    }
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
    return "\"" + cell.replacingAll("\"", with: "\"\"") + "\""
  }
}
