extension Plan {
  /// The plan for a terminal: summary, guard, one line per operation, then what was skipped.
  ///
  /// Every value from the export goes through `escapingControlCharacters`, so a name holding
  /// terminal escape sequences is shown, never obeyed.
  /// With `listing` false only the summary lines are shown, as `sync` prints them.
  package func text(organization: String, listing: Bool = true) -> String {
    var lines = [summaryLine(organization: organization)]
    guard !(operations.isEmpty && skipped.isEmpty && orphanedGroups.isEmpty) else { return lines[0] + "\n" }
    let counts = summary.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
    if !counts.isEmpty { lines.append("  " + counts.joined(separator: ", ")) }
    let skips = skippedSummary.map { "\($0.0.rawValue) \($0.1)" }
    if !skips.isEmpty { lines.append("  skipped: " + skips.joined(separator: ", ")) }
    lines.append("  guard: \(guardCheck.explanation)\(guardCheck.isTripped ? " — REFUSED without --force" : "")")
    guard listing else { return lines.joined(separator: "\n") + "\n" }

    if !operations.isEmpty {
      lines.append("")
      lines += operations.map { $0.textLine }
    }
    let listedSkips = skipped.filter { $0.reason != .notProvisioned }
    let unprovisioned = skipped.count - listedSkips.count
    if !skipped.isEmpty {
      lines.append("")
      lines.append("Skipped:")
      lines += listedSkips.map { "  \($0.operation.textLine.dropFirst(2)) [\($0.reason.rawValue)]" }
      if unprovisioned > 0 {
        lines.append("  \(unprovisioned) membership\(unprovisioned == 1 ? "" : "s") of people not provisioned to Proxy [notProvisioned]")
      }
    }
    if !orphanedGroups.isEmpty {
      lines.append("")
      lines.append("Orphaned groups (gone from the export; kept, not deleted):")
      lines += orphanedGroups.map { "  \(quoted($0.name)) (\($0.oktaGroupID?.rawValue ?? "no Okta id"))" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line: "acme: 7 changes" or "acme: no changes".
  package func summaryLine(organization: String) -> String {
    let name = organization.escapingControlCharacters()
    switch operations.count {
    case 0: return "\(name): no changes"
    case 1: return "\(name): 1 change"
    default: return "\(name): \(operations.count) changes"
    }
  }
}

extension Operation {
  /// `+` adds, `~` changes, `-` takes away; then the kind, who or what, and the details.
  var textLine: String {
    let name = kind.rawValue.padding(toLength: 14)
    switch self {
    case .createGroup(let group):
      return "+ \(name) \(quoted(group.name)) (\(group.id))"
    case .renameGroup(let group, let oldName, let newName, let description):
      var details = "name: \(quoted(oldName)) -> \(quoted(newName))"
      if let description { details += ", description: \(quoted(description.old)) -> \(quoted(description.new))" }
      return "~ \(name) \(quoted(group.name)) (\(group.groupID)): \(details)"
    case .updateGroup(let group, let description):
      return "~ \(name) \(quoted(group.name)) (\(group.groupID)): description: \(quoted(description.old)) -> \(quoted(description.new))"
    case .linkUser(let person, let userID):
      return "~ \(name) \(person.email.rawValue.escapingControlCharacters()) -> \(userID.rawValue.escapingControlCharacters())"
    case .createUser(let user):
      let fullName = [user.profile.firstName, user.profile.lastName].compactMap { $0 }.joined(separator: " ")
      let suffix = fullName.isEmpty ? "" : " \(quoted(fullName))"
      return "+ \(name) \(UserRef(userID: user.id, email: user.profile.email).text)\(suffix)"
    case .updateUser(let person, let changes):
      let details = changes.map { "\($0.field.rawValue): \(quoted($0.old)) -> \(quoted($0.new))" }
      return "~ \(name) \(person.text): \(details.joined(separator: ", "))"
    case .reactivateUser(let person):
      return "+ \(name) \(person.text)"
    case .addMember(let group, let person):
      return "+ \(name) \(quoted(group.name)) (\(group.groupID)) <- \(person.text)"
    case .removeMember(let group, let person):
      return "- \(name) \(quoted(group.name)) (\(group.groupID)) -> \(person.text)"
    case .deactivateUser(let person, let cause):
      return "- \(name) \(person.text): \(cause.rawValue)"
    }
  }
}

extension UserRef {
  /// "ann@example.com (00u1)", or just the email for people not linked to Okta.
  var text: String {
    let email = email.rawValue.escapingControlCharacters()
    return userID.map { "\(email) (\($0.rawValue.escapingControlCharacters()))" } ?? email
  }
}

/// A value in double quotes, control characters escaped; "none" when absent.
func quoted(_ value: String?) -> String {
  guard let value else { return "none" }
  return "\"" + value.escapingControlCharacters().replacingAll("\"", with: "\\\"") + "\""
}

extension String {
  func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }

  /// Foundation-free replacement, so the core stays standard-library only.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    guard contains(target) else { return self }
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
