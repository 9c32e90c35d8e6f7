import Foundation
import TestSupport
import Testing

@Suite struct ConfigFileTests {
  func config(_ cli: CLIHarness, _ json: String) -> String { cli.directory.write("config.json", json) }

  @Test func configSuppliesOptionsAndFlagsOverrideIt() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    cli.environment["PROXYSYNC_ORG"] = nil
    let file = config(cli, #"{"org": "acme", "source": "\#(CLIHarness.samples)/day3", "maxDeactivations": "1"}"#)
    let fromConfig = cli.run("plan", "--config", file)
    #expect(fromConfig.out.contains("limit 1"))
    let overridden = cli.run("plan", "--config", file, "--source", "\(CLIHarness.samples)/day2", "--max-deactivations", "50%")
    #expect(overridden.out.hasPrefix("acme: 19 changes"))
    #expect(overridden.out.contains("limit 50%"))
  }

  @Test func environmentOverridesTheConfigFile() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()  // sets PROXYSYNC_ORG=acme
    let file = config(cli, #"{"org": "globex", "source": "\#(CLIHarness.samples)/day2"}"#)
    #expect(cli.run("plan", "--config", file).out.hasPrefix("acme: "))
  }

  @Test func switchesInTheConfigTurnOperationsOff() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let file = config(cli, #"{"deactivateUsers": false, "pushGroups": false}"#)
    let out = cli.run("plan", "--config", file, "--source", "\(CLIHarness.samples)/day2").out
    #expect(out.contains("deactivateUser eve.moss@acme-robotics.example (00u1eve0000000000005): suspended [disabled]"))
    #expect(!out.contains("+ createGroup"))
  }

  @Test(arguments: [#"{"stor": "x"}"#, #"{"createUsers": "no"}"#, "[1]", "not json"])
  func badConfigIsAUsageErrorNamingTheProblem(json: String) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--config", config(cli, json), "--source", "\(CLIHarness.samples)/day2")
    #expect(result.status == 2)
    #expect(result.err.contains("config.json"))
  }
}

@Suite struct JSONLogTests {
  @Test func jsonLogIsOneObjectALineWithRunIDPhasesAndCounts() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--log-format", "json")
    #expect(result.status == 0)
    let lines = result.err.split(separator: "\n").map(String.init)
    let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String })
    #expect(objects.first?["phase"] as? String == "start")
    #expect(objects.contains { $0["phase"] as? String == "read export" && $0["durationSeconds"] is Double })
    let done = try #require(objects.last)
    #expect(done["phase"] as? String == "done" && done["runId"] as? String == "run-8")
    #expect((done["counts"] as? [String: Int])?["deactivateUser"] == 3)
  }

  @Test func errorsAreLoggedAsJSONToo() throws {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", "/nonexistent", "--log-format", "json")
    #expect(result.status == 1)
    let last = try #require(result.err.split(separator: "\n").last)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    #expect(object["level"] as? String == "error")
    #expect(object["exitStatus"] as? Int == 1)
  }

  @Test func unknownLogFormatIsAUsageError() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--log-format", "xml").status == 2)
  }

  @Test func configGetPrintsOneSettingAndChecksTheWholeFile() {
    let cli = CLIHarness()
    let config = cli.directory.write("config.json", #"{"exportsDir": "/var/lib/proxysync/exports", "keepExports": 14, "requireManifest": true, "pushGroupSelection": ["Eng*", "00g1"]}"#)
    #expect(cli.run("config", "get", config, "exportsDir").out == "/var/lib/proxysync/exports\n")
    #expect(cli.run("config", "get", config, "keepExports").out == "14\n")
    #expect(cli.run("config", "get", config, "requireManifest").out == "true\n")
    #expect(cli.run("config", "get", config, "pushGroupSelection").out == "Eng*\n00g1\n")
    #expect(cli.run("config", "get", config, "org").out == "")
    #expect(cli.run("config", "get", config, "nonsense").status == 2)
    let broken = cli.directory.write("broken.json", #"{"exportDir": "/x"}"#)
    let refused = cli.run("config", "get", broken, "exportsDir")
    #expect(refused.status == 2)
    #expect(refused.err.contains("unknown key \"exportDir\""))
    let numeric = cli.directory.write("numeric.json", #"{"createUsers": 1}"#)
    #expect(cli.run("config", "get", numeric, "createUsers").err.contains("must be true or false"))
  }
}
