/// A refusal or failure at run time, carrying what the operator needs to act on it.
package struct ProxySyncError: Error, Sendable, CustomStringConvertible {
  package enum Kind: Sendable, Equatable {
    /// The command line is wrong (exit 2).
    case usage
    /// The export is broken; nothing was written (exit 1).
    case invalidInput([Diagnostic])
    /// The deactivation guard refused the plan (exit 4).
    case guardTripped
    /// Another run holds the organization (exit 5).
    case locked
    /// A saved plan no longer matches the store (exit 6).
    case stalePlan
    /// Anything else: a missing org, an unreadable file, a store error (exit 1).
    case failure
  }

  package var kind: Kind
  package var message: String
  /// The lower-level error, for the log; its text is appended to the message.
  package var underlying: String?
  /// Advice on the likely cause, shown after the error.
  package var hints: [String] = []

  package init(_ kind: Kind, _ message: String, underlying: String? = nil) {
    self.kind = kind
    self.message = message
    self.underlying = underlying
  }

  package static func usage(_ message: String) -> Self { Self(.usage, message) }
  package static func failure(_ message: String, underlying: String? = nil) -> Self {
    Self(.failure, message, underlying: underlying)
  }

  package var description: String {
    underlying.map { "\(message): \($0)" } ?? message
  }
}
