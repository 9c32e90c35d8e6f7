import Foundation
import ProxySyncCore

/// Files that hold people's names and emails (exports, saved plans, reports) are readable by
/// their owner only, whatever the umask: created 0600, and narrowed to it when they existed.
package enum PrivateFile {
  /// Writes `data` to `path` (replacing it); the system's reason when it could not.
  package static func write(_ data: Data, to path: String, flush: Bool = false) -> String? {
    write(to: path, flush: flush) { sink in try data.withUnsafeBytes { try sink($0) } }
  }

  /// Writes what `produce` hands its sink, a piece at a time, to `path` (replacing it): a saved
  /// plan of a million people is never held whole. The system's reason when it could not;
  /// the file is removed then, so nothing half-written is left to be applied.
  package static func write(
    to path: String, flush: Bool = false, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
  ) -> String? {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    defer { close(descriptor) }
    fchmod(descriptor, 0o600)
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
      try produce { bytes in
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try drain() }
      }
      try drain()
      guard !flush || fsync(descriptor) == 0 else { throw WriteFailure(reason: String(cString: strerror(errno))) }
      return nil
    } catch {
      unlink(path)
      return (error as? WriteFailure)?.reason ?? "\(error)"
    }
  }

  package struct WriteFailure: Error {
    package var reason: String
  }
}

extension PrivateFile {
  /// Writes a saved plan a line at a time (format 2): a plan of a million people is never held
  /// as one text. The system's reason when it could not.
  package static func write(_ plan: SavedPlan, to path: String) -> String? {
    write(to: path) { sink in
      try plan.writeLines { (line: String) in
        var line = line
        try line.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
      }
    }
  }
}
