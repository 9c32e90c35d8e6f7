import Foundation

// proxysync-bench: generates realistic Okta exports and times proxysync on them.
// See BENCHMARKS.md for the scenarios, the reference commands and the latest figures.

let usage = """
  usage: proxysync-bench run [--sizes 10k,100k,1m] [--formats json,csv,ndjson,fetched] [--repeat N]
                             [--work DIR] [--references] [--smoke] [--postgres URL]
         proxysync-bench generate --people N --out DIR [--format json|csv|ndjson|fetched] [--seed S] [--day 1|2] [--churn 0.01]

  run         generates each size once (cached in --work, default ./.bench), then measures the
              scenarios: import into an empty store, nightly sync with 1% churn, the same sync
              again, and plan only. Prints medians of --repeat runs (default 3).
  --formats   json, csv and ndjson write one file per listing; fetched writes Okta's API pages
              as `proxysync fetch` saves them, every group's members as whole User objects
  --references  also measures the yardsticks on the same data (simdjson On Demand when g++ and
              libsimdjson-dev are installed, sqlite3's CSV imports and JSON listing, Python's
              json.load) and prints issue #21's targets as ratios against them
  --smoke     checks counts and exits non-zero on any mismatch (what CI runs at 10k)
  --postgres  measures a PostgreSQL store (a build with --traits PostgreSQL) in this database,
              emptied with psql before each repeat; the server's own CPU is not counted. The
              JSON scenarios also run on SQLite first, for the PostgreSQL-to-SQLite ratios
  generate    writes one export folder

  """

func option(_ name: String, _ arguments: [String]) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

func parseSize(_ text: String) -> Int? {
  let lower = text.lowercased()
  if lower.hasSuffix("k") { return Int(lower.dropLast()).map { $0 * 1_000 } }
  if lower.hasSuffix("m") { return Int(lower.dropLast()).map { $0 * 1_000_000 } }
  return Int(lower)
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "measure-child":
  exit(measureChild(Array(arguments.dropFirst())))
case "generate":
  guard let people = option("--people", arguments).flatMap(parseSize), let out = option("--out", arguments) else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
  }
  let seed = UInt64(option("--seed", arguments) ?? "1") ?? 1
  var company = Company(size: people, seed: seed)
  if option("--day", arguments) == "2" {
    company = company.nextDay(churn: Double(option("--churn", arguments) ?? "0.01") ?? 0.01, seed: seed)
  }
  try ExportWriter(format: option("--format", arguments) ?? "json", folder: URL(fileURLWithPath: out)).write(company)
case "run":
  let sizes = (option("--sizes", arguments) ?? "10k,100k").split(separator: ",").compactMap { parseSize(String($0)) }
  let formats = (option("--formats", arguments) ?? "json").split(separator: ",").map(String.init)
  var bench = Bench(
    work: URL(fileURLWithPath: option("--work", arguments) ?? ".bench"), repeats: Int(option("--repeat", arguments) ?? "3") ?? 3,
    references: arguments.contains("--references"), smoke: arguments.contains("--smoke"))
  bench.postgres = option("--postgres", arguments)
  exit(bench.run(sizes: sizes, formats: formats) ? 0 : 1)
default:
  FileHandle.standardError.write(Data(usage.utf8))
  exit(arguments.first == nil ? 2 : (arguments.first == "--help" ? 0 : 2))
}
