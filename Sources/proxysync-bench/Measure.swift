import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What one child process cost.
struct Measurement {
  var status: Int32
  var wall: Double
  var cpu: Double
  /// Peak resident set size in MiB.
  var peakRSS: Double
  var output: String
  /// What it wrote to standard error.
  var errors = ""

  /// A phase's seconds from `PROXYSYNC_TIMING=1` lines ("timing: read export 4.375 s").
  func phase(_ name: String) -> Double? {
    errors.split(separator: "\n").lazy.compactMap { line -> Double? in
      guard line.hasPrefix("timing: \(name) ") else { return nil }
      return Double(line.dropFirst("timing: \(name) ".count).split(separator: " ").first ?? "")
    }.first
  }
}

/// Runs a command as a child process and reads its cost from the kernel (`wait4`'s rusage),
/// so the figures are the child's alone.
///
/// The child is started by a small helper (this binary, `measure-child`): the kernel counts a
/// process's peak memory from its parent's at the moment it was spawned (posix_spawn shares the
/// parent's memory until exec), and this process holds generated companies of a million people.
func measure(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil) -> Measurement {
  let resultFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).cost").path
  defer { try? FileManager.default.removeItem(atPath: resultFile) }
  var result = spawnAndWait(CommandLine.arguments[0], ["measure-child", resultFile, executable] + arguments, environment: environment, stdoutPath: stdoutPath)
  // "STATUS WALL CPU PEAK": the command's own figures, as its helper's wait4 read them.
  let figures = ((try? String(contentsOfFile: resultFile, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Double($0) }
  if figures.count == 4 {
    result.status = Int32(figures[0])
    result.wall = figures[1]
    result.cpu = figures[2]
    result.peakRSS = figures[3]
  }
  return result
}

/// `proxysync-bench measure-child RESULT EXECUTABLE ARGS…`: runs the command with this
/// process's standard output and error, and writes its cost to RESULT.
func measureChild(_ arguments: [String]) -> Int32 {
  guard arguments.count >= 2 else { return 2 }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  let (status, wall, cpu, peak) = run(arguments[1], Array(arguments.dropFirst(2)), environment: [:], actions: &actions)
  try? "\(status) \(wall) \(cpu) \(peak)".write(toFile: arguments[0], atomically: false, encoding: .utf8)
  return status
}

private func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String: String], stdoutPath: String?) -> Measurement {
  let outputFile = stdoutPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out").path
  let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).err").path
  defer { try? FileManager.default.removeItem(atPath: errorFile) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  defer { posix_spawn_file_actions_destroy(&actions) }

  let (status, wall, cpu, peak) = run(executable, arguments, environment: environment, actions: &actions)
  let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
  if stdoutPath == nil { try? FileManager.default.removeItem(atPath: outputFile) }
  let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
  return Measurement(status: status, wall: wall, cpu: cpu, peakRSS: peak, output: output, errors: errors)
}

/// Spawns the command with these file actions and waits for it: its exit status, wall and CPU
/// seconds, and peak resident memory in MiB.
private func run(
  _ executable: String, _ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t
) -> (Int32, Double, Double, Double) {
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  var merged = ProcessInfo.processInfo.environment
  for (key, value) in environment { merged[key] = value }
  let envp = merged.map { strdup("\($0)=\($1)") } + [nil]
  defer {
    argv.forEach { free($0) }
    envp.forEach { free($0) }
  }
  var pid: pid_t = 0
  let start = Date()
  guard posix_spawnp(&pid, executable, &actions, nil, argv, envp) == 0 else { return (-1, 0, 0, 0) }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let wall = Date().timeIntervalSince(start)
  let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
    + Double(usage.ru_stime.tv_usec) / 1e6
  let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  return (exitStatus, wall, cpu, Double(usage.ru_maxrss) / 1024)
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
