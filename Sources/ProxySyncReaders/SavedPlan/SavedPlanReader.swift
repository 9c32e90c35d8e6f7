import Foundation
import ProxySyncCore

/// Reads a saved plan file back, refusing any file that was edited or cut short.
///
/// Person ids are not in the file (they are the store's business): operations come back
/// naming people by Okta id and email, and `Plan.resolved(against:)` finds their rows.
package enum SavedPlanReader {
  /// - Throws: a stale-plan error (exit 6) saying what is wrong with the file.
  package static func read(path: String) throws(ProxySyncError) -> SavedPlan {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .failure("cannot read the plan file \(path)")
    }
    let text = String(decoding: data, as: UTF8.self)
    guard let (stated, actual) = checksum(of: text), stated == actual else {
      throw ProxySyncError(.stalePlan, "the plan file \(path) was edited or truncated (its checksum does not match); make a new plan")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["kind"] as? String == SavedPlan.kind, object["formatVersion"] as? Int == 1,
      let organization = object["organization"] as? String, let revision = (object["revision"] as? NSNumber)?.int64Value,
      let plan = object["plan"] as? [String: Any], let operations = plan["operations"] as? [[String: Any]]
    else {
      throw ProxySyncError(.stalePlan, "\(path) is not a proxysync plan file (format 1)")
    }
    var decoded: [ProxySyncCore.Operation] = []
    for (index, json) in operations.enumerated() {
      guard let operation = SavedOperation.decode(json) else {
        throw ProxySyncError(.stalePlan, "\(path): operation \(index + 1) cannot be read; make a new plan")
      }
      decoded.append(operation)
    }
    let guardJSON = plan["guard"] as? [String: Any]
    let guardCheck = GuardCheck(
      deactivations: guardJSON?["deactivations"] as? Int ?? 0, activePeople: guardJSON?["activePeople"] as? Int ?? 0,
      limit: (guardJSON?["limit"] as? String).flatMap(DeactivationLimit.init(parsing:)) ?? .default,
      isEmptyExport: guardJSON?["emptyExport"] as? Bool ?? false)
    var manifest: ExportManifest?
    if let m = object["manifest"] as? [String: Any], let org = m["oktaOrg"] as? String, let app = m["appId"] as? String,
      let at = m["exportedAt"] as? String
    {
      manifest = ExportManifest(oktaOrg: org, appID: app, exportedAt: at)
    }
    return SavedPlan(
      organization: organization, revision: revision, createdAt: object["createdAt"] as? String ?? "",
      source: object["source"] as? String ?? "", manifest: manifest,
      plan: Plan(operations: decoded, skipped: [], orphanedGroups: [], guardCheck: guardCheck), checksum: stated,
      // Files saved before plans named their command are `plan` previews of a sync.
      command: object["command"] as? String ?? "sync")
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
