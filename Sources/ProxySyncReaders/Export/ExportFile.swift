import Foundation
import ProxySyncCore

/// One file of an export folder, named relative to the folder for messages.
struct ExportFile {
  var kind: RecordKind
  var format: ExportFormat
  /// Relative to the export folder, e.g. `users.json` or `users/page-002.csv`.
  var name: String
  var url: URL

  /// Finds the files for `kind`: `users.json`, `users.ndjson` or `users.csv`, or the page files
  /// of a `users/` folder in name order. Exactly one of these shapes must be there.
  static func locate(_ kind: RecordKind, in folder: URL) -> Result<[ExportFile], Diagnostic> {
    let manager = FileManager.default
    var found: [String] = []
    var isDirectory: ObjCBool = false
    for format in ExportFormat.allCases {
      let name = "\(kind.baseName).\(format.rawValue)"
      if manager.fileExists(atPath: folder.appendingPathComponent(name).path) { found.append(name) }
    }
    let pageFolder = folder.appendingPathComponent(kind.baseName)
    let hasPages = manager.fileExists(atPath: pageFolder.path, isDirectory: &isDirectory) && isDirectory.boolValue
    if hasPages { found.append("\(kind.baseName)/") }

    guard found.count <= 1 else {
      return .failure(.error(found[0], "the export holds \(kind.baseName) in \(found.count) shapes (\(found.joined(separator: ", "))); keep exactly one"))
    }
    guard let only = found.first else {
      return .failure(.error("\(kind.baseName).json", "missing file; every export needs \(kind.baseName) as .json, .ndjson, .csv or a \(kind.baseName)/ folder of pages (write [] when there are none)"))
    }
    guard hasPages else {
      let url = folder.appendingPathComponent(only)
      if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
        return .failure(.error(only, "is a folder, expected a file"))
      }
      return .success([ExportFile(kind: kind, format: format(of: only) ?? .json, name: only, url: url)])
    }
    let pages = ((try? manager.contentsOfDirectory(atPath: pageFolder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
      .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      .compactMap { name in
        format(of: name).map {
          ExportFile(kind: kind, format: $0, name: "\(kind.baseName)/\(name)", url: pageFolder.appendingPathComponent(name))
        }
      }
    guard !pages.isEmpty else {
      return .failure(.error("\(kind.baseName)/", "page folder holds no .json, .ndjson or .csv files"))
    }
    return .success(pages)
  }

  private static func format(of name: String) -> ExportFormat? {
    ExportFormat.allCases.first { name.hasSuffix(".\($0.rawValue)") }
  }

  /// The file's bytes, mapped rather than copied.
  func map() -> Result<MappedFile, Diagnostic> {
    do throws(MappedFileError) {
      return .success(try MappedFile(path: url.path))
    } catch {
      return .failure(.error(name, error.reason))
    }
  }
}
