import Foundation
import ProxySyncCore

/// What reading an export folder produced.
package struct ExportReadResult: Sendable {
  /// The export without the records that had problems.
  package var partialSnapshot: DirectorySnapshot
  /// Errors and warnings, in file order then line order.
  package var diagnostics: [Diagnostic]
  /// The users of `partialSnapshot` as checking numbered them, for `makePlan`; nil when records
  /// were left out (then the planner numbers them itself).
  package var userNumbers: UserNumbers?
  /// Advice on a likely cause of the problems found, for the message that refuses the export.
  package var hints: [String] = []

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
/// (`users/`), in any mix; group-members may also be Okta's per-group member listings
/// (`group-members/<groupId>.json`). All five are required, `group-push-mappings.json` is not:
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
    let sizes = located.map(\.byteCount)
    let meter = ProgressMeter(files: located, sizes: sizes, report: progress)
    let runs = halves(of: located, sizes: sizes)
    let parts = ParallelParts<ExportRecords>(count: 2)
    let reportsProgress = progress != nil
    DispatchQueue.concurrentPerform(iterations: 2) { part in
      var partial = ExportRecords()
      for file in runs[part] {
        partial.read(file, progress: reportsProgress ? { meter.advance(file, to: $0) } : nil)
        meter.advance(file, to: meter.size(of: file))
      }
      // Numbered here while the other core still reads, unless the users are in both halves.
      if !partial.users.isEmpty, !runs[1 - part].contains(where: { $0.kind == .users }) {
        partial.userIndex = UserIndex(users: partial.users, sources: partial.userSources)
      }
      parts.set(part, partial)
    }
    // Each part let go of once merged: the records then hold the only reference to the arrays
    // they took whole, and the next part is appended to them in place, not to a copy.
    var done = parts.take()
    for index in done.indices {
      records.merge(done[index])
      done[index] = ExportRecords()
    }
    var result = records.assemble()
    GroupPushMappingsReader.read(in: url, into: &result)
    return result
  }

  /// The files in their order, cut where the two runs' bytes come closest, one run per core
  /// (merged in order after, so messages stay in file order). A flat export's users file is
  /// most of it and makes a run alone; a fetched export's member listings, five User objects
  /// per person, are cut among pages.
  static func halves(of files: [ExportFile], sizes: [Int]) -> [[ExportFile]] {
    let total = sizes.reduce(0, +)
    var (cut, before, best) = (0, 0, total)
    for (index, size) in sizes.enumerated() {
      before += size
      if abs(total - 2 * before) < best { (cut, best) = (index + 1, abs(total - 2 * before)) }
    }
    return [Array(files[..<cut]), Array(files[cut...])]
  }
}
