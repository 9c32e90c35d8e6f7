import Foundation
import ProxySyncCore

/// Files that hold people's names and emails (exports, saved plans, reports) are readable by
/// their owner only, whatever the umask, and never written through something a neighbour left.
///
/// In a shared or sticky folder (`/tmp`, a team share) another user can plant a symlink or a
/// world-readable file where we are about to write. So a private file is always a new file: made
/// under a random name in the target folder (`O_CREAT|O_EXCL|O_NOFOLLOW`, 0600, `fchmod` checked),
/// written, then renamed over the target. The rename replaces whatever was there (a planted link
/// is replaced, never followed; a planted file keeps its own inode, without our data) and, in a
/// sticky folder, fails for a file another user owns: refused, not written through.
package enum PrivateFile {
  /// Writes `data` to `path` (replacing it); the system's reason when it could not. `mode` is
  /// 0600 unless the file is meant for another reader (metrics for the monitoring user).
  package static func write(_ data: Data, to path: String, flush: Bool = false, mode: mode_t = 0o600) -> String? {
    write(to: path, flush: flush, mode: mode) { sink in try data.withUnsafeBytes { try sink($0) } }
  }

  /// Writes what `produce` hands its sink, a piece at a time, to `path` (replacing it): a saved
  /// plan of a million people is never held whole. The system's reason when it could not;
  /// nothing is left then, so nothing half-written is applied.
  package static func write(
    to path: String, flush: Bool = false, mode: mode_t = 0o600, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) -> String? {
    let (descriptor, temporary) = createNew(beside: path)
    guard descriptor >= 0 else { return temporary }
    var closed = false
    defer { if !closed { close(descriptor) } }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    func drain() throws(WriteFailure) {
      let written = buffer.withUnsafeBytes { bytes -> Bool in
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
          let count = Foundation.write(descriptor, base + offset, bytes.count - offset)
          if count < 0 {
            if errno == EINTR { continue }
            return false
          }
          offset += count
        }
        return true
      }
      guard written else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      buffer.removeAll(keepingCapacity: true)
    }
    do {
      guard fchmod(descriptor, mode) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      try produce { bytes in
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try drain() }
      }
      try drain()
      guard !flush || fsync(descriptor) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      closed = true
      guard close(descriptor) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      guard rename(temporary, path) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      return nil
    } catch {
      unlink(temporary)
      return (error as? WriteFailure)?.reason ?? "\(error)"
    }
  }

  /// A new, empty file of ours beside `path`, under a name nobody could guess: its descriptor and
  /// path, or -1 and the system's reason.
  private static func createNew(beside path: String) -> (Int32, String) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    for _ in 0..<16 {
      let temporary = "\(folder.isEmpty ? "" : folder)/.\(name).\(randomSuffix())"
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if descriptor >= 0 { return (descriptor, temporary) }
      if errno != EEXIST { return (-1, String(cString: strerror(errno))) }
    }
    return (-1, "cannot find a free temporary name in \(folder)")
  }

  /// Twelve random letters and digits (`SystemRandomNumberGenerator`: the kernel's getrandom).
  static func randomSuffix() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
  }

  package struct WriteFailure: Error {
    package var reason: String
  }
}

extension PrivateFile {
  /// Writes a saved plan a line at a time (format 2), signed with the store's key: a plan of a
  /// million people is never held as one text. The system's reason when it could not.
  package static func write(_ plan: SavedPlan, to path: String, signedWith key: PlanSigningKey) -> String? {
    write(to: path) { sink in
      try plan.writeLines(sealedWith: .signature(key)) { (line: String) in
        var line = line
        try line.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
      }
    }
  }
}
