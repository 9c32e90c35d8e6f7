import Foundation

/// Compares `actual` with a golden file; `PROXYSYNC_RECORD=1` rewrites the file instead.
/// - Returns: the golden text (or nil when it is missing and not being recorded).
package func golden(_ path: String, _ actual: String) -> String? {
  if ProcessInfo.processInfo.environment["PROXYSYNC_RECORD"] == "1" {
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
    return actual
  }
  return (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
}
