import Foundation

/// A file mapped read-only into memory, never copied.
///
/// Readers go through a file once, front to back. Pages they have passed are handed back to the
/// system as they go, so a gigabyte of users does not stay counted as the process's memory
/// while the rest of the export is read and planned.
final class MappedFile {
  let bytes: UnsafeRawBufferPointer
  /// Bytes from the start already handed back.
  private var released = 0
  private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
  /// Pages are handed back in steps of this many bytes: each call costs a system call.
  private static let step = 32 << 20

  init(path: String) throws(MappedFileError) {
    // Opening a FIFO for reading waits for a writer, forever: only regular files are opened, and
    // without blocking, in case one was swapped in between the check and the open.
    if let problem = RegularFile.problem(at: path) { throw MappedFileError(problem) }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw MappedFileError(errno: errno) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw MappedFileError(errno: errno) }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw MappedFileError(RegularFile.describe(status.st_mode)) }
    let count = Int(status.st_size)
    guard count > 0 else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
      throw MappedFileError(errno: errno)
    }
    madvise(address, count, MADV_SEQUENTIAL)
    bytes = UnsafeRawBufferPointer(start: address, count: count)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }

  /// Says the bytes before `offset` will not be read again; their pages stop counting toward
  /// the process's memory (they would be read from the file again if they were).
  func release(before offset: Int) {
    guard let base = bytes.baseAddress else { return }
    let end = min(offset, bytes.count) / Self.pageSize * Self.pageSize
    guard end - released >= Self.step else { return }
    madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
    released = end
  }
}

/// Why a file could not be mapped, in the system's words or ours.
struct MappedFileError: Error {
  var reason: String
  init(errno: Int32) { reason = "cannot read the file: \(String(cString: strerror(errno)))" }
  init(_ reason: String) { self.reason = reason }
}

/// Export files must be regular files: a FIFO, socket or device would block a reader or never end.
package enum RegularFile {
  /// Why the path is not a regular file (following links), or nil when it is one or is missing.
  package static func problem(at path: String) -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let type = status.st_mode & S_IFMT
    return type == S_IFREG ? nil : describe(status.st_mode)
  }

  static func describe(_ mode: mode_t) -> String {
    let what: String
    switch mode & S_IFMT {
    case S_IFDIR: what = "a folder"
    case S_IFIFO: what = "a FIFO (named pipe)"
    case S_IFSOCK: what = "a socket"
    case S_IFCHR, S_IFBLK: what = "a device"
    default: what = "not a regular file"
    }
    return "is \(what), not a regular file; export files must be regular files"
  }
}
