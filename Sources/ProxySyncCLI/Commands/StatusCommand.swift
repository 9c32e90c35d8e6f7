import Foundation
import ProxySyncCore

extension Option {
  static let maxAge = Option("--max-age", "HOURS", "a problem when the last successful run is older than this", config: .value("maxAge"))
}

/// `proxysync status`: how an organization's nights stand, as a monitoring check can use it.
enum StatusCommand {
  static let format = Option.format([.text, .json])
  static let options: [Option] = [.store, .org, .maxAge, format]

  static let command = Command.leaf(
    usage: "proxysync status --org NAME [--max-age HOURS] [options]",
    about: """
      The last run and its outcome, the last successful run and how long ago, runs held for
      approval and not yet approved, who holds the organization's lock now, the store's size.
      Reads run records only. The first line says OK, or PROBLEM and why.
      Exit status: 0 all is well, 1 the last run failed or was refused, the last success is older
      than --max-age, or a held run waits for approval (a Nagios-style check as it is).
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    _ = try arguments.positionals(0, "")
    let format = try Common.format(arguments, Self.format)
    var maxAge: Double?
    if let text = arguments[.maxAge] {
      guard let hours = Double(text), hours > 0 else { throw .usage("--max-age takes a number of hours, not \"\(text)\"") }
      maxAge = hours
    }
    let store = try Common.openStore(arguments, context)
    let organization = try Common.organization(arguments, context, in: store)
    let runs = try store.loadRuns(of: organization, limit: 400)
    var waiting: [RunRecord] = []
    for run in runs where run.outcome == .held {
      if let held = try store.loadHeld(of: run.id), held.approvedIn == nil { waiting.append(run) }
    }
    let status = StoreStatus(runs: runs, waiting: waiting, lockHolder: try store.loadLockHolder(of: organization), bytes: try store.loadSize())
    let now = Int64(context.clock().timeIntervalSince1970.rounded(.down))
    let problems = status.problems(now: now, maxAge: maxAge)
    context.console.out(format == .json ? json(status, problems, now: now).rendered() + "\n" : text(status, problems, organization, now: now))
    return problems.isEmpty ? .ok : .failure
  }

  static func text(_ status: StoreStatus, _ problems: [String], _ organization: Organization, now: Int64) -> String {
    func ago(_ run: RunRecord) -> String { Timestamp.secondsSince1970(run.startedAt).map { " (\(StoreStatus.age(now - $0)) ago)" } ?? "" }
    var lines = [problems.first.map { "\(organization.name): PROBLEM: \($0)" } ?? "\(organization.name): OK"]
    lines += problems.dropFirst().map { "  also: \($0)" }
    lines.append("last run: " + (status.lastRun.map { "\($0.id) \($0.command), \($0.startedAt)\(ago($0)), \($0.outcome.rawValue)" } ?? "none"))
    lines.append("last success: " + (status.lastSuccess.map { "\($0.id) \($0.command), \($0.startedAt)\(ago($0))" } ?? "none"))
    lines.append("held for approval: " + (status.waiting.isEmpty ? "none" : status.waiting.map(\.id.rawValue).joined(separator: ", ")))
    lines.append("lock: " + (status.lockHolder.map { "held by \($0)" } ?? "free"))
    lines.append("store: " + (status.bytes.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "size unknown"))
    return lines.map { $0.escapingControlCharacters() }.joined(separator: "\n") + "\n"
  }

  static func json(_ status: StoreStatus, _ problems: [String], now: Int64) -> JSONValue {
    func run(_ record: RunRecord?) -> JSONValue {
      guard let record else { return .null }
      return .object([
        ("id", .string(record.id.rawValue)), ("command", .string(record.command)), ("startedAt", .string(record.startedAt)),
        ("outcome", .string(record.outcome.rawValue)),
        ("ageSeconds", Timestamp.secondsSince1970(record.startedAt).map { .int(Int(now - $0)) } ?? .null),
      ])
    }
    return .object([
      ("ok", .bool(problems.isEmpty)), ("problems", .array(problems.map(JSONValue.string))), ("lastRun", run(status.lastRun)),
      ("lastSuccess", run(status.lastSuccess)), ("heldForApproval", .array(status.waiting.map { .string($0.id.rawValue) })),
      ("lock", status.lockHolder.map { .string($0.description) } ?? .null), ("storeBytes", status.bytes.map { .int(Int($0)) } ?? .null),
    ])
  }
}
