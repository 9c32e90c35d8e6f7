extension RunRecord {
  /// One recorded run for a terminal (`runs show ID`): what, when and how it ended, then its
  /// changes as a plan lists them, a section per kind, each cut like the plan's text.
  ///
  /// `audit` is the run's audit entries (or the first of each operation: section counts come
  /// from the run's own counts); then the operations it held for approval, if any.
  package func text(audit: [AuditEntry], held: Plan? = nil, style: TextStyle = TextStyle()) -> String {
    var lines = [style.heading("run \(id)"), "organization: \(organization)", "command: \(command)", "ran by: \(ranBy ?? "-")",
      "source: \(source ?? "-")",
      "started: \(startedAt)", "finished: \(finishedAt ?? "-")",
      "duration: \(durationSeconds.map { "\((($0 * 100).rounded() / 100)) s" } ?? "-")", "outcome: \(outcome.rawValue)"]
    if let manifest { lines.append("manifest: \(manifest)") }
    if let message { lines.append("message: \(message)") }
    if !quarantined.isEmpty { lines += ["quarantined:"] + quarantined.map { "  \($0)" } }
    let kinds = (OperationKind.allCases.map(\.rawValue) + PersonChange.operations.map(\.operation)).filter { (counts[$0] ?? 0) > 0 }
      .map { "\($0) \(counts[$0] ?? 0)" }
    if !kinds.isEmpty { lines.append("changes: " + kinds.joined(separator: ", ")) }
    let skips = counts.filter { $0.key.hasPrefix("skipped.") && $0.value > 0 }.sorted { $0.key < $1.key }
      .map { "\($0.key.dropFirst("skipped.".count)) \($0.value)" }
    if !skips.isEmpty { lines.append("skipped: " + skips.joined(separator: ", ")) }

    var byOperation: [String: [AuditEntry]] = [:]
    for entry in audit { byOperation[entry.operation, default: []].append(entry) }
    let sections = OperationKind.allCases.map { ($0.title, $0.rawValue, $0.marker) }
      + PersonChange.operations.map { ($0.title, $0.operation, Character($0.operation == PersonChange.addOperation ? "+" : "~")) }
    for (title, operation, marker) in sections {
      guard let entries = byOperation[operation] else { continue }
      let total = max(counts[operation] ?? 0, entries.count)
      lines.append("")
      lines.append(style.heading("\(title) (\(total))"))
      let limit = style.sectionLimit ?? entries.count
      lines += entries.prefix(limit).map { "  \(style.marker(marker)) \($0.changeText)" }
      if total > min(limit, entries.count) { lines.append("  … and \(total - min(limit, entries.count)) more (use --full)") }
    }
    for kind in OperationKind.allCases {
      guard let held else { break }
      let group = held.operations[held.operations.range(of: kind)]
      guard !group.isEmpty else { continue }
      lines.append("")
      lines.append(style.heading("Held for approval: \(kind.title) (\(group.count))"))
      let limit = style.sectionLimit ?? group.count
      lines += group.prefix(limit).map { "  \(style.marker($0.textParts.marker)) \($0.textParts.text)" }
      if group.count > limit { lines.append("  … and \(group.count - limit) more (use --full)") }
    }
    return lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n"
  }
}

extension AuditEntry {
  /// "ann@example.com (00u1)  title: "Engineer" -> "CTO"": who, and field by field what changed
  /// (a created person or group shows only who; a membership names group and person).
  package var changeText: String {
    let isCreate = operation == OperationKind.createUser.rawValue || operation == OperationKind.createGroup.rawValue
    let fields = isCreate ? [] : AuditChange.fields(before: before, after: after)
    guard !fields.isEmpty else { return subject }
    return subject + "  " + fields.map { "\($0.field): \(quoted($0.old)) -> \(quoted($0.new))" }.joined(separator: ", ")
  }
}

extension OperationKind {
  /// The sign a listing shows: `+` adds, `~` changes, `-` takes away.
  var marker: Character {
    switch self {
    case .createGroup, .createUser, .reactivateUser, .addMember: "+"
    case .renameGroup, .updateGroup, .linkUser, .updateUser: "~"
    case .removeMember, .deactivateUser: "-"
    }
  }
}
