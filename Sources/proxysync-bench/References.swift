import Foundation

/// The yardsticks measured beside proxysync on the same data, from the same run.
struct References {
  var sqliteImport: [Measurement] = []
  var sqliteKeyedImport: [Measurement] = []
  var sqliteListing: [Measurement] = []
  var python: [Measurement] = []
  /// simdjson On Demand's parse seconds for the day-2 export (its own clock, files already loaded).
  var simdjson: [Measurement] = []

  /// The same people, columns and order `people list --format json` prints.
  static let listingQuery = """
    SELECT okta_user_id, email, first_name, last_name, mobile_phone, title, department, employee_number, status, role
    FROM person WHERE org_id = (SELECT id FROM organization WHERE name = 'bench') ORDER BY email
    """

  /// `sqlite3` arguments importing the export's users, groups and memberships into tables keyed
  /// as the store keys them (Okta ids, membership pairs) with the email index a store keeps.
  static func keyedImport(_ csvFolder: String) -> [String] {
    // The header only: the file is a hundred megabytes at a million people.
    let handle = FileHandle(forReadingAtPath: "\(csvFolder)/users.csv")
    let start = (try? handle?.read(upToCount: 4_096)) ?? nil
    try? handle?.close()
    let header = String(decoding: (start ?? Data()).prefix { $0 != 0x0A }, as: UTF8.self)
    let columns = header.split(separator: ",").map { $0 == "id" ? "id TEXT PRIMARY KEY" : "\($0) TEXT" }.joined(separator: ", ")
    return [
      "-cmd", "CREATE TABLE users(\(columns)); CREATE INDEX users_email ON users(email)",
      "-cmd", "CREATE TABLE groups(id TEXT PRIMARY KEY, type TEXT, name TEXT, description TEXT)",
      "-cmd", "CREATE TABLE members(groupId TEXT, userId TEXT, PRIMARY KEY (groupId, userId)) WITHOUT ROWID",
      "-cmd", ".import --csv --skip 1 \(csvFolder)/users.csv users",
      "-cmd", ".import --csv --skip 1 \(csvFolder)/groups.csv groups",
      ".import --csv --skip 1 \(csvFolder)/group-members.csv members",
    ]
  }

  /// The parser anchor (`simdjson_extract.cpp`, beside this file), built once into `work` with
  /// g++ against Debian's libsimdjson-dev; nil when either is missing.
  static func simdjsonAnchor(in work: URL) -> String? {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("simdjson_extract.cpp").path
    let binary = work.appendingPathComponent("simdjson_extract").path
    if FileManager.default.isExecutableFile(atPath: binary) { return binary }
    guard FileManager.default.fileExists(atPath: "/usr/include/simdjson.h"), FileManager.default.fileExists(atPath: source) else { return nil }
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let built = measure("g++", ["-O3", "-march=native", "-o", binary, source, "-lsimdjson"])
    return built.status == 0 ? binary : nil
  }

  /// "… seconds 2.350 (loading files 1.107, parsing 1.243)" → 1.243.
  static func parseSeconds(_ output: String) -> Double? {
    guard let range = output.range(of: "parsing ") else { return nil }
    return Double(output[range.upperBound...].prefix { $0.isNumber || $0 == "." })
  }
}

/// Issue #21's targets, each as a ratio against its anchor from the same run.
struct Targets {
  let size: Int
  let results: [String: [Measurement]]
  let references: References
  /// The same scenarios on SQLite when `results` are PostgreSQL's.
  var sqlite: [String: [Measurement]]? = nil

  func print() {
    emit("")
    emit("Targets at \(size) people, medians of this run:")
    emit("")
    emit("| target | measured | anchor | ratio | limit | |")
    emit("|---|---:|---|---:|---:|---|")
    func wall(_ runs: [Measurement]?) -> Double? { runs.flatMap { $0.isEmpty ? nil : median($0.map(\.wall)) } }
    func row(_ what: String, _ value: Double?, _ anchorName: String, _ anchor: Double?, limit: Double) {
      guard let value, let anchor, anchor > 0 else { return emit("| \(what) | \(value.map(seconds) ?? "-") | \(anchorName): not measured | | ≤ \(limit)× | |") }
      let ratio = value / anchor
      emit("| \(what) | \(seconds(value)) | \(anchorName) \(seconds(anchor)) | \(String(format: "%.2f", ratio))× | ≤ \(limit)× | \(ratio <= limit ? "met" : "**not met**") |")
    }
    func memory(_ what: String, _ runs: [Measurement]?, below limit: Double) {
      guard let runs, !runs.isEmpty else { return }
      let peak = median(runs.map(\.peakRSS))
      emit("| \(what) | \(Int(peak)) MiB | | | < \(Int(limit)) MiB | \(peak < limit ? "met" : "**not met**") |")
    }
    let parse = wall(references.simdjson)
    if let sqlite {
      row("PostgreSQL first import", wall(results["import"]), "SQLite", wall(sqlite["import"]), limit: 1.3)
      row("PostgreSQL nightly sync, 1% churn", wall(results["sync 1% churn"]), "SQLite", wall(sqlite["sync 1% churn"]), limit: 1.2)
      return
    }
    row("reading the export (plan's phase)", wall(results["read export (plan)"]), "simdjson parse", parse, limit: 2)
    row("nightly sync, 1% churn", wall(results["sync 1% churn"]), "simdjson parse", parse, limit: 4)
    row("no-op sync", wall(results["sync again"]), "simdjson parse", parse, limit: 3.5)
    memory("peak memory of the nightly", results["sync 1% churn"], below: 1024)
    row("first import", wall(results["import"]), "sqlite3 keyed import", wall(references.sqliteKeyedImport), limit: 1.3)
    row("explain one person", wall(results["explain one person"]), "plan", wall(results["plan"]), limit: 1.1)
    row("people list --format json", wall(results["people list --format json"]), "sqlite3 -json", wall(references.sqliteListing), limit: 2)
    memory("people list --format json, memory", results["people list --format json"], below: 100)
    memory("people list, memory", results["people list"], below: 100)
  }

  private func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}
