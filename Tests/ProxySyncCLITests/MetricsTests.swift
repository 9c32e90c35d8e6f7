import Foundation
import TestSupport
import Testing

/// `--metrics-file`: what a run leaves for Prometheus, whatever its outcome, in one file that
/// several organizations and commands share.
@Suite struct MetricsTests {
  static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs promtool with `arguments`, the file `input` on its standard input; its exit status and
  /// everything it said.
  static func runPromtool(_ arguments: [String], input: String? = nil) throws -> (status: Int32, said: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(promtool))
    process.arguments = arguments
    if let input { process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input)) }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let said = String(decoding: process.finish(reading: [output])[0], as: UTF8.self)
    return (process.terminationStatus, said)
  }

  /// Durations vary from run to run; everything else is pinned.
  static func stable(_ text: String) -> String {
    text.replacingOccurrences(of: #"(_duration_seconds\{[^}]*\}) [0-9.e-]+"#, with: "$1 D", options: .regularExpression)
  }

  /// The sample company's second night, its metrics in `textfile/proxysync.prom`.
  func nights(refused: Bool = false) throws -> (CLIHarness, String) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("textfile/proxysync.prom")
    try FileManager.default.createDirectory(atPath: cli.directory.file("textfile"), withIntermediateDirectories: true)
    let limit = refused ? ["--max-deactivations", "1"] : []
    #expect(cli.run(["sync", "--source", "\(CLIHarness.samples)/day2", "--metrics-file", file] + limit).status == (refused ? 4 : 0))
    return (cli, file)
  }

  @Test func aSyncLeavesItsMetricsReadableByTheMonitoringUserAndPinned() throws {
    let (cli, file) = try nights()
    let text = try String(contentsOfFile: file, encoding: .utf8)
    defer { withExtendedLifetime(cli) {} }
    #expect(text.contains(#"proxysync_last_run_outcome{organization="acme",command="sync",outcome="applied"} 1"#))
    #expect(text.contains(#"proxysync_last_run_operations{organization="acme",command="sync",kind="deactivateUser"} 3"#))
    #expect(text.contains(#"proxysync_last_run_exit_status{organization="acme",command="sync"} 0"#))
    #expect(text.contains(#"proxysync_people{organization="acme",command="sync",status="active"} "#))
    #expect(!text.contains("@"), "no people in the metrics")
    var status = stat()
    #expect(stat(file, &status) == 0 && status.st_mode & 0o777 == 0o644)
    let stable = Self.stable(text)
    #expect(stable == golden("\(SampleCompanyTests.snapshots)/day2-metrics.prom", stable))
  }

  @Test func aRefusedRunAndAnotherOrganizationKeepTheirOwnLines() throws {
    let (cli, file) = try nights(refused: true)
    cli.run("org", "create", "globex")
    #expect(cli.run("sync", "--org", "globex", "--source", "\(CLIHarness.samples)/day1", "--metrics-file", file).status == 0)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains(#"proxysync_last_run_exit_status{organization="acme",command="sync"} 4"#), "\(text)")
    #expect(text.contains(#"proxysync_last_run_outcome{organization="acme",command="sync",outcome="refused"} 1"#))
    #expect(text.contains(#"proxysync_last_run_outcome{organization="globex",command="sync",outcome="applied"} 1"#))
    // The last success is still the night before; one HELP and TYPE per metric.
    #expect(text.contains(#"proxysync_last_success_timestamp_seconds{organization="acme",command="sync"} 1800000000"#))
    #expect(text.contains(#"proxysync_last_run_operations{organization="acme",command="sync",kind="deactivateUser"} 3"#), "what the guard stopped")
    #expect(text.components(separatedBy: "# TYPE proxysync_last_run_exit_status gauge").count == 2)
    #expect(text.split(separator: "\n").filter { $0.hasPrefix("proxysync_last_run_exit_status{") }.count == 2)
  }

  /// The same lines from either store.
  @Test(arguments: HoldTests.backends)
  func theMetricsReadTheSameOnEitherStore(backend: String) throws {
    let cli = backend == "sqlite" ? CLIHarness() : CLIHarness(store: try PostgresTestServer.newDatabase())
    cli.prepareSampleCompany()
    let file = cli.directory.file("proxysync.prom")
    #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--metrics-file", file).status == 0)
    let text = Self.stable(try String(contentsOfFile: file, encoding: .utf8))
    #expect(text == golden("\(SampleCompanyTests.snapshots)/day2-metrics.prom", text, recording: false), "\(backend)")
  }

  @Test(.enabled(if: promtool != nil, "needs Prometheus' promtool (Debian package prometheus; .ci/run installs it)"))
  func promtoolAcceptsTheFile() throws {
    let (cli, file) = try nights()
    cli.run("org", "create", "globex")
    cli.run("sync", "--org", "globex", "--source", "\(CLIHarness.samples)/day1", "--metrics-file", file)
    let (status, said) = try Self.runPromtool(["check", "metrics"], input: file)
    #expect(status == 0 && said.isEmpty, "\(said)")
  }

  @Test(.enabled(if: promtool != nil, "needs Prometheus' promtool (Debian package prometheus; .ci/run installs it)"))
  func theAlertRulesTheREADMEOffersAreValid() throws {
    let (status, said) = try Self.runPromtool(["check", "rules", repositoryRoot.appendingPathComponent("cron/proxysync-alerts.yml").path])
    #expect(status == 0, "\(said)")
    #expect(said.contains("SUCCESS: 2 rules found"), "\(said)")
  }

  @Test func aFetchLeavesItsFiguresBesideTheRunsAndKeepsItsLastSuccessWhenItFails() throws {
    let okta = try FakeOkta(people: 60)
    let (cli, file) = try nights()
    cli.environment["OKTA_API_TOKEN"] = FakeOkta.token
    let fetch = ["fetch", "--okta-url", okta.url, "--app-id", okta.appID, "--metrics-file", file]
    #expect(cli.run(fetch + ["--out", cli.directory.file("export1")]).status == 0)
    okta.fail("/api/v1/groups", status: 403, summary: "You do not have permission to perform the requested action")
    cli.now = cli.now.addingTimeInterval(86_400)
    #expect(cli.run(fetch + ["--out", cli.directory.file("export2")]).status == 1)
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let labels = #"{organization="127.0.0.1",command="fetch"}"#
    #expect(text.contains("proxysync_last_run_exit_status\(labels) 1"), "\(text)")
    #expect(text.contains("proxysync_last_run_timestamp_seconds\(labels) 1800086400"))
    #expect(text.contains("proxysync_last_success_timestamp_seconds\(labels) 1800000000"), "the success before the failure")
    let requests = text.split(separator: "\n").first { $0.hasPrefix("proxysync_fetch_requests\(labels) ") }
    #expect((requests?.split(separator: " ").last).flatMap { Int($0) }.map { $0 > 0 } == true, "\(text)")
    // The sync's lines are still there, untouched.
    #expect(text.contains(#"proxysync_last_run_exit_status{organization="acme",command="sync"} 0"#))
    if Self.promtool != nil {
      let (status, said) = try Self.runPromtool(["check", "metrics"], input: file)
      #expect(status == 0 && said.isEmpty, "\(said)")
    }
  }
}
