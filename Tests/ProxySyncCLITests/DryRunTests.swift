import Foundation
import TestSupport
import Testing

/// `sync --dry-run` and `import --dry-run`: the plan that command would apply, never a write.
@Suite struct DryRunTests {
  let day2 = "\(CLIHarness.samples)/day2"

  @Test(arguments: ["text", "json", "csv", "html"])
  func aDryRunPrintsWhatTheCommandThenDoesAndWritesNothing(format: String) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let bytes = cli.storeBytes()
    let runs = cli.run("runs", "list").out
    let preview = cli.run("sync", "--source", day2, "--dry-run", "--format", format, "--force")
    #expect(preview.status == 0, "\(preview.err)")
    #expect(cli.storeBytes() == bytes, "a dry run must not write")
    #expect(cli.run("runs", "list").out == runs)
    #expect(preview.out == cli.run("plan", "--source", day2, "--format", format, "--force").out)
    let sync = cli.run("sync", "--source", day2, "--format", "json", "--force")
    #expect(sync.status == 0)
    if format == "json" { #expect(preview.out == sync.out) }
  }

  @Test func aDryRunExitsAsPlanDoes() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(cli.run("sync", "--source", day2, "--dry-run", "--detailed-exitcode", "--force").status == 3)
    #expect(cli.run("sync", "--source", day2, "--dry-run", "--max-deactivations", "0").status == 4)
    cli.run("sync", "--source", day2, "--force")
    #expect(cli.run("sync", "--source", day2, "--dry-run", "--detailed-exitcode").status == 0)
    #expect(cli.run("import", "--source", day2, "--dry-run", "--nonsense").status == 2)
  }

  @Test func anImportPlanNeverDeactivatesAndItsSavedFileIsAppliedAsAnImport() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = cli.directory.file("import-plan.json")
    let preview = cli.run("import", "--source", day2, "--dry-run", "--out", file, "--format", "json")
    #expect(preview.status == 0, "\(preview.err)")
    #expect(preview.out.contains(#""deactivateUser": 0"#) && preview.out.contains(#""removeMember": 0"#))
    #expect(!preview.out.contains(#""op": "deactivateUser""#))
    let saved = try String(contentsOfFile: file, encoding: .utf8)
    #expect(saved.hasPrefix(#"{"formatVersion":2,"kind":"proxysync-saved-plan","command":"import","#))
    let applied = cli.run("apply", file)
    #expect(applied.status == 0, "\(applied.err)")
    #expect(cli.run("import", "--source", day2, "--dry-run", "--detailed-exitcode").status == 0)
  }

  @Test func savedPlansAndReportsAreReadableByTheirOwnerOnlyWhateverTheUmask() throws {
    let directory = TemporaryDirectory()
    let binary = try #require(BinaryTests.binary).path
    let environment = ["PROXYSYNC_STORE": directory.file("store.sqlite"), "PROXYSYNC_ORG": "acme"]
    #expect(try RealExportBinaryTests.run(["org", "create", "acme"], environment: environment)?.status == 0)
    directory.write("report.html", "old")
    chmod(directory.file("report.html"), 0o644)
    for (out, format) in [("plan.json", "text"), ("report.html", "html")] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "umask 000; exec \"$0\" \"$@\"", binary, "plan", "--source", day2, "--out", directory.file(out), "--format", format]
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      _ = process.finish(reading: [])
      #expect(process.terminationStatus == 0)
      let mode = (try FileManager.default.attributesOfItem(atPath: directory.file(out))[.posixPermissions] as? NSNumber)?.intValue
      #expect(mode == 0o600, "\(out)")
    }
    #expect(try String(contentsOfFile: directory.file("report.html"), encoding: .utf8).contains("<html"))
  }
}
