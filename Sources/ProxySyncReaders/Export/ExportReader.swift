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
  package static func read(folder: String) -> ExportReadResult {
    let url = URL(fileURLWithPath: folder, isDirectory: true)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return ExportReadResult(partialSnapshot: DirectorySnapshot(), diagnostics: [.error(folder, "export folder not found")])
    }
    var records = ExportRecords()
    for kind in RecordKind.allCases {
      switch ExportFile.locate(kind, in: url) {
      case .failure(let diagnostic):
        records.diagnostics.append(diagnostic)
        records.unreadable.insert(kind)
      case .success(let files): for file in files { records.read(file) }
      }
    }
    return records.assemble()
  }
}
