import ProxySyncCore
import Testing

/// The picture of the nights: one bar per run, marks on the runs that did not do their work,
/// every value escaped, as readable at a week as at a year.
@Suite struct RunsChartTests {
  /// `count` nightly runs, newest first (as the store lists them), with a refused, a held and a
  /// failed one among them.
  static func nights(_ count: Int, organization: String = "acme") -> [RunRecord] {
    (0..<count).map { night in
      let outcome: RunOutcome = night == 2 ? .refused : night == 3 ? .held : night == 5 ? .failed : .applied
      return RunRecord(
        id: RunID("run-\(count - night)"), organization: organization, command: "sync", source: "/exports/<night \(night)>",
        startedAt: Timestamp.iso8601(secondsSince1970: 1_800_000_000 - Int64(night) * 86_400), finishedAt: nil, outcome: outcome,
        counts: ["createUser": night % 4, "updateUser": 3, "deactivateUser": night % 7 == 0 ? 9 : 1, "addMember": 5, "guard.allowed": 5],
        message: nil, durationSeconds: 1 + Double(night % 5), ranBy: "ops")
    }
  }

  @Test(arguments: [7, 365])
  func oneBarARunWithItsMarksAndDatesThatThinOut(count: Int) {
    let page = RunRecord.html(Self.nights(count), organization: "acme", generatedAt: "2027-01-15T08:00:00Z")
    #expect(page.components(separatedBy: "<g class=\"bar ").count - 1 == count)
    #expect(page.contains("class=\"mark refused\"") && page.contains("class=\"mark held\"") && page.contains("class=\"mark failed\""))
    #expect(page.contains("<polyline points=") && page.contains("<svg class=\"chart\""))
    // The guard's limit on every bar (and once in the legend).
    #expect(page.components(separatedBy: "class=\"limit\"").count - 1 == count + 1)
    let dates = page.components(separatedBy: "text-anchor=\"middle\">").count - 1
    #expect(dates >= min(count, 7) && dates <= 10, "\(dates) date labels")
    // Oldest on the left: the first bar is the oldest run.
    let firstBar = page.range(of: "<g class=\"bar ").map { page[$0.upperBound...].prefix(200) } ?? ""
    #expect(firstBar.contains("run-1 sync"), "\(firstBar)")
  }

  @Test func everyValueIsEscaped() {
    var runs = Self.nights(3, organization: "<script>alert(1)</script>")
    runs[0].message = "\"><img src=x onerror=alert(2)>"
    let page = RunRecord.html(runs, organization: "<script>alert(1)</script>", generatedAt: "now")
    #expect(!page.contains("<script>alert(1)") && !page.contains("<img src=x") && !page.contains("<night"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("/exports/&lt;night 0&gt;"))
  }
}
