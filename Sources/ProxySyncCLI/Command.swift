import ProxySyncCore

/// A command or subcommand (`people add`): its help, the options it accepts, and how it runs.
/// The help's option lines come from the same list the parser accepts.
struct Command: Sendable {
  typealias Run = @Sendable (ArraySlice<String>, Context) throws(ProxySyncError) -> ExitStatus

  var help: String
  var options: [Option]
  var run: Run
  /// Subcommands in the order help lists them; a command with them runs none of its own.
  var subcommands: [(name: String, command: Command)] = []

  /// A command that runs: usage, what it does, then its options.
  static func leaf(usage: String, about: String = "", options: [Option], run: @escaping Run) -> Command {
    var help = "usage: \(usage)\n\n"
    if !about.isEmpty { help += about + "\n\n" }
    if !options.isEmpty { help += "options:\n\(Option.help(options))\n\n" }
    return Command(help: help, options: options, run: run)
  }

  /// A command made of subcommands: its help lists their usages and what they share.
  static func group(_ name: String, about: String, _ subcommands: [(String, Command)]) -> Command {
    let usages = subcommands.flatMap { sub in
      sub.1.help.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map { $0.replacingOccurrences(of: "usage: ", with: "") }
    }
    let help = "usage: " + usages.joined(separator: "\n       ") + "\n\n" + about
      + (about.isEmpty ? "" : "\n\n") + "Run proxysync \(name) SUBCOMMAND --help for its options.\n"
    return Command(help: help, options: [], run: { _, _ throws(ProxySyncError) in .usage }, subcommands: subcommands)
  }

  /// The subcommand called `name`, if this command has one.
  func subcommand(_ name: String?) -> Command? { subcommands.first { $0.name == name }?.command }

  /// This command and every subcommand, with their full names (`people add`).
  func leaves(named name: String) -> [(name: String, command: Command)] {
    subcommands.isEmpty ? [(name, self)] : subcommands.flatMap { $0.command.leaves(named: "\(name) \($0.name)") }
  }
}
