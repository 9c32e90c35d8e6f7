import Foundation
import Testing

@testable import ProxySyncCLI

/// Every command's and subcommand's `--help` lists exactly the options it accepts: both come
/// from one list, and so do the config file's keys.
@Suite struct HelpTests {
  /// Every command that runs, by its full name (`people add`).
  static let leaves = ProxySyncCLI.leaves.map(\.name)

  /// The option names a help text lists (lines of its options part start with two spaces and `--`).
  static func listed(_ help: String) -> [String] {
    help.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("  --") else { return nil }
      return String(line.dropFirst(2).prefix { $0 != " " })
    }
  }

  @Test(arguments: leaves)
  func helpListsExactlyWhatTheCommandAccepts(command: String) throws {
    let cli = CLIHarness()
    let words = command.split(separator: " ").map(String.init)
    let declared = try #require(ProxySyncCLI.leaves.first { $0.name == command }).command.options
    let help = cli.run(words + ["--help"])
    #expect(help.status == 0)
    #expect(help.out.hasPrefix("usage: proxysync \(command)"), "\(command) --help")
    #expect(Self.listed(help.out) == declared.map(\.name), "\(command) --help")
    #expect(Set(declared.map(\.name)).count == declared.count, "\(command) declares an option twice")
    // What is not declared is refused as unknown, a sibling's option too; what is declared never is.
    let others = Set(ProxySyncCLI.allOptions.map(\.name)).subtracting(declared.map(\.name)).sorted()
    for name in ["--no-such-option"] + others {
      let unknown = cli.run(words + [name, "x"])
      #expect(unknown.status == 2 && unknown.err.contains("unknown option \(name)"), "\(command) \(name): \(unknown.err)")
    }
    for option in declared {
      let result = cli.run(words + [option.name] + (option.isFlag ? [] : ["x"]))
      #expect(!result.err.contains("unknown option"), "\(command) \(option.name): \(result.err)")
    }
  }

  @Test func aCommandOfSubcommandsListsTheirUsagesAndRefusesAnUnknownOne() {
    let cli = CLIHarness()
    let help = cli.run("people", "--help").out
    for sub in ["list", "add", "mark-active", "set-role", "relink"] { #expect(help.contains("proxysync people \(sub) "), "\(sub)") }
    // Their usages only: each subcommand's options are in its own help.
    #expect(!help.contains("options:") && help.contains("Run proxysync people SUBCOMMAND --help for its options."), "\(help)")
    let unknown = cli.run("people", "fire", "x@example.com")
    #expect(unknown.status == 2 && unknown.err.contains("unknown people command \"fire\"; use list, add, mark-active, set-role, relink"))
    #expect(cli.run("org", "create", "x", "--format", "bogus").err.contains("unknown option --format"))
  }

  @Test func importDoesNotOfferTheGuardsOptionsItHasNoUseFor() {
    let help = CLIHarness().run("import", "--help").out
    #expect(!help.contains("--max-deactivations") && !help.contains("--no-deactivate-users") && !help.contains("--on-guard"))
    #expect(CLIHarness().run("import", "--source", "/x", "--max-deactivations", "3").err.contains("unknown option --max-deactivations"))
  }

  /// The config file's keys are the options' own: each names an option some command takes.
  @Test func everyConfigKeyComesFromAnOptionsDeclaration() throws {
    let declared = ProxySyncCLI.allOptions.compactMap(\.config?.name)
    #expect(Set(ConfigFile.keys.keys) == Set(declared))
    for key in ["store", "org", "maxDeactivations", "onGuard", "fetchTimeout", "pushGroupSelection", "createUsers"] {
      #expect(ConfigFile.keys[key] != nil, "\(key)")
    }
    let cli = CLIHarness()
    let file = cli.directory.write("config.json", #"{"fetchTimeout": 60, "exportsDir": "/x"}"#)
    #expect(cli.run("config", "get", file, "fetchTimeout").out == "60\n")
    let bad = cli.directory.write("bad.json", #"{"fetchTimeOut": 60}"#)
    #expect(cli.run("config", "get", bad, "store").err.contains("unknown key \"fetchTimeOut\""))
  }

  @Test func previewOptionsOfASyncNeedDryRun() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--out", cli.directory.file("p.json"))
    #expect(result.status == 2)
    #expect(result.err.contains("--out goes with --dry-run"))
  }
}
