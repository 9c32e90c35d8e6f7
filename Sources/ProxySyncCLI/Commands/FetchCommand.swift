import Foundation
import ProxySyncCore
import ProxySyncFetch

extension Option {
  static let oktaURL = Option("--okta-url", "URL", "the Okta org, https://ORG.okta.com", config: .value("oktaUrl"))
  static let appID = Option("--app-id", "ID", "the Proxy app's id in Okta (0oa…)", config: .value("appId"))
  static let exportOut = Option("--out", "DIR", "where the export goes; must not exist yet, unless --replace")
  static let replace = Option("--replace", nil, "swap an existing DIR for the new export once it is complete")
  static let tokenFile = Option(
    "--token-file", "FILE", "read the API token from FILE (yours, readable by you only)", config: .value("tokenFile"))
  static let parallel = Option("--parallel", "N", "requests in flight at once (default 4)")
  static let maxWait = Option(
    "--max-wait", "SECONDS", "the longest single wait for Okta's rate limit or a retry; a\nlonger one fails the fetch (default 600)",
    config: .value("maxWait"))
  static let requestTimeout = Option(
    "--request-timeout", "SECONDS", "the longest one request may take, to its last byte; past it\nthe request counts as failed and is tried again (default 120)",
    config: .value("requestTimeout"))
  static let fetchTimeout = Option(
    "--timeout", "SECONDS", "the longest the whole fetch may take (default 14400, 4 hours)", config: .value("fetchTimeout"))
}

/// `proxysync fetch`: the export folder straight from Okta's Management API.
enum FetchCommand {
  static let options: [Option] = [
    .oktaURL, .appID, .exportOut, .replace, .tokenFile, .parallel, .maxWait, .requestTimeout, .fetchTimeout, .metricsFile, .config,
    .logFormat, .quiet,
  ]

  static let command = Command.leaf(
    usage: "proxysync fetch --okta-url https://ORG.okta.com --app-id APP_ID --out DIR [options]",
    about: """
      Fetches the users, groups, group members, app assignments and Group Push mappings of the
      Proxy app into DIR, exactly as sync reads them, with GET requests only. DIR appears only once
      every listing is complete; a failed or stopped fetch leaves nothing there. The token comes
      from OKTA_API_TOKEN or --token-file, never from the command line.
      Exit status: 0 ok, 1 failed (one line says why), 2 usage.
      """,
    options: options, run: run)

  static func run(_ raw: ArraySlice<String>, _ context: Context) throws(ProxySyncError) -> ExitStatus {
    let arguments = try Arguments(raw, accepting: options)
    _ = try arguments.positionals(0, "")
    let address = try arguments.required(.oktaURL)
    let org: OktaURL
    do throws(FetchError) { org = try OktaURL(address) } catch { throw .usage(error.message) }
    let appID = try arguments.required(.appID)
    let out = try arguments.required(.exportOut)
    let parallel = try number(arguments, .parallel, default: 4, in: 1...16)
    var settings = OktaClient.Settings()
    settings.maxWait = Double(try number(arguments, .maxWait, default: 600, in: 0...86_400))
    settings.requestTimeout = Double(try number(arguments, .requestTimeout, default: 120, in: 1...3_600))
    settings.timeout = Double(try number(arguments, .fetchTimeout, default: 14_400, in: 1...604_800))
    let token = try readToken(arguments, context)
    let startedAt = context.clock()

    let writer: ExportFolderWriter
    do throws(FetchError) { writer = try ExportFolderWriter(destination: out, replace: arguments.has(.replace)) } catch {
      throw .failure("fetch refused: \(error.message)")
    }
    let progress = FetchProgress(context: context, quiet: arguments.has(.quiet))
    let client = OktaClient(
      org: org, token: token, settings: settings, clock: context.clock, events: { progress.record($0) })
    // SIGTERM or SIGINT: stop the requests, remove what was written, exit 1.
    let stop = StopSignals { client.cancel() }
    defer { stop.restore() }
    let summary: OktaFetch.Summary
    let began = ContinuousClock.now
    do throws(FetchError) {
      summary = try OktaFetch.run(OktaFetch.Request(org: org, appID: appID, parallel: parallel, startedAt: startedAt), client: client, writer: writer)
      try writer.commit()
    } catch {
      progress.finish()
      writer.abandon()
      report(arguments, context, org: org, client: client, began: began, status: .failure, summary: nil)
      let reason = stop.caught ? "stopped by a signal" : error.message
      throw .failure("fetch from \(org.host) failed: \(reason); nothing was written to \(out)")
    }
    report(arguments, context, org: org, client: client, began: began, status: .ok, summary: summary)
    progress.finish()
    let line = "fetched \(org.host) into \(out): \(summary.users) users (and \(summary.deprovisioned) deprovisioned), \(summary.groups) groups, \(summary.memberListings) member listings\(summary.hasPushMappings ? ", Group Push mappings" : "")"
    if context.logFormat == .json {
      context.log("info", [
        ("phase", .string("done")), ("outcome", .string("fetched")), ("out", .string(out)), ("users", .int(summary.users)),
        ("deprovisioned", .int(summary.deprovisioned)), ("groups", .int(summary.groups)), ("memberListings", .int(summary.memberListings)),
      ])
    }
    context.console.out(line + "\n")
    return .ok
  }

  private static func number(_ arguments: Arguments, _ option: Option, default value: Int, in range: ClosedRange<Int>) throws(ProxySyncError) -> Int {
    guard let text = arguments[option] else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw .usage("\(option.name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
    }
    return number
  }
}
