import Foundation
import Testing

@testable import ProxySyncCLI

/// Every command's `--help` lists exactly the options it accepts: both come from one list.
@Suite struct HelpTests {
  static let commands = ProxySyncCLI.commands.keys.sorted()

  /// The option names a help text lists (lines of its options part start with two spaces and `--`).
  static func listed(_ help: String) -> [String] {
    help.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("  --") else { return nil }
      return String(line.dropFirst(2).prefix { $0 != " " })
    }
  }

  @Test(arguments: commands)
  func helpListsExactlyWhatTheCommandAccepts(command: String) throws {
    let cli = CLIHarness()
    let declared = try #require(ProxySyncCLI.commands[command]).options
    let help = cli.run(command, "--help")
    #expect(help.status == 0)
    #expect(Self.listed(help.out) == declared.map(\.name), "\(command) --help")
    #expect(Set(declared.map(\.name)).count == declared.count, "\(command) declares an option twice")
    // What is not declared is refused as unknown; what is declared never is.
    let subcommand: [String] = ["org": ["list"], "people": ["list"], "groups": ["list"], "runs": ["list"], "config": ["get"], "store": ["copy"]][command] ?? []
    let unknown = cli.run([command] + subcommand + ["--no-such-option"])
    #expect(unknown.status == 2 && unknown.err.contains("unknown option --no-such-option"), "\(command): \(unknown.err)")
    for option in declared {
      let result = cli.run([command] + subcommand + [option.name] + (option.isFlag ? [] : ["x"]))
      #expect(!result.err.contains("unknown option"), "\(command) \(option.name): \(result.err)")
    }
  }

  @Test func importDoesNotOfferTheGuardsOptionsItHasNoUseFor() {
    let help = CLIHarness().run("import", "--help").out
    #expect(!help.contains("--max-deactivations") && !help.contains("--no-deactivate-users"))
    #expect(CLIHarness().run("import", "--source", "/x", "--max-deactivations", "3").err.contains("unknown option --max-deactivations"))
  }

  @Test func previewOptionsOfASyncNeedDryRun() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", "\(CLIHarness.samples)/day2", "--out", cli.directory.file("p.json"))
    #expect(result.status == 2)
    #expect(result.err.contains("--out goes with --dry-run"))
  }
}
