/// How the text plan is drawn.
package struct TextStyle: Sendable {
  /// ANSI colours and bold headings: only for a terminal, never with `NO_COLOR`.
  package var color = false
  /// Lines per section before "… and N more (use --full)"; nil shows everything.
  package var sectionLimit: Int? = 50

  package init(color: Bool = false, sectionLimit: Int? = 50) {
    self.color = color
    self.sectionLimit = sectionLimit
  }

  func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
  package func heading(_ text: String) -> String { paint(text, "1") }
  func marker(_ marker: Character) -> String {
    switch marker {
    case "+": paint("+", "32")
    case "-": paint("-", "31")
    default: paint(String(marker), "33")
    }
  }
}

extension Plan {
  /// The plan for a terminal: summary and guard first, then a section per operation kind,
  /// then what was skipped and why.
  ///
  /// Every value from the export goes through `escapingControlCharacters`, so a name holding
  /// terminal escape sequences is shown, never obeyed; colours come only from `style`.
  /// With `listing` false only the summary lines are shown, as `sync` prints them.
  package func text(organization: String, listing: Bool = true, style: TextStyle = TextStyle()) -> String {
    var lines = [style.heading(summaryLine(organization: organization))]
    guard !(operations.isEmpty && skipped.isEmpty && orphanedGroups.isEmpty) else { return lines[0] + "\n" }
    let counts = summary.filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
    if !counts.isEmpty { lines.append("  " + counts.joined(separator: ", ")) }
    let skips = skippedSummary.map { "\($0.0.rawValue) \($0.1)" }
    if !skips.isEmpty { lines.append("  skipped: " + skips.joined(separator: ", ")) }
    // Someone not provisioned night after night because their address is taken: on its own line.
    let conflicts = skipped.count { $0.reason == .emailConflict }
    if conflicts > 0 {
      lines.append("  email conflicts: \(conflicts) \(conflicts == 1 ? "change waits" : "changes wait") for an address another person keeps (see the warnings, or proxysync explain EMAIL)")
    }
    let verdict = guardCheck.isTripped ? style.paint(" — REFUSED without --force", "1;31") : ""
    lines.append("  guard: \(guardCheck.explanation)\(verdict)")
    guard listing else { return lines.joined(separator: "\n") + "\n" }

    // Operations are in kind order: each kind is one run. Only the lines shown are drawn; a
    // bulk import plan holds millions.
    for kind in OperationKind.allCases {
      let group = operations[operations.range(of: kind)]
      guard !group.isEmpty else { continue }
      lines.append("")
      lines.append(style.heading("\(kind.title) (\(group.count))"))
      lines += cut(group, style) { "  \(style.marker($0.textParts.marker)) \($0.textParts.text)" }
    }
    let listedSkips = skipped.filter { $0.reason != .notProvisioned }
    let unprovisioned = skipped.count - listedSkips.count
    if !skipped.isEmpty {
      lines.append("")
      lines.append(style.heading("Skipped (\(skipped.count))"))
      lines += cut(listedSkips, style) { "  \($0.operation.kind.rawValue) \($0.operation.textParts.text) [\($0.reason.rawValue)]" }
      if unprovisioned > 0 {
        lines.append("  \(unprovisioned) membership\(unprovisioned == 1 ? "" : "s") of people not provisioned to Proxy [notProvisioned]")
      }
    }
    if !orphanedGroups.isEmpty {
      lines.append("")
      lines.append(style.heading("Orphaned groups (\(orphanedGroups.count)): gone from the export; kept, not deleted"))
      lines += cut(orphanedGroups, style) { "  \(quoted($0.name)) (\(($0.oktaGroupID?.rawValue ?? "no Okta id").escapingControlCharacters()))" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The section's lines, drawn only for the items shown.
  private func cut<C: Collection>(_ items: C, _ style: TextStyle, _ line: (C.Element) -> String) -> [String] {
    guard let limit = style.sectionLimit, items.count > limit else { return items.map(line) }
    return items.prefix(limit).map(line) + ["  … and \(items.count - limit) more (use --full)"]
  }

  /// What a run did, in one line: the summary, or with operations held for approval, what was
  /// applied and what waits: "acme: 0 changes applied, 3 deactivations and 2 membership
  /// removals held for approval".
  package func outcomeLine(organization: String) -> String {
    guard let held else { return summaryLine(organization: organization) }
    let applied = operations.count == 1 ? "1 change" : "\(operations.count) changes"
    // Deactivations first: they are why anything was held.
    let waiting = held.plan.plan.summary.filter { $0.1 > 0 }.sorted { $0.0 == .deactivateUser && $1.0 != .deactivateUser }.map { kind, count in
      let noun = kind == .deactivateUser ? "deactivation" : kind == .removeMember ? "membership removal" : kind.rawValue
      return "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
    return "\(organization.escapingControlCharacters()): \(applied) applied, \(waiting.joined(separator: " and ")) held for approval"
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

extension OperationKind {
  /// The section heading for this kind.
  package var title: String {
    switch self {
    case .createGroup: "Create groups"
    case .renameGroup: "Rename groups"
    case .updateGroup: "Update group descriptions"
    case .linkUser: "Link people invited by hand"
    case .createUser: "Create people"
    case .updateUser: "Update people"
    case .reactivateUser: "Reactivate people"
    case .addMember: "Add group members"
    case .removeMember: "Remove group members"
    case .deactivateUser: "Deactivate people"
    }
  }
}

extension Operation {
  /// `+` adds, `~` changes, `-` takes away; then who or what, and the details.
  var textParts: (marker: Character, text: String) {
    switch self {
    case .createGroup(let group):
      return ("+", "\(quoted(group.name)) (\(group.id.rawValue.escapingControlCharacters()))")
    case .renameGroup(let group, let oldName, let newName, let description):
      var details = "name: \(quoted(oldName)) -> \(quoted(newName))"
      if let description { details += ", description: \(quoted(description.old)) -> \(quoted(description.new))" }
      return ("~", "\(group.text): \(details)")
    case .updateGroup(let group, let description):
      return ("~", "\(group.text): description: \(quoted(description.old)) -> \(quoted(description.new))")
    case .linkUser(let person, let userID):
      return ("~", "\(person.email.rawValue.escapingControlCharacters()) -> \(userID.rawValue.escapingControlCharacters())")
    case .createUser(let user):
      let fullName = [user.profile.firstName, user.profile.lastName].compactMap { $0 }.joined(separator: " ")
      return ("+", UserRef(userID: user.id, email: user.profile.email).text + (fullName.isEmpty ? "" : " \(quoted(fullName))"))
    case .updateUser(let person, let changes):
      let details = changes.map { "\($0.field.rawValue): \(quoted($0.old)) -> \(quoted($0.new))" }
      return ("~", "\(person.text): \(details.joined(separator: ", "))")
    case .reactivateUser(let person):
      return ("+", person.text)
    case .addMember(let group, let person):
      return ("+", "\(group.text) <- \(person.text)")
    case .removeMember(let group, let person):
      return ("-", "\(group.text) -> \(person.text)")
    case .deactivateUser(let person, let cause):
      return ("-", "\(person.text): \(cause.rawValue)")
    }
  }
}

extension GroupRef {
  /// `"Engineering" (00g1…)`.
  var text: String { "\(quoted(name)) (\(groupID.rawValue.escapingControlCharacters()))" }
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
  /// Foundation-free replacement, so the core stays standard-library only.
  func replacingAll(_ target: Character, with replacement: String) -> String {
    guard contains(target) else { return self }
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
