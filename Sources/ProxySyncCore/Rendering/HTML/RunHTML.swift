extension RunRecord {
  /// One recorded run as a self-contained HTML page (`runs show ID --format html`), from its
  /// record and the audit rows it wrote (all of them, or the first of each operation: the
  /// tables count the rest from the run's counts), and the operations it held for approval.
  package func html(audit: [AuditEntry], held: Plan? = nil, rowLimit: Int? = HTMLPage.rowLimit) -> String {
    var facts = [
      ("Run", id.rawValue), ("Organization", organization), ("Command", command), ("Ran by", ranBy ?? "-"), ("Source", source ?? "-"),
      ("Started", startedAt), ("Finished", finishedAt ?? "-"),
      ("Duration", durationSeconds.map { "\((($0 * 100).rounded() / 100)) s" } ?? "-"), ("Outcome", outcome.rawValue),
    ]
    if let manifest { facts.append(("Export manifest", manifest)) }
    if let message { facts.append(("Message", message)) }
    let changes = changeCount
    let banner: (String, Bool)? =
      switch outcome {
      case .refused, .failed: ("This run was \(outcome.rawValue): nothing was written. \(message ?? "")", true)
      case .applied: ("Applied \(changes) change\(changes == 1 ? "" : "s").", false)
      case .noChanges: ("Nothing to change.", false)
      case .held: ("Applied \(changes) change\(changes == 1 ? "" : "s"); \(message ?? "operations were held for approval")", true)
      }
    let cards = OperationKind.allCases.map {
      HTMLPage.Card(count: counts[$0.rawValue] ?? 0, label: $0.title, anchor: $0.rawValue, tone: $0.tone)
    } + counts.filter { $0.key.hasPrefix("skipped.") && $0.value > 0 }.sorted { $0.key < $1.key }.map {
      HTMLPage.Card(count: $0.value, label: $0.key.replacingAll(".", with: ": "), anchor: nil, tone: .skip)
    }
    var byOperation: [String: [AuditEntry]] = [:]
    for entry in audit { byOperation[entry.operation, default: []].append(entry) }
    // As the plan it applied reads: a section per kind, each change field by field, the old
    // value struck through and the new one highlighted.
    let sections = OperationKind.allCases.map { ($0.rawValue, $0.title, $0.tone) }
      + PersonChange.operations.map { ($0.operation, $0.title, $0.operation == PersonChange.addOperation ? HTMLPage.Tone.add : .change) }
    var tables = sections.compactMap { operation, title, tone -> HTMLPage.Table? in
      guard let entries = byOperation[operation] else { return nil }
      return HTMLPage.Table(
        anchor: operation, title: title, tone: tone, columns: ["Who or what", "Changes"],
        rows: entries.map { entry in
          let fields = AuditChange.fields(before: entry.before, after: entry.after)
          return [.text(entry.subject), .changes(fields.map { (field: $0.field, old: $0.old, new: $0.new) })]
        },
        total: counts[operation], elsewhere: "proxysync runs show --full lists every change; proxysync audit --person or --group one person's or group's")
    }
    for kind in OperationKind.allCases {
      guard let held else { break }
      let group = held.operations[held.operations.range(of: kind)]
      guard !group.isEmpty else { continue }
      tables.append(HTMLPage.Table(
        anchor: "held-\(kind.rawValue)", title: "Held for approval: \(kind.title)", tone: kind.tone, columns: kind.columns,
        rows: group.prefix(rowLimit ?? group.count).map(\.cells), total: group.count,
        elsewhere: "proxysync runs show \(id) --full lists every held operation"))
    }
    if !quarantined.isEmpty {
      tables.append(HTMLPage.Table(
        anchor: "quarantined", title: "Records left out as invalid", tone: .skip, columns: ["Problem"],
        rows: quarantined.map { [.code($0)] }))
    }
    return HTMLPage(title: "proxysync run \(id.rawValue) for \(organization)", facts: facts, banner: banner, cards: cards, tables: tables)
      .rendered()
  }
}
