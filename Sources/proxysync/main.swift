import Foundation
import ProxySyncCLI

// The only `exit` in the program: everything else returns a status.
let status = ProxySyncCLI.run(
  Array(CommandLine.arguments.dropFirst()),
  context: Context(environment: ProcessInfo.processInfo.environment, console: .standard))
exit(status)
