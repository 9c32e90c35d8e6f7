import Foundation
import TestSupport
import Testing

@Suite struct ReportTests {
  static let snapshots = SampleCompanyTests.snapshots
  let day2 = "\(CLIHarness.samples)/day2"

  /// Reports name the export folder; golden files must not depend on where the repo lives.
  func portable(_ text: String) -> String { text.replacingOccurrences(of: repositoryRoot.path, with: "<repo>") }

  @Test func dayTwoHTMLReportMatchesTheGoldenFile() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("report.html")
    let result = cli.run("plan", "--source", day2, "--format", "html", "--out", file)
    #expect(result.out == "acme: 19 changes; report written to \(file)\n")
    let html = portable(try String(contentsOfFile: file, encoding: .utf8))
    #expect(html == golden("\(Self.snapshots)/day2-plan.html", html))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"), "no external assets")
  }

  @Test func dayTwoCSVMatchesTheGoldenFile() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let csv = cli.run("plan", "--source", day2, "--format", "csv").out
    #expect(csv == golden("\(Self.snapshots)/day2-plan.csv", csv))
  }

  @Test func hostileValuesAreTextInTheReport() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let name = #"<script>alert(1)</script>"#
    cli.directory.write("export/users.json", #"[{"id": "00u1\"><img src=x onerror=alert(2)>", "status": "ACTIVE", "profile": {"email": "a@example.com", "firstName": "\#(name)", "title": "=1+1 & <b>bold</b>\u001b[31m"}}]"#)
    cli.directory.write("export/app-users.json", #"[{"id": "00u1\"><img src=x onerror=alert(2)>"}]"#)
    cli.directory.write("export/groups.json", #"[{"id": "00g1", "profile": {"name": "</table><h1>pwned</h1>"}}]"#)
    for file in ["group-members", "app-groups"] { cli.directory.write("export/\(file).json", "[]") }
    let html = cli.run("plan", "--source", cli.directory.file("export"), "--format", "html").out
    #expect(html.components(separatedBy: "<script>").count == 2, "only the report's own script")
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&lt;/table&gt;&lt;h1&gt;pwned&lt;/h1&gt;"))
    #expect(html.contains("00u1&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
    #expect(!html.contains("<img") && !html.contains("<b>bold"))
    #expect(!html.contains("\u{1B}"))
  }

  @Test func runReportShowsWhatTheRunChangedWithBeforeAndAfter() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", day2)
    let html = cli.run("runs", "show", "run-8", "--format", "html").out
    #expect(html.contains("<title>proxysync run run-8 for acme</title>"))
    #expect(html.contains("Applied 19 changes."))
    #expect(html.contains("eve.moss@acme-robotics.example (00u1eve0000000000005)"))
    // Field by field, as the plan shows it: the old value struck through, the new one highlighted.
    #expect(html.contains(#"<span class="field">status</span> <del>active</del> → <ins>inactive</ins>"#))
    #expect(html.contains(#"<span class="field">cause</span> <del><i>none</i></del> → <ins>suspended</ins>"#))
    #expect(!html.contains("&quot;status&quot;"), "no raw JSON")
    let stable = Self.stable(html)
    #expect(stable == golden("\(SampleCompanyTests.snapshots)/day2-run.html", stable))
    #expect(html.contains("&quot;Sales EMEA&quot; (00g1sales00000000002) ← gia.park@acme-robotics.example"))
  }

  @Test func runShowListsTheChangesLikeThePlanCutUnlessFull() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.run("sync", "--source", day2)
    let text = Self.stable(cli.run("runs", "show", "run-8").out)
    #expect(text == golden("\(SampleCompanyTests.snapshots)/day2-run.txt", text))
    #expect(text.contains("Update people (3)"))
    #expect(text.contains(#"  - eve.moss@acme-robotics.example (00u1eve0000000000005)  status: "active" -> "inactive", cause: none -> "suspended""#), "\(text)")
    let big = CLIHarness()
    big.run("org", "create", "acme")
    big.environment["PROXYSYNC_ORG"] = "acme"
    let source = UnattendedTests().writeExport(big.directory, size: 60)
    big.run("sync", "--source", source)
    let cut = big.run("runs", "show", "run-2").out
    #expect(cut.contains("Create people (60)") && cut.contains("  … and 10 more (use --full)"), "\(cut)")
    #expect(!big.run("runs", "show", "run-2", "--full").out.contains("more (use --full)"))
  }

  /// A report without what differs between machines and runs: where the repository is, how long
  /// the run took.
  static func stable(_ report: String) -> String {
    report.replacingOccurrences(of: repositoryRoot.path, with: "REPO")
      .replacingOccurrences(of: #"[0-9]+\.[0-9]+ s\b"#, with: "D s", options: .regularExpression)
  }
}
