import Foundation
import TestSupport
import Testing

@Suite struct TextOutputTests {
  let day2 = "\(CLIHarness.samples)/day2"

  @Test func coloursOnlyOnATerminal() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(!cli.run("plan", "--source", day2).out.contains("\u{1B}["))
    cli.terminal = true
    let colored = cli.run("plan", "--source", day2).out
    #expect(colored.contains("\u{1B}[32m+\u{1B}[0m"))
    #expect(colored.contains("\u{1B}[1mDeactivate people (3)\u{1B}[0m"))
  }

  @Test(arguments: [["NO_COLOR": "1"], ["NO_COLOR": ""], ["TERM": "dumb"]])
  func noColourWhenAskedNotTo(environment: [String: String]) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.terminal = true
    cli.environment.merge(environment) { $1 }
    #expect(!cli.run("plan", "--source", day2).out.contains("\u{1B}["))
  }

  @Test func longSectionsAreCutUnlessFull() {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let users = (0..<60).map { #"{"id": "00u\#($0)", "status": "ACTIVE", "profile": {"email": "p\#($0)@example.com"}}"# }
    cli.directory.write("export/users.json", "[" + users.joined(separator: ",") + "]")
    cli.directory.write("export/app-users.json", "[" + (0..<60).map { #"{"id": "00u\#($0)"}"# }.joined(separator: ",") + "]")
    for file in ["groups", "group-members", "app-groups"] { cli.directory.write("export/\(file).json", "[]") }
    let cut = cli.run("plan", "--source", cli.directory.file("export")).out
    #expect(cut.contains("  … and 10 more (use --full)"))
    #expect(cut.split(separator: "\n").filter { $0.hasPrefix("  + ") }.count == 50)
    let full = cli.run("plan", "--source", cli.directory.file("export"), "--full").out
    #expect(full.split(separator: "\n").filter { $0.hasPrefix("  + ") }.count == 60)
    #expect(!full.contains("more (use --full)"))
  }
}

@Suite struct ExplainCommandTests {
  @Test func explainWritesNothingAndAnswersForTheSamples() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let people = cli.run("people", "list", "--format", "json").out
    let result = cli.run("explain", "--source", "\(CLIHarness.samples)/day2", "finn.ode@acme-robotics.example")
    #expect(result.status == 0)
    #expect(result.out.contains("skipped deactivateUser finn.ode@acme-robotics.example (00u1fin0000000000006): deprovisioned: pending"))
    #expect(cli.run("people", "list", "--format", "json").out == people)
    #expect(cli.run("explain", "--source", "\(CLIHarness.samples)/day2", "nobody@example.com").status == 1)
  }
}

@Suite struct ProgressTests {
  let day2 = "\(CLIHarness.samples)/day2"

  @Test func progressIsDrawnOnATerminalAndCleared() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.terminal = true
    let result = cli.run("sync", "--source", day2)
    #expect(result.err.contains("\r\u{1B}[Kreading \(day2): "))
    #expect(result.err.contains("\r\u{1B}[Kapplying: "))
    #expect(result.err.hasSuffix("\r\u{1B}[K") || result.err.contains("\r\u{1B}[K\n") || result.err.contains("\r\u{1B}[Kproxysync"))
    #expect(!result.out.contains("\r"), "progress never goes to standard output")
  }

  @Test(arguments: [[String](), ["--quiet"], ["--log-format", "json"]])
  func noProgressWhenPipedQuietOrLoggingJSON(extra: [String]) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.terminal = !extra.isEmpty
    let result = cli.run(["plan", "--source", day2] + extra)
    #expect(!result.err.contains("\r"))
  }
}

@Suite struct ApplyProgressTests {
  @Test func applyingASavedPlanShowsProgressOnATerminalOnly() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("plan.json")
    cli.run("plan", "--source", "\(CLIHarness.samples)/day2", "--out", file)
    cli.terminal = true
    let shown = cli.run("apply", file)
    #expect(shown.status == 0)
    #expect(shown.err.contains("\r\u{1B}[Kapplying: "))
    #expect(!shown.out.contains("\r"))
  }
}
