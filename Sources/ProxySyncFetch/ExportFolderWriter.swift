import Foundation

/// Writes an export folder so that `sync` never sees half of one.
///
/// Everything goes into a hidden folder beside the destination (`.NAME.partial-PID-RANDOM`, made
/// by `mkdtemp`: exclusively, 0700, under a name a neighbour cannot guess and so cannot plant),
/// which is renamed into place only once every listing is complete. A failed or killed fetch leaves no
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
    var status = stat()
    if lstat(destination.path, &status) == 0 {
      guard replace else {
        throw FetchError("\(destination.path) already exists; choose a new folder, or pass --replace to swap it for the new export once that is complete")
      }
      guard status.st_mode & S_IFMT == S_IFDIR else {
        throw FetchError("\(destination.path) exists and is not a folder (a link or a file); it is left alone")
      }
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw FetchError("the folder \(parent.path) does not exist")
    }
    Self.removeAbandoned(named: name, in: parent)
    temporary = try Self.makeUniqueFolder(parent.appendingPathComponent(".\(name).partial-\(getpid())-").path)
    chmod(temporary.path, 0o700)  // whatever the umask took away
  }

  /// A new folder `PREFIX` + six random characters, made exclusively, 0700 (`mkdtemp`).
  private static func makeUniqueFolder(_ prefix: String) throws(FetchError) -> URL {
    var template = Array((prefix + "XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
    }
    guard let made else { throw FetchError("cannot create a folder beside \(prefix): \(String(cString: strerror(errno)))") }
    return URL(fileURLWithPath: made)
  }

  /// Partial folders of our own fetches that were killed (their process is gone) are removed;
  /// anything else of that name (a link, another user's folder, a name not of our making) is
  /// left alone.
  private static func removeAbandoned(named name: String, in parent: URL) {
    let prefix = ".\(name).partial-"
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
      let parts = entry.dropFirst(prefix.count).split(separator: "-")
      guard parts.count == 2, parts[1].count == 6, let pid = Int32(parts[0]), kill(pid, 0) != 0, errno == ESRCH else { continue }
      let path = parent.appendingPathComponent(entry)
      var status = stat()
      guard lstat(path.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else { continue }
      try? FileManager.default.removeItem(at: path)
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
    var status = stat()
    let hasOld = lstat(destination.path, &status) == 0
    var old = destination
    if hasOld {
      guard replace else { throw FetchError("\(destination.path) appeared while fetching; the new export is left out") }
      guard status.st_mode & S_IFMT == S_IFDIR else { throw FetchError("\(destination.path) appeared while fetching and is not a folder; it is left alone") }
      // Moved onto an empty folder of our own making, so the old export is never put where
      // someone else chose.
      old = try Self.makeUniqueFolder(destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-").path)
      guard rename(destination.path, old.path) == 0 else {
        let reason = String(cString: strerror(errno))
        rmdir(old.path)
        throw FetchError("cannot move the old export aside: \(reason)")
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
