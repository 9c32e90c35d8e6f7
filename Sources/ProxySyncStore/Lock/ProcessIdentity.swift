import Foundation

/// Who holds a lock: enough to tell a live holder from one that was killed.
///
/// A process id alone is not enough (ids are reused), so the holder's start time, read from
/// `/proc`, goes with it: a process with the same id but another start time is someone else.
struct ProcessIdentity: Equatable {
  var pid: Int32
  var host: String
  var start: String

  static var current: ProcessIdentity {
    ProcessIdentity(pid: getpid(), host: hostName(), start: startTime(of: getpid()) ?? "")
  }

  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Field 22 of `/proc/PID/stat`: when the process started, in clock ticks since boot.
  static func startTime(of pid: Int32) -> String? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let afterName = stat.range(of: ")", options: .backwards)
    else { return nil }
    let fields = stat[afterName.upperBound...].split(separator: " ")
    // Fields after the name start at field 3 (state), so field 22 is at index 19.
    return fields.count > 19 ? String(fields[19]) : nil
  }

  /// False only when we can tell the holder is gone: same host, and no such process (or
  /// another one that reuses the id). A holder on another host is assumed alive.
  var isAlive: Bool {
    guard host == Self.hostName() else { return true }
    if kill(pid, 0) != 0 && errno == ESRCH { return false }
    guard let actual = Self.startTime(of: pid) else { return true }
    return start.isEmpty || actual == start
  }
}
