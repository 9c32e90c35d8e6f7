import Foundation

/// Prints a line at once, so a long run shows its rows as they come even into a file.
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Runs the scenarios for each size and format and prints one table row per scenario.
struct Bench {
  let work: URL
  let repeats: Int
  let references: Bool
  let smoke: Bool
  /// A PostgreSQL database to measure instead of a SQLite file (`--postgres URL`); it is
  /// emptied before each repeat with `psql`.
  var postgres: String? = nil

  /// The proxysync binary built next to this one.
  var proxysync: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("proxysync").path
  }

  static let working: Set = ["ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"]

  func run(sizes: [Int], formats: [String]) -> Bool {
    emit("| scenario | people | format | wall s | CPU s | peak RSS MiB | users/s |")
    emit("|---|---:|---|---:|---:|---:|---:|")
    var ok = true
    for size in sizes {
      let day1 = Company(size: size, seed: 1)
      let day2 = day1.nextDay(churn: 0.01, seed: 1)
      for format in formats {
        ok = scenarios(size: size, format: format, day1: day1, day2: day2) && ok
      }
      if references { referenceRows(size: size, day1: day1) }
    }
    return ok
  }

  /// Writes both days once per size and format; later runs reuse them.
  private func exports(size: Int, format: String, day1: Company, day2: Company) -> (String, String) {
    let base = work.appendingPathComponent("\(size)-\(format)")
    let marker = base.appendingPathComponent(".complete")
    if !FileManager.default.fileExists(atPath: marker.path) {
      try? FileManager.default.removeItem(at: base)
      do {
        try ExportWriter(format: format, folder: base.appendingPathComponent("day1")).write(day1)
        try ExportWriter(format: format, folder: base.appendingPathComponent("day2")).write(day2)
        // Marked complete only when both days were written: a half-written export is redone.
        _ = FileManager.default.createFile(atPath: marker.path, contents: nil)
      } catch {
        emit("error: cannot write the \(size) \(format) export under \(base.path): \(error)")
      }
    }
    return (base.appendingPathComponent("day1").path, base.appendingPathComponent("day2").path)
  }

  private func scenarios(size: Int, format: String, day1: Company, day2: Company) -> Bool {
    let (first, second) = exports(size: size, format: format, day1: day1, day2: day2)
    let store = postgres ?? work.appendingPathComponent("store-\(size)-\(format).sqlite").path
    var results: [String: [Measurement]] = [:]
    var ok = true
    /// Empties the store: a new file, or the database's schema dropped.
    func emptyStore(_ path: String) {
      if let postgres {
        _ = measure("/usr/bin/psql", [postgres, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"], environment: [:])
      } else {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
      }
    }
    func run(_ steps: [(String, [String])], in store: String) {
      let environment = ["PROXYSYNC_STORE": store, "PROXYSYNC_ORG": "bench"]
      emptyStore(store)
      _ = measure(proxysync, ["org", "create", "bench"], environment: environment)
      for (name, arguments) in steps {
        let result = measure(proxysync, arguments, environment: environment)
        results[name, default: []].append(result)
        if result.status != 0 {
          emit("error: \(name) exited \(result.status)")
          ok = false
        }
      }
    }
    let planFile = work.appendingPathComponent("import-plan-\(size)-\(format).json").path
    for _ in 0..<repeats {
      run([
        ("import", ["import", "--source", first]),
        ("activate", ["people", "mark-active", "--all-pending"]),
        ("sync 1% churn", ["sync", "--source", second]),
        ("sync again", ["sync", "--source", second]),
        ("plan", ["plan", "--source", second]),
      ], in: store)
      // A migration reviewed first: the import's plan saved, then applied to an empty store.
      run([
        ("save import plan", ["import", "--source", first, "--dry-run", "--out", planFile]),
        ("apply saved import", ["apply", planFile]),
      ], in: postgres ?? store + "-saved")
      try? FileManager.default.removeItem(atPath: planFile)
    }
    ok = check(results, day1: day1) && ok
    for name in ["import", "sync 1% churn", "sync again", "plan", "save import plan", "apply saved import"] {
      let runs = results[name] ?? []
      let wall = median(runs.map(\.wall))
      let users = ["sync 1% churn", "sync again", "plan"].contains(name) ? day2.people.count : day1.people.count
      emit("| \(name) | \(size) | \(format) | \(fmt(wall)) | \(fmt(median(runs.map(\.cpu)))) | \(Int(median(runs.map(\.peakRSS)))) | \(Int(Double(users) / max(wall, 0.001))) |")
    }
    return ok
  }

  /// The import must create exactly the people who should be active; a repeated sync must change nothing.
  private func check(_ results: [String: [Measurement]], day1: Company) -> Bool {
    var assignedGroups = Set<Int>()
    for group in day1.groups where group.assigned { assignedGroups.insert(group.index) }
    let expected = day1.people.filter { person in
      Bench.working.contains(person.status)
        && (person.assigned || day1.memberships[person.index].contains { assignedGroups.contains($0) })
    }.count
    var ok = true
    for run in (results["import"] ?? []) + (results["apply saved import"] ?? []) {
      // The summary line reads "  createGroup 200, createUser 9836, addMember …".
      let created = run.output.split(separator: "\n").first { $0.contains("createUser ") }
        .flatMap { line in line.split(separator: ",").first { $0.contains("createUser") } }
        .flatMap { Int($0.split(separator: " ").last ?? "") }
      if created != expected {
        emit("error: import created \(created.map(String.init) ?? "?") people, expected \(expected)")
        ok = false
      }
    }
    for run in results["sync again"] ?? [] where !run.output.contains("no changes") {
      emit("error: the repeated sync was not empty: \(run.output.prefix(200))")
      ok = false
    }
    if smoke && ok { emit("smoke: counts right (\(expected) created, repeated sync empty)") }
    return ok
  }

  /// Reference points on the same data: SQLite's own CSV import and Python's json.load.
  private func referenceRows(size: Int, day1: Company) {
    let (jsonDay1, _) = exports(size: size, format: "json", day1: day1, day2: day1)
    let (csvDay1, _) = exports(size: size, format: "csv", day1: day1, day2: day1)
    let database = work.appendingPathComponent("reference-\(size).sqlite").path
    var sqlite: [Measurement] = []
    var python: [Measurement] = []
    for _ in 0..<repeats {
      try? FileManager.default.removeItem(atPath: database)
      sqlite.append(measure("sqlite3", [database, "-cmd", ".mode csv", ".import \(csvDay1)/users.csv users"]))
      python.append(measure("python3", ["-c", "import json,sys; json.load(open(sys.argv[1]))", "\(jsonDay1)/users.json"]))
    }
    for (name, runs) in [("reference: sqlite3 .import users.csv", sqlite), ("reference: python3 json.load users.json", python)] {
      let wall = median(runs.map(\.wall))
      emit("| \(name) | \(size) | - | \(fmt(wall)) | \(fmt(median(runs.map(\.cpu)))) | \(Int(median(runs.map(\.peakRSS)))) | \(Int(Double(size) / max(wall, 0.001))) |")
    }
  }

  private func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
}
