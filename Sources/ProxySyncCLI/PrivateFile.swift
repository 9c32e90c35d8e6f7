import Foundation
import ProxySyncCore

/// Files proxysync writes for people to read later (saved plans, reports) hold names and
/// emails: like the store, they are readable by their owner only, whatever the umask.
enum PrivateFile {
  /// Writes `data` to `path` (replacing it), mode 0600.
  static func write(_ data: Data, to path: String, what: String) throws(ProxySyncError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw .failure("cannot write the \(what) to \(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    // An existing file keeps its mode through O_TRUNC: narrow it first.
    fchmod(descriptor, 0o600)
    let written = data.withUnsafeBytes { bytes -> Bool in
      guard let base = bytes.baseAddress else { return true }
      var offset = 0
      while offset < bytes.count {
        let count = Foundation.write(descriptor, base + offset, bytes.count - offset)
        if count < 0 { if errno == EINTR { continue }; return false }
        offset += count
      }
      return true
    }
    guard written else { throw .failure("cannot write the \(what) to \(path): \(String(cString: strerror(errno)))") }
  }
}
