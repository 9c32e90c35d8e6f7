import Foundation
import Testing

/// Compares `actual` with a golden file; `PROXYSYNC_RECORD=1` rewrites the file instead, and
/// fails the test all the same: a run that recorded has checked nothing, so it is never green.
/// - Returns: the golden text (or nil when it is missing and not being recorded).
package func golden(
  _ path: String, _ actual: String, recording: Bool = ProcessInfo.processInfo.environment["PROXYSYNC_RECORD"] == "1",
  sourceLocation: SourceLocation = #_sourceLocation
) -> String? {
  let (text, failure) = GoldenFile.check(path, actual, recording: recording)
  if let failure { Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation) }
  return text
}

package enum GoldenFile {
  /// The golden text, and why the test must fail (it recorded instead of checking).
  package static func check(_ path: String, _ actual: String, recording: Bool) -> (text: String?, failure: String?) {
    if recording {
      try? FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
      return (actual, "recorded \(path); run again without PROXYSYNC_RECORD to check against it")
    }
    return ((try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }, nil)
  }
}
