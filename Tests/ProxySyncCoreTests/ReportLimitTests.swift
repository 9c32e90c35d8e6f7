import ProxySyncCore
import TestSupport
import Testing

/// HTML reports list a limited number of rows per table and say how many more there are.
@Suite struct ReportLimitTests {
  let plan = makePlan(desired: .directory { for index in 0..<5 { $0.user("u\(index)") } }, current: StoreSnapshot())
  let context = ReportContext(organization: "acme", source: "export", manifest: nil, generatedAt: "now")

  func people(_ html: String) -> Int { html.components(separatedBy: "<td><code>00u-u").count - 1 }

  @Test func planTablesStopAtTheLimitAndCountTheRest() {
    let cut = plan.html(context, rowLimit: 3)
    #expect(people(cut) == 3)
    #expect(cut.contains("<span class=\"count\">5</span>"))
    #expect(cut.contains("… and 2 more, not shown here"))
    let full = plan.html(context, rowLimit: nil)
    #expect(people(full) == 5)
    #expect(!full.contains("more, not shown here"))
  }

  @Test func runTablesCountFromTheRunsCounts() {
    let run = RunRecord(
      id: RunID("r"), organization: "acme", command: "import", source: nil, startedAt: "then", finishedAt: "then",
      outcome: .applied, counts: ["createUser": 5], message: nil)
    let shown = (0..<2).map {
      AuditEntry(runID: RunID("r"), time: "then", command: "import", operation: "createUser", subject: "u\($0)@example.com", before: nil, after: "{}")
    }
    let html = run.html(audit: shown)
    #expect(html.contains("Applied 5 changes."))
    #expect(html.contains("<span class=\"count\">5</span>"))
    #expect(html.contains("… and 3 more, not shown here: proxysync runs show --full lists every change"))
  }
}
