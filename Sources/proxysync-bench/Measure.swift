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
func measure(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil) -> Measurement {
  let outputFile = stdoutPath ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).out").path
  let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).err").path
  defer { try? FileManager.default.removeItem(atPath: errorFile) }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  defer { posix_spawn_file_actions_destroy(&actions) }

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
  guard posix_spawnp(&pid, executable, &actions, nil, argv, envp) == 0 else {
    return Measurement(status: -1, wall: 0, cpu: 0, peakRSS: 0, output: "cannot start \(executable)")
  }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let wall = Date().timeIntervalSince(start)
  let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
    + Double(usage.ru_stime.tv_usec) / 1e6
  let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
  if stdoutPath == nil { try? FileManager.default.removeItem(atPath: outputFile) }
  let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  let errors = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
  return Measurement(status: exitStatus, wall: wall, cpu: cpu, peakRSS: Double(usage.ru_maxrss) / 1024, output: output, errors: errors)
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
