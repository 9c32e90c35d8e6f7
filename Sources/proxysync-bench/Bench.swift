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
    var targets: [(Int, [String: [Measurement]], References)] = []
    var postgresTargets: [Targets] = []
    for size in sizes {
      let workload = prepare(size: size, formats: Set(formats + (references ? ["json", "csv"] : [])))
      var json: [String: [Measurement]]?
      if postgres != nil, formats.contains("json") {
        // The same scenarios on SQLite first, for the ratios PostgreSQL is held to.
        emit("| SQLite, for the PostgreSQL ratios below | | | | | | |")
        var local = self
        local.postgres = nil
        let (passed, results) = local.scenarios(workload, format: "json")
        ok = passed && ok
        emit("| PostgreSQL | | | | | | |")
        json = results
      }
      for format in formats {
        let (passed, results) = scenarios(workload, format: format)
        ok = passed && ok
        if format == "json" {
          if let sqlite = json, postgres != nil {
            postgresTargets.append(Targets(size: size, results: results, references: References(), sqlite: sqlite))
          } else {
            json = results
          }
        }
      }
      if references, postgres == nil {
        let found = referenceRows(workload)
        if let json { targets.append((size, json, found)) }
      }
    }
    for (size, results, found) in targets { Targets(size: size, results: results, references: found).print() }
    for target in postgresTargets { target.print() }
    return ok
  }

  /// What the scenarios need to know of a size's two days, once their exports are on disk.
  struct Workload {
    var size: Int
    var day1People: Int
    var day2People: Int
    /// How many people the import must create (active, assigned directly or through a group).
    var expectedCreated: Int
    /// Someone who stays all along: in both days' exports and in the store.
    var someone: String
  }

  /// Generates the two days, writes the exports not yet written, and keeps only what the
  /// scenarios need (a million-person company is half a gigabyte).
  private func prepare(size: Int, formats: Set<String>) -> Workload {
    {
      let day1 = Company(size: size, seed: 1)
      let day2 = day1.nextDay(churn: 0.01, seed: 1)
      for format in formats.sorted() { writeExports(size: size, format: format, day1: day1, day2: day2) }
      var assignedGroups = Set<Int>()
      for group in day1.groups where group.assigned { assignedGroups.insert(group.index) }
      let expected = day1.people.filter { person in
        Bench.working.contains(person.status)
          && (person.assigned || day1.memberships[person.index].contains { assignedGroups.contains($0) })
      }.count
      let someone = day2.people.first { !$0.removed && Bench.working.contains($0.status) }?.email ?? ""
      return Workload(size: size, day1People: day1.people.count, day2People: day2.people.count, expectedCreated: expected, someone: someone)
    }()
  }

  /// Writes both days once per size and format; later runs reuse them.
  private func writeExports(size: Int, format: String, day1: Company, day2: Company) {
    let base = work.appendingPathComponent("\(size)-\(format)")
    let marker = base.appendingPathComponent(".complete")
    guard !FileManager.default.fileExists(atPath: marker.path) else { return }
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

  /// The two days' export folders of a size and format.
  private func exports(_ size: Int, _ format: String) -> (String, String) {
    let base = work.appendingPathComponent("\(size)-\(format)")
    return (base.appendingPathComponent("day1").path, base.appendingPathComponent("day2").path)
  }

  /// One measured command: its arguments, and whether its output is thrown away (listings).
  private struct Step {
    var name: String
    var arguments: [String]
    var discardOutput = false
  }

  /// The scenarios' names in the order the table prints them.
  static let scenarioNames = [
    "import", "sync 1% churn", "sync again", "plan", "read export (plan)", "explain one person", "people list --format json",
    "people list", "save import plan", "apply saved import",
  ]

  private func scenarios(_ workload: Workload, format: String) -> (Bool, [String: [Measurement]]) {
    let size = workload.size
    let (first, second) = exports(size, format)
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
    func run(_ steps: [Step], in store: String) {
      let environment = ["PROXYSYNC_STORE": store, "PROXYSYNC_ORG": "bench", "PROXYSYNC_TIMING": "1"]
      emptyStore(store)
      _ = measure(proxysync, ["org", "create", "bench"], environment: environment)
      for step in steps {
        let result = measure(proxysync, step.arguments, environment: environment, stdoutPath: step.discardOutput ? "/dev/null" : nil)
        results[step.name, default: []].append(result)
        // The reading of the export, as the plan's own timing tells it.
        if step.name == "plan", let seconds = result.phase("read export") {
          results["read export (plan)", default: []].append(Measurement(status: 0, wall: seconds, cpu: 0, peakRSS: 0, output: ""))
        }
        if result.status != 0 {
          emit("error: \(step.name) exited \(result.status)")
          ok = false
        }
        // Marking a million people active rewrites every row; by the next night autovacuum has
        // been through them. Without this the nightly would set the hint bits of a million fresh
        // rows on its first read (5 s of server time instead of 1), which no real night pays.
        if step.name == "activate", let postgres {
          _ = measure("/usr/bin/psql", [postgres, "-qc", "VACUUM (ANALYZE)"], environment: [:])
        }
      }
    }
    let planFile = work.appendingPathComponent("import-plan-\(size)-\(format).json").path
    let someone = workload.someone
    for _ in 0..<repeats {
      run([
        Step(name: "import", arguments: ["import", "--source", first]),
        Step(name: "activate", arguments: ["people", "mark-active", "--all-pending"]),
        Step(name: "sync 1% churn", arguments: ["sync", "--source", second]),
        Step(name: "sync again", arguments: ["sync", "--source", second]),
        Step(name: "plan", arguments: ["plan", "--source", second]),
        Step(name: "explain one person", arguments: ["explain", "--source", second, someone]),
        Step(name: "people list --format json", arguments: ["people", "list", "--format", "json"], discardOutput: true),
        Step(name: "people list", arguments: ["people", "list"], discardOutput: true),
      ], in: store)
      // A migration reviewed first: the import's plan saved, then applied to an empty store.
      run([
        Step(name: "save import plan", arguments: ["import", "--source", first, "--dry-run", "--out", planFile]),
        Step(name: "apply saved import", arguments: ["apply", planFile]),
      ], in: postgres ?? store + "-saved")
      try? FileManager.default.removeItem(atPath: planFile)
    }
    ok = check(results, expected: workload.expectedCreated) && ok
    for name in Self.scenarioNames {
      let runs = results[name] ?? []
      let wall = median(runs.map(\.wall))
      let users = ["import", "save import plan", "apply saved import"].contains(name) ? workload.day1People : workload.day2People
      // A phase of another command has no CPU or memory of its own.
      let (cpu, peak) = name == "read export (plan)" ? ("-", "-") : (fmt(median(runs.map(\.cpu))), "\(Int(median(runs.map(\.peakRSS))))")
      emit("| \(name) | \(size) | \(format) | \(fmt(wall)) | \(cpu) | \(peak) | \(Int(Double(users) / max(wall, 0.001))) |")
    }
    return (ok, results)
  }

  /// The import must create exactly the people who should be active; a repeated sync must change nothing.
  private func check(_ results: [String: [Measurement]], expected: Int) -> Bool {
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

  /// Reference points on the same data: the parser anchor (simdjson), SQLite's own CSV import
  /// into keyed tables, `sqlite3 -json` listing the store's people, and Python's json.load.
  private func referenceRows(_ workload: Workload) -> References {
    let size = workload.size
    let (jsonDay1, jsonDay2) = exports(size, "json")
    let (csvDay1, _) = exports(size, "csv")
    var found = References()
    let anchor = References.simdjsonAnchor(in: work)
    if anchor == nil { emit("note: simdjson anchor skipped (needs g++ and Debian's libsimdjson-dev)") }
    let database = work.appendingPathComponent("reference-\(size).sqlite").path
    let store = work.appendingPathComponent("store-\(size)-json.sqlite").path
    for _ in 0..<repeats {
      try? FileManager.default.removeItem(atPath: database)
      found.sqliteImport.append(measure("sqlite3", [database, "-cmd", ".mode csv", ".import \(csvDay1)/users.csv users"]))
      try? FileManager.default.removeItem(atPath: database)
      found.sqliteKeyedImport.append(measure("sqlite3", [database] + References.keyedImport(csvDay1)))
      if postgres == nil, FileManager.default.fileExists(atPath: store) {
        found.sqliteListing.append(measure("sqlite3", ["-json", store, References.listingQuery], stdoutPath: "/dev/null"))
      }
      found.python.append(measure("python3", ["-c", "import json,sys; json.load(open(sys.argv[1]))", "\(jsonDay1)/users.json"]))
      if let anchor {
        let run = measure(anchor, [jsonDay2])
        if let parse = References.parseSeconds(run.output) {
          found.simdjson.append(Measurement(status: run.status, wall: parse, cpu: run.cpu, peakRSS: run.peakRSS, output: ""))
        }
      }
    }
    try? FileManager.default.removeItem(atPath: database)
    for (name, runs) in [
      ("reference: sqlite3 .import users.csv", found.sqliteImport),
      ("reference: sqlite3 keyed import of users, groups, memberships", found.sqliteKeyedImport),
      ("reference: sqlite3 -json of the store's people", found.sqliteListing),
      ("reference: python3 json.load users.json", found.python),
      ("reference: simdjson On Demand, day 2, parse seconds", found.simdjson),
    ] where !runs.isEmpty {
      let wall = median(runs.map(\.wall))
      emit("| \(name) | \(size) | - | \(fmt(wall)) | \(fmt(median(runs.map(\.cpu)))) | \(Int(median(runs.map(\.peakRSS)))) | \(Int(Double(size) / max(wall, 0.001))) |")
    }
    return found
  }

  private func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
}
