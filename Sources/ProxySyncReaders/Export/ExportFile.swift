import Foundation
import ProxySyncCore

/// One file of an export folder, named relative to the folder for messages.
struct ExportFile {
  var kind: RecordKind
  var format: ExportFormat
  /// Relative to the export folder, e.g. `users.json`.
  var name: String
  var url: URL

  /// Finds the file for `kind` in the folder, or says what is missing.
  static func locate(_ kind: RecordKind, in folder: URL) -> Result<ExportFile, Diagnostic> {
    let name = "\(kind.baseName).json"
    let url = folder.appendingPathComponent(name)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      return .failure(.error(name, "missing file; every export needs \(name) (write [] when there are none)"))
    }
    guard !isDirectory.boolValue else {
      return .failure(.error(name, "is a folder, expected a file"))
    }
    return .success(ExportFile(kind: kind, format: .json, name: name, url: url))
  }

  /// The file's bytes, mapped rather than copied where the system allows it.
  func readBytes() -> Result<Data, Diagnostic> {
    do {
      return .success(try Data(contentsOf: url, options: .mappedIfSafe))
    } catch {
      let reason = (error as NSError).localizedFailureReason ?? "\(error)"
      return .failure(.error(name, "cannot read the file: \(reason)"))
    }
  }
}
