extension RunRecord {
  /// The nights of an organization as a page (`runs list --format html`): a chart of the last
  /// runs (`RunsChart`), then their table. `runs` newest first, as the store lists them.
  package static func html(_ runs: [RunRecord], organization: String, generatedAt: String) -> String {
    let shown = runs.filter { !$0.isByHand }
    var page = HTMLPage(
      title: "proxysync runs of \(organization)",
      facts: [("Organization", organization), ("Runs", "\(shown.count) (changes by hand left out)"), ("Generated", generatedAt)],
      banner: nil,
      cards: RunOutcome.allCases.map { outcome in
        HTMLPage.Card(
          count: shown.count { $0.outcome == outcome }, label: outcome.rawValue, anchor: nil,
          tone: !outcome.isSuccess ? .remove : outcome == .held ? .change : .add)
      },
      tables: [
        HTMLPage.Table(
          anchor: "runs", title: "Runs", tone: .neutral,
          columns: ["Run", "Command", "Started", "Duration", "Outcome", "Changes", "Ran by", "Source"],
          rows: shown.map { run in
            [
              .code(run.id.rawValue), .text(run.command), .text(run.startedAt),
              .text(run.durationSeconds.map { "\((($0 * 100).rounded() / 100)) s" } ?? "-"), .text(run.outcome.rawValue),
              .text("\(run.changeCount)"), .text(run.ranBy ?? "-"), .text(run.source ?? "-"),
            ]
          })
      ])
    page.figure = RunsChart.svg(shown.reversed(), escape: page.escape)
    return page.rendered()
  }
}
