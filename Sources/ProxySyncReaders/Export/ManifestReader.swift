import Foundation
import ProxySyncCore

/// Reads `manifest.json` from an export folder: `{"oktaOrg", "appId", "exportedAt"}`.
///
/// The manifest is optional; when present it must be complete and valid, since it decides
/// whether the export may touch this organization at all.
package enum ManifestReader {
  package static func read(folder: String) -> Result<ExportManifest?, Diagnostic> {
    let url = URL(fileURLWithPath: folder).appendingPathComponent("manifest.json")
    guard FileManager.default.fileExists(atPath: url.path) else { return .success(nil) }
    if let problem = RegularFile.problem(at: url.path) { return .failure(.error("manifest.json", problem)) }
    guard let data = try? Data(contentsOf: url) else { return .failure(.error("manifest.json", "cannot read the file")) }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      return .failure(.error("manifest.json", "not a JSON object; expected {\"oktaOrg\", \"appId\", \"exportedAt\"}"))
    }
    let known: Set = ["oktaOrg", "appId", "exportedAt"]
    var missing: [String] = []
    func text(_ key: String) -> String {
      guard let value = object[key] as? String, !value.trimmingWhitespace().isEmpty else {
        missing.append(key)
        return ""
      }
      return value.trimmingWhitespace()
    }
    let manifest = ExportManifest(oktaOrg: text("oktaOrg").lowercased(), appID: text("appId"), exportedAt: text("exportedAt"))
    guard missing.isEmpty else {
      return .failure(.error("manifest.json", "missing or empty \(missing.map { "\"\($0)\"" }.joined(separator: ", "))"))
    }
    guard let date = ISO8601DateFormatter().date(from: manifest.exportedAt) ?? fractional().date(from: manifest.exportedAt) else {
      return .failure(.error("manifest.json", "exportedAt \"\(manifest.exportedAt)\" is not an ISO 8601 time such as 2026-11-28T02:00:00Z"))
    }
    if let unknown = object.keys.filter({ !known.contains($0) }).sorted().first {
      return .failure(.error("manifest.json", "unknown key \"\(unknown)\""))
    }
    var normalised = manifest
    normalised.exportedAt = ISO8601DateFormatter().string(from: date)
    return .success(normalised)
  }

  private static func fractional() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter
  }
}
