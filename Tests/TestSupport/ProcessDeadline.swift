import Foundation
import Testing

/// A child process the tests wait for is killed when it outlives `seconds`, and the test fails
/// saying so: a helper that waits for a hung child would otherwise hang the whole suite.
package final class ProcessDeadline: @unchecked Sendable {
  private let timer: DispatchSourceTimer
  private let lock = NSLock()
  private var expired = false
  private let seconds: Double

  /// Arms the deadline for a process that was started.
  package init(_ process: Process, seconds: Double = 120) {
    self.seconds = seconds
    timer = DispatchSource.makeTimerSource(queue: .global())
    let pid = process.processIdentifier
    timer.setEventHandler { [self] in
      lock.withLock { expired = true }
      kill(pid, SIGKILL)
    }
    timer.schedule(deadline: .now() + seconds)
    timer.resume()
  }

  /// Disarms it once the process ended; records an issue when it had to be killed.
  package func end(sourceLocation: SourceLocation = #_sourceLocation) {
    if disarm() { Issue.record("a child process still ran after \(Int(seconds)) s and was killed", sourceLocation: sourceLocation) }
  }

  /// Disarms it; whether the process had to be killed.
  package func disarm() -> Bool {
    timer.cancel()
    return lock.withLock { expired }
  }
}

extension Process {
  /// Reads what the started process writes to `pipes` (to their end) and waits for it to exit,
  /// killing it after `seconds`.
  package func finish(reading pipes: [Pipe], seconds: Double = 120, sourceLocation: SourceLocation = #_sourceLocation) -> [Data] {
    let deadline = ProcessDeadline(self, seconds: seconds)
    defer { deadline.end(sourceLocation: sourceLocation) }
    // Read side by side: a child blocked on a full pipe we are not reading would never end.
    // Threads of their own, not Dispatch's: blocked Dispatch workers starve the pool (it grows
    // about a thread a second), which made a child that ended at once look seconds slow.
    let outputs = Outputs(count: pipes.count)
    let group = DispatchGroup()
    for (index, pipe) in pipes.enumerated() {
      group.enter()
      Thread {
        outputs.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
        group.leave()
      }.start()
    }
    group.wait()
    waitUntilExit()
    return outputs.all
  }
}

private final class Outputs: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Data]
  init(count: Int) { values = Array(repeating: Data(), count: count) }
  func set(_ index: Int, _ data: Data) { lock.withLock { values[index] = data } }
  var all: [Data] { lock.withLock { values } }
}
