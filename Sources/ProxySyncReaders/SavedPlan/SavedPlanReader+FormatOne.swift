import Foundation
import ProxySyncCore

/// Saved-plan format 1: one pretty-printed JSON document, its checksum the digest of the text
/// with the checksum's value emptied. Read whole; no longer written.
enum FormatOne {
  static func read(_ bytes: UnsafeRawBufferPointer, path: String) throws(ProxySyncError) -> SavedPlan {
    let text = String(decoding: bytes, as: UTF8.self)
    guard let (stated, actual) = checksum(of: text), stated == actual else { throw SavedPlanReader.edited(path) }
    guard let object = try? JSONTree.parse(bytes), object["kind"]?.string == SavedPlan.kind, object["formatVersion"]?.int == 1,
      let organization = object["organization"]?.string, let revision = object["revision"]?.int,
      let plan = object["plan"], let operations = plan["operations"]?.array
    else {
      throw ProxySyncError(.stalePlan, "\(path) is not a proxysync plan file (format 1 or 2)")
    }
    var decoded: [ProxySyncCore.Operation] = []
    for (index, json) in operations.enumerated() {
      guard let operation = SavedOperation.decode(json) else {
        throw ProxySyncError(.stalePlan, "\(path): operation \(index + 1) cannot be read; make a new plan")
      }
      decoded.append(operation)
    }
    return SavedPlan(
      organization: organization, revision: Int64(revision), createdAt: object["createdAt"]?.string ?? "",
      source: object["source"]?.string ?? "", manifest: SavedOperation.manifest(object["manifest"]),
      plan: Plan(operations: decoded, skipped: [], orphanedGroups: [], guardCheck: SavedOperation.guardCheck(plan["guard"])),
      checksum: stated,
      // Files saved before plans named their command are `plan` previews of a sync.
      command: object["command"]?.string ?? "sync")
  }

  /// The checksum the text states, and the one it should have: its digest with the field emptied.
  static func checksum(of text: String) -> (stated: String, actual: String)? {
    guard let range = text.range(of: "\"checksum\": \"", options: .backwards),
      let end = text[range.upperBound...].firstIndex(of: "\"")
    else { return nil }
    let stated = String(text[range.upperBound..<end])
    return (stated, SHA256.hex((String(text[..<range.upperBound]) + String(text[end...])).utf8))
  }
}
