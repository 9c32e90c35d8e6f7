import Foundation

/// A fresh directory per test (tests run in parallel), removed when the value is released.
package final class TemporaryDirectory {
  package let url: URL
  package var path: String { url.path }

  package init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("proxysync-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes a file (creating folders) and returns its path.
  @discardableResult
  package func write(_ relativePath: String, _ contents: String) -> String {
    write(relativePath, Data(contents.utf8))
  }

  @discardableResult
  package func write(_ relativePath: String, _ data: Data) -> String {
    let file = url.appendingPathComponent(relativePath)
    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: file.path, contents: data)
    return file.path
  }

  package func file(_ relativePath: String) -> String { url.appendingPathComponent(relativePath).path }
}

/// The repository root, found from this source file, so tests can use `samples/`.
package let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
