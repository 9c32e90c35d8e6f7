import Foundation

/// Writes an export folder so that `sync` never sees half of one.
///
/// Everything goes into a hidden folder beside the destination (`.NAME.partial-PID`), which is
/// renamed into place only once every listing is complete. A failed or killed fetch leaves no
/// folder at the destination, and an export already there is untouched: it is refused, or with
/// `replace` swapped for the new one only at the end. Exports hold personal data: folders are
/// created 0700 and files 0600, whatever the umask.
package final class ExportFolderWriter: @unchecked Sendable {
  package let destination: URL
  package let temporary: URL
  private let replace: Bool

  /// - Throws: when the destination exists (without `replace`) or the folder cannot be made.
  package init(destination path: String, replace: Bool) throws(FetchError) {
    destination = URL(fileURLWithPath: path).standardizedFileURL
    self.replace = replace
    let parent = destination.deletingLastPathComponent()
    let name = destination.lastPathComponent
    temporary = parent.appendingPathComponent(".\(name).partial-\(getpid())")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
      guard replace else {
        throw FetchError("\(destination.path) already exists; choose a new folder, or pass --replace to swap it for the new export once that is complete")
      }
      guard isDirectory.boolValue else { throw FetchError("\(destination.path) exists and is not a folder; it is left alone") }
    }
    guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw FetchError("the folder \(parent.path) does not exist")
    }
    Self.removeAbandoned(named: name, in: parent)
    try? FileManager.default.removeItem(at: temporary)
    try makeFolder(temporary)
  }

  /// Partial folders of fetches that were killed (their process is gone) are removed.
  private static func removeAbandoned(named name: String, in parent: URL) {
    let prefix = ".\(name).partial-"
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
      guard let pid = Int32(entry.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
      try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
    }
  }

  private func makeFolder(_ url: URL) throws(FetchError) {
    if mkdir(url.path, 0o700) != 0, errno != EEXIST {
      throw FetchError("cannot create \(url.path): \(String(cString: strerror(errno)))")
    }
    chmod(url.path, 0o700)
  }

  /// Makes a folder inside the export (and its parents), 0700.
  package func folder(_ relative: String) throws(FetchError) {
    var url = temporary
    for part in relative.split(separator: "/") {
      url.appendPathComponent(String(part))
      try makeFolder(url)
    }
  }

  /// Writes a file inside the export, 0600, flushed to disk.
  package func write(_ relative: String, _ data: Data) throws(FetchError) {
    if let problem = PrivateFile.write(data, to: temporary.appendingPathComponent(relative).path, flush: true) {
      throw FetchError("cannot write \(relative): \(problem)")
    }
  }

  /// Puts the complete export in place (swapping out an old one with `replace`).
  package func commit() throws(FetchError) {
    let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
    let hasOld = FileManager.default.fileExists(atPath: destination.path)
    if hasOld {
      guard replace else { throw FetchError("\(destination.path) appeared while fetching; the new export is left out") }
      guard rename(destination.path, old.path) == 0 else {
        throw FetchError("cannot move the old export aside: \(String(cString: strerror(errno)))")
      }
    }
    guard rename(temporary.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      if hasOld { rename(old.path, destination.path) }
      throw FetchError("cannot move the export into place: \(reason)")
    }
    if hasOld { try? FileManager.default.removeItem(at: old) }
  }

  /// Removes what was written: the fetch failed or was stopped.
  package func abandon() {
    try? FileManager.default.removeItem(at: temporary)
  }
}
