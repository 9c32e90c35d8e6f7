import Foundation
import ProxySyncCore

/// What reading an export folder produced.
package struct ExportReadResult: Sendable {
  /// The export without the records that had problems.
  package var partialSnapshot: DirectorySnapshot
  /// Errors and warnings, in file order then line order.
  package var diagnostics: [Diagnostic]

  /// The export, when it had no errors at all.
  package var snapshot: DirectorySnapshot? { diagnostics.errors.isEmpty ? partialSnapshot : nil }

  /// Errors that concern single records; the rest make the whole export untrustworthy.
  package var recordErrors: [Diagnostic] { diagnostics.errors.filter(\.isRecordLevel) }
  package var hasStructuralErrors: Bool { diagnostics.errors.contains { !$0.isRecordLevel } }
}

/// Reads an Okta export folder into a validated `DirectorySnapshot`.
///
/// The folder holds users, groups, group-members, app-users and app-groups, each as a JSON
/// array (`users.json`), NDJSON (`users.ndjson`), CSV (`users.csv`) or a folder of pages
/// (`users/`), in any mix. All five are required:
/// a missing file is an error, never "nobody". Every problem in every file is collected before
/// the caller decides anything, so one run reports them all and writes nothing.
package enum ExportReader {
  /// - Parameter progress: hears the bytes read so far and the export's total, now and then.
  package static func read(folder: String, progress: ((Int, Int) -> Void)? = nil) -> ExportReadResult {
    let url = URL(fileURLWithPath: folder, isDirectory: true)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return ExportReadResult(partialSnapshot: DirectorySnapshot(), diagnostics: [.error(folder, "export folder not found")])
    }
    var records = ExportRecords()
    var located: [ExportFile] = []
    for kind in RecordKind.allCases {
      switch ExportFile.locate(kind, in: url) {
      case .failure(let diagnostic):
        records.diagnostics.append(diagnostic)
        records.unreadable.insert(kind)
      case .success(let files): located += files
      }
    }
    let sizes = located.map { ((try? FileManager.default.attributesOfItem(atPath: $0.url.path)[.size]) as? NSNumber)?.intValue ?? 0 }
    let total = sizes.reduce(0, +)
    var before = 0
    for (file, size) in zip(located, sizes) {
      let offset = before
      records.read(file, progress: progress.map { report in { report(offset + $0, total) } })
      before += size
      progress?(before, total)
    }
    return records.assemble()
  }
}
