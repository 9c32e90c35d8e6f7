import Foundation
import ProxySyncCore

/// Reads the optional `group-push-mappings.json`: Okta's Group Push Mappings of the Proxy app,
/// as its API returns them, `[{"id", "sourceGroupId", "targetGroupId", "status"}]`.
///
/// When the file is there, exactly the groups with an ACTIVE mapping are pushed; INACTIVE and
/// ERROR mappings push nothing. Other fields (`targetGroupId`, `_links`, times) are ignored. A
/// mapping naming a group the export does not have is a warning: there is nothing to push.
enum GroupPushMappingsReader {
  static let fileName = "group-push-mappings.json"

  static let fields: [FieldSpec] = [
    .init(["id"], csv: "id"), .init(["sourceGroupId"], csv: "sourceGroupId", required: true),
    .init(["status"], csv: "status", required: true),
  ]

  /// Adds the mappings to `result`: the pushed groups, and any problems.
  static func read(in folder: URL, into result: inout ExportReadResult) {
    let url = folder.appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: url.path) else { return }
    let file = ExportFile(kind: .groups, format: .json, name: fileName, url: url)
    let mapped: MappedFile
    switch file.map() {
    case .failure(let problem): return result.diagnostics.append(problem)
    case .success(let file): mapped = file
    }
    var decoder = RecordDecoder(kind: .groups, file: fileName, format: .json, fields: fields, recordName: "group push mapping")
    decoder.namesRecords = JSONRecordReader.holdsOneLine(mapped.bytes)
    var active = Set<OktaGroupID>()
    var named: [(OktaGroupID, SourceLine)] = []
    var ordinal = 0
    let stop = withExtendedLifetime(mapped) {
      JSONRecordReader(kind: .groups, file: fileName, fields: fields, recordName: "group push mapping").read(mapped.bytes) { record in
        ordinal += 1
        guard decoder.check(record, ordinal: ordinal), let group = record.values[1].text?.trimmingWhitespace(),
          let status = record.values[2].text?.trimmingWhitespace().uppercased()
        else { return }
        guard ["ACTIVE", "INACTIVE", "ERROR"].contains(status) else {
          return decoder.report(record, id: record.values[0].text, ordinal: ordinal, "unknown status \"\(status)\" (expected ACTIVE, INACTIVE or ERROR)")
        }
        let id = OktaGroupID(group)
        named.append((id, SourceLine(file: fileName, line: record.line, record: decoder.namesRecords ? ordinal : nil)))
        if status == "ACTIVE" { active.insert(id) }
      }
    }
    result.diagnostics += decoder.diagnostics
    if let stop { return result.diagnostics.append(stop) }
    let known = Set(result.partialSnapshot.groups.map(\.id)).union(result.partialSnapshot.quarantinedGroupIDs)
    for (id, source) in named where !known.contains(id) {
      result.diagnostics.append(.warning(at: source, "mapping names group \"\(id)\", which is not in the groups file; nothing to push"))
    }
    result.partialSnapshot.pushMappings = active
  }
}
