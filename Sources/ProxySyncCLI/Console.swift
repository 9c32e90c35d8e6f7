import Foundation

/// Where a command writes: standard output for results, standard error for everything else.
package struct Console: Sendable {
  package var out: @Sendable (String) -> Void
  package var err: @Sendable (String) -> Void
  /// Whether standard output is a terminal (colours) and standard error is one (progress).
  package var outIsTerminal: Bool
  package var errIsTerminal: Bool

  package init(
    out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, outIsTerminal: Bool = false,
    errIsTerminal: Bool = false
  ) {
    self.out = out
    self.err = err
    self.outIsTerminal = outIsTerminal
    self.errIsTerminal = errIsTerminal
  }

  /// The process's own standard output and error.
  package static let standard = Console(
    out: { FileHandle.standardOutput.write(Data($0.utf8)) },
    err: { FileHandle.standardError.write(Data($0.utf8)) },
    outIsTerminal: isatty(1) == 1, errIsTerminal: isatty(2) == 1)
}
