import Foundation
import Testing

/// Ends a test case whose backend this run cannot reach, saying so by name on standard error:
/// Swift Testing skips whole tests (`.enabled(if:)`) but has no way to report one case of a
/// parameterized test as skipped, and a case that silently passes would hide that it never ran.
package func skipUnavailable(_ backend: String, because reason: String) throws -> Never {
  let name = Test.current.map { $0.name } ?? "a test"
  if UnavailableLog.shared.first(name, backend) {
    FileHandle.standardError.write(Data("➜ Test \(name) skipped on \(backend): \(reason)\n".utf8))
  }
  try Test.cancel("\(backend) is not available: \(reason)")
}

/// Each skipped test is named once, not once per case.
private final class UnavailableLog: @unchecked Sendable {
  static let shared = UnavailableLog()
  private let lock = NSLock()
  private var named = Set<String>()

  func first(_ name: String, _ backend: String) -> Bool { lock.withLock { named.insert(name + "/" + backend).inserted } }
}
