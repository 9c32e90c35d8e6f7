import Foundation
import ProxySyncCore

/// One file of an export folder, named relative to the folder for messages.
struct ExportFile {
  var kind: RecordKind
  var format: ExportFormat
  /// Relative to the export folder, e.g. `users.json` or `users/page-002.csv`.
  var name: String
  var url: URL
  /// For a per-group member listing (`group-members/<groupId>.json` or a `<groupId>/` folder of
  /// pages): the group its User objects are members of.
  var memberOf: OktaGroupID? = nil

  /// Its size in bytes, 0 when it cannot be found (reading it then says why). By stat(2) alone:
  /// Foundation's attributes of a file also look up its owner's names, once for each of a
  /// fetched export's twenty thousand pages.
  var byteCount: Int {
    var status = stat()
    return stat(url.path, &status) == 0 ? Int(status.st_size) : 0
  }

  /// Whether its records are Okta User objects: the users file, or a per-group member listing.
  var holdsUsers: Bool { kind == .users || (kind == .groupMembers && memberOf != nil) }

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
    if kind == .groupMembers, let perGroup = locatePerGroupMembers(in: pageFolder) { return perGroup }
    return pages(of: kind, in: pageFolder, named: "\(kind.baseName)/")
  }

  /// The page files of a folder, in name order (byte order: zero-padded numbers sort right).
  private static func pages(of kind: RecordKind, in folder: URL, named prefix: String, memberOf: OktaGroupID? = nil) -> Result<[ExportFile], Diagnostic> {
    let pages = entries(of: folder).compactMap { name, _ in
      format(of: name).map {
        ExportFile(kind: kind, format: $0, name: "\(prefix)\(name)", url: folder.appendingPathComponent(name), memberOf: memberOf)
      }
    }
    guard !pages.isEmpty else {
      return .failure(.error(prefix, "page folder holds no .json, .ndjson or .csv files"))
    }
    return .success(pages)
  }

  /// A folder's entries in byte order, hidden ones left out, each with whether it is a folder:
  /// `readdir` says so without a `stat` per entry on most file systems (a fetched export has a
  /// folder per group, tens of thousands).
  private static func entries(of folder: URL) -> [(name: String, isFolder: Bool)] {
    guard let directory = opendir(folder.path) else { return [] }
    defer { closedir(directory) }
    var found: [(name: String, isFolder: Bool)] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      guard !name.hasPrefix(".") else { continue }
      let type = Int32(entry.pointee.d_type)
      var isFolder = type == DT_DIR
      if type == DT_UNKNOWN || type == DT_LNK {  // a link counts as what it leads to, as opening follows it
        var status = stat()
        isFolder = stat(folder.appendingPathComponent(name).path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
      }
      found.append((name, isFolder))
    }
    return found.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
  }

  /// Okta's own member listings (`GET /groups/{id}/users`): User objects, one file or page
  /// folder per group, named by the group's id. Nil when `group-members/` holds `{groupId,
  /// userId}` pages instead: no entry is named by a group id and none is a folder.
  private static func locatePerGroupMembers(in folder: URL) -> Result<[ExportFile], Diagnostic>? {
    let listed = entries(of: folder)
    let names = listed.map(\.name)
    func stem(_ name: String) -> String { format(of: name).map { String(name.dropLast($0.rawValue.count + 1)) } ?? name }
    let folders = Set(listed.filter(\.isFolder).map(\.name))
    guard !folders.isEmpty || names.contains(where: { format(of: $0) != nil && OktaGroupID.looksValid(stem($0)) }) else {
      return nil
    }
    var files: [ExportFile] = []
    for name in names where folders.contains(name) || format(of: name) != nil {
      let path = "group-members/\(name)\(folders.contains(name) ? "/" : "")"
      guard OktaGroupID.looksValid(stem(name)) || folders.contains(name) && OktaGroupID.looksValid(name) else {
        return .failure(.error(path, "\"\(folders.contains(name) ? name : stem(name))\" is not an Okta group id; per-group member listings are named by their group's id (00g…), and {groupId, userId} pages cannot be mixed with them"))
      }
      if folders.contains(name) {
        switch pages(of: .groupMembers, in: folder.appendingPathComponent(name), named: path, memberOf: OktaGroupID(name)) {
        case .failure(let problem): return .failure(problem)
        case .success(let pages): files += pages
        }
      } else if let format = format(of: name) {
        files.append(ExportFile(kind: .groupMembers, format: format, name: path, url: folder.appendingPathComponent(name), memberOf: OktaGroupID(stem(name))))
      }
    }
    return .success(files)
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
