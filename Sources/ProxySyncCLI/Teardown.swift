import Foundation

/// Hands large values to another thread to be freed.
///
/// Taking apart a million-person snapshot and its plan costs about a second, and the command is
/// done with them: the process is about to exit, which frees everything at once. Callers pass
/// their last reference (`consume`), so the caller never waits for the freeing; in tests, which
/// run commands in-process, that thread still frees them.
enum Teardown {
  static func inBackground<T: Sendable>(_ value: consuming T) {
    let value = value
    Thread.detachNewThread { withExtendedLifetime(value) {} }
  }
}
