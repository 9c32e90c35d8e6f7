/// What the HTML report says about where the plan came from.
package struct ReportContext: Sendable {
  package var organization: String
  package var source: String
  package var manifest: ExportManifest?
  package var generatedAt: String

  package init(organization: String, source: String, manifest: ExportManifest?, generatedAt: String) {
    self.organization = organization
    self.source = source
    self.manifest = manifest
    self.generatedAt = generatedAt
  }
}

extension Plan {
  /// The plan as one self-contained HTML page (`plan --format html --out report.html`), each
  /// section cut at `rowLimit` rows (nil: every row).
  package func html(_ context: ReportContext, rowLimit: Int? = HTMLPage.rowLimit) -> String {
    var facts = [("Organization", context.organization), ("Export", context.source)]
    if let manifest = context.manifest {
      facts += [("Okta org", "\(manifest.oktaOrg) (app \(manifest.appID))"), ("Exported at", manifest.exportedAt)]
    } else {
      facts.append(("Okta org", "unknown: the export has no manifest.json"))
    }
    facts.append(("Generated", context.generatedAt))
    let banner = guardCheck.isTripped
      ? ("Guard: \(guardCheck.explanation) — a sync would be REFUSED without --force", true)
      : ("Guard: \(guardCheck.explanation) — within the limit", false)

    var cards = summary.map { HTMLPage.Card(count: $0.1, label: $0.0.title, anchor: $0.0.rawValue, tone: $0.0.tone) }
    cards += skippedSummary.map { HTMLPage.Card(count: $0.1, label: "skipped: \($0.0.rawValue)", anchor: "skipped", tone: .skip) }
    if !orphanedGroups.isEmpty {
      cards.append(HTMLPage.Card(count: orphanedGroups.count, label: "orphaned groups", anchor: "orphaned", tone: .neutral))
    }

    let elsewhere = "proxysync plan --format html --full shows every row, --format csv lists them"
    func shown<C: Collection>(_ items: C) -> C.SubSequence { items.prefix(rowLimit ?? items.count) }
    var tables = OperationKind.allCases.compactMap { kind -> HTMLPage.Table? in
      let group = operations[operations.range(of: kind)]
      guard !group.isEmpty else { return nil }
      return HTMLPage.Table(
        anchor: kind.rawValue, title: kind.title, tone: kind.tone, columns: kind.columns, rows: shown(group).map(\.cells),
        total: group.count, elsewhere: elsewhere)
    }
    if !skipped.isEmpty {
      tables.append(HTMLPage.Table(
        anchor: "skipped", title: "Skipped", tone: .skip, columns: ["Operation", "What", "Reason"],
        rows: shown(skipped).map { [.code($0.operation.kind.rawValue), .text($0.operation.textParts.text), .text($0.reason.explanation)] },
        total: skipped.count, elsewhere: elsewhere))
    }
    if !orphanedGroups.isEmpty {
      tables.append(HTMLPage.Table(
        anchor: "orphaned", title: "Orphaned groups (gone from the export; kept, not deleted)", tone: .neutral,
        columns: ["Group", "Okta id"], rows: orphanedGroups.map { [.text($0.name), .code($0.oktaGroupID?.rawValue ?? "")] }))
    }
    return HTMLPage(
      title: "proxysync plan for \(context.organization): \(operations.count) change\(operations.count == 1 ? "" : "s")",
      facts: facts, banner: banner, cards: cards, tables: tables
    ).rendered()
  }
}

extension SkipReason {
  /// The reason in words, for the report.
  package var explanation: String {
    switch self {
    case .pending: "pending: Proxy cannot deactivate a person who has not accepted the invite; retried next run"
    case .admin: "admin: a sync never changes an organization admin"
    case .emailConflict: "emailConflict: another person already has this email"
    case .notProvisioned: "notProvisioned: this person is not in Proxy"
    case .disabled: "disabled: this kind of change is switched off"
    }
  }
}

extension OperationKind {
  var tone: HTMLPage.Tone {
    switch self {
    case .createGroup, .createUser, .reactivateUser, .addMember: .add
    case .renameGroup, .updateGroup, .linkUser, .updateUser: .change
    case .removeMember, .deactivateUser: .remove
    }
  }

  var columns: [String] {
    switch self {
    case .createGroup: ["Group", "Okta id", "Description"]
    case .renameGroup, .updateGroup: ["Group", "Okta id", "Changes"]
    case .linkUser: ["Person (invited by hand)", "Okta id to link"]
    case .createUser: ["Email", "Okta id", "Name, title, department"]
    case .updateUser: ["Email", "Okta id", "Changes"]
    case .reactivateUser: ["Email", "Okta id"]
    case .deactivateUser: ["Email", "Okta id", "Cause"]
    case .addMember, .removeMember: ["Group", "Person", "Okta ids"]
    }
  }
}

extension Operation {
  /// The report's cells for this operation, matching `OperationKind.columns`.
  var cells: [HTMLPage.Cell] {
    switch self {
    case .createGroup(let group):
      return [.text(group.name), .code(group.id.rawValue), .text(group.description ?? "")]
    case .renameGroup(let group, let oldName, let newName, let description):
      var changes = [(field: "name", old: Optional(oldName), new: Optional(newName))]
      if let description { changes.append((field: "description", old: description.old, new: description.new)) }
      return [.text(group.name), .code(group.groupID.rawValue), .changes(changes)]
    case .updateGroup(let group, let description):
      return [.text(group.name), .code(group.groupID.rawValue), .changes([(field: "description", old: description.old, new: description.new)])]
    case .linkUser(let person, let userID):
      return [.text(person.email.rawValue), .code(userID.rawValue)]
    case .createUser(let user):
      let p = user.profile
      let name = [[p.firstName, p.lastName].compactMap { $0 }.joined(separator: " "), p.title ?? "", p.department ?? ""]
        .filter { !$0.isEmpty }.joined(separator: " · ")
      return [.text(p.email.rawValue), .code(user.id.rawValue), .text(name)]
    case .updateUser(let person, let changes):
      return [.text(person.email.rawValue), .code(person.userID?.rawValue ?? ""),
              .changes(changes.map { (field: $0.field.rawValue, old: $0.old, new: $0.new) })]
    case .reactivateUser(let person):
      return [.text(person.email.rawValue), .code(person.userID?.rawValue ?? "")]
    case .deactivateUser(let person, let cause):
      return [.text(person.email.rawValue), .code(person.userID?.rawValue ?? ""), .text(cause.rawValue)]
    case .addMember(let group, let person), .removeMember(let group, let person):
      return [.text(group.name), .text(person.email.rawValue), .code("\(group.groupID.rawValue) · \(person.userID?.rawValue ?? "not linked")")]
    }
  }
}
