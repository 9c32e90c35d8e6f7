import Foundation
import ProxySyncCore

/// What reading an export folder produced: a snapshot only when there were no errors.
package struct ExportReadResult: Sendable {
  package var snapshot: DirectorySnapshot?
  /// Errors and warnings, in file order then line order.
  package var diagnostics: [Diagnostic]
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
      return ExportReadResult(snapshot: nil, diagnostics: [.error(folder, "export folder not found")])
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
