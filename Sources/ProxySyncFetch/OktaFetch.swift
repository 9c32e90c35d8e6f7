import Foundation
import ProxySyncCore

/// `proxysync fetch`: one Okta org's export for the Proxy app, written as `sync` reads it.
///
/// GET requests only, never a write to Okta. The folder holds:
/// - `users/page-*.json`: Okta's default user listing, which leaves DEPROVISIONED users out, and
///   `users/deprovisioned-*.json`: those, listed on their own (a user who changed listing
///   during the fetch is kept once, from the default listing: tonight is then no deactivation);
/// - `groups/page-*.json`;
/// - `group-members/<groupId>/page-*.json`: Okta's member listing (User objects) of every group
///   a sync can push or that assigns the app; others are not fetched, their members mean nothing
///   to Proxy. No group needs any: `group-members.json` holding `[]`;
/// - `app-users/` and `app-groups/` pages of the Proxy app;
/// - `group-push-mappings.json`, only when the app has mappings (an empty file would mean
///   "push no group");
/// - `manifest.json`: the org, the app, and when the fetch started.
package enum OktaFetch {
  package struct Request: Sendable {
    package var org: OktaURL
    package var appID: String
    /// Requests in flight at once.
    package var parallel = 4
    /// When the fetch started, by the local clock: the manifest's `exportedAt`.
    package var startedAt: Date
    package init(org: OktaURL, appID: String, parallel: Int = 4, startedAt: Date) {
      self.org = org
      self.appID = appID
      self.parallel = parallel
      self.startedAt = startedAt
    }
  }

  /// What was fetched, for the closing line.
  package struct Summary: Sendable, Equatable {
    package var users = 0
    package var deprovisioned = 0
    package var groups = 0
    package var memberListings = 0
    package var hasPushMappings = false
  }

  /// Fetches everything into `writer`'s temporary folder; the caller commits or abandons it.
  package static func run(_ request: Request, client: OktaClient, writer: ExportFolderWriter) throws(FetchError) -> Summary {
    guard !request.appID.isEmpty, request.appID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
      throw FetchError("--app-id \"\(request.appID)\" is not an Okta app id (letters and digits, such as 0oa1b2c3d4…)")
    }
    let state = FetchState()
    let org = request.org
    let app = "/api/v1/apps/\(request.appID)"
    for folder in ["users", "groups", "app-users", "app-groups"] { try writer.folder(folder) }

    let work = ParallelWork()
    // Members of the groups whose members can matter (pushed or assigning the app), listed as
    // soon as the three listings that say which groups those are have been read: Okta counts
    // the groups family apart from the users family, so they run beside the users listing.
    let membersNamed = Countdown(3) { () throws(FetchError) in
      let mappings = state.collectedMappings
      let needed = state.groupsNeedingMembers(mappings: mappings.isEmpty ? nil : mappings)
      for id in needed where !OktaGroupID.looksValid(id) {
        throw FetchError("Okta listed a group with the id \"\(id)\", which cannot name a folder; nothing was written")
      }
      state.memberListings = needed.count
      guard !needed.isEmpty else { return try writer.write("group-members.json", Data("[]\n".utf8)) }
      try writer.folder("group-members")
      work.add(needed.map { id in
        { () throws(FetchError) in
          try writer.folder("group-members/\(id)")
          try pages(client, org.url("/api/v1/groups/\(id)/users", [("limit", "1000")]), into: writer, "group-members/\(id)/page",
            listing: "group members", parse: false)
        }
      })
    }
    // The users listing, the long one, first.
    work.add([
      {
        try pages(client, org.url("/api/v1/users", [("limit", "200")]), into: writer, "users/page", listing: "users") { page in
          state.listed(ids(page.records))
        }
      },
      {
        try pages(client, org.url("/api/v1/groups", [("limit", "1000")]), into: writer, "groups/page", listing: "groups") { page in
          state.groups(page.records.compactMap { record in
            (record["id"] as? String).map { ($0, record["type"] as? String ?? "OKTA_GROUP") }
          })
        }
        try membersNamed.done()
      },
      {
        try pages(client, org.url("\(app)/groups", [("limit", "200")]), into: writer, "app-groups/page", listing: "app groups") { page in
          state.assigned(ids(page.records))
        }
        try membersNamed.done()
      },
      {
        // Collected, and written as one file only if there are any; an org without Group Push
        // for this app answers 404.
        try pages(client, org.url("\(app)/group-push/mappings", [("limit", "1000")]), into: nil, "", listing: "group push mappings",
          missingIsEmpty: true) { page in state.mappings(page.records) }
        try membersNamed.done()
      },
      {
        try pages(client, org.url("/api/v1/users", [("filter", "status eq \"DEPROVISIONED\""), ("limit", "200")]), into: writer,
          "users/deprovisioned", listing: "deprovisioned users") { page in state.deprovisioned(page.name, ids(page.records)) }
      },
      {
        try pages(client, org.url("\(app)/users", [("limit", "500")]), into: writer, "app-users/page", listing: "app users", parse: false)
      },
    ])
    try work.run(width: request.parallel, onFailure: client.cancel)

    try keepEachUserOnce(state, writer)
    let mappings = state.collectedMappings
    if !mappings.isEmpty {
      try writer.write("group-push-mappings.json", try json(mappings))
    }

    let manifest: [String: Any] = [
      "oktaOrg": org.host, "appId": request.appID, "exportedAt": ISO8601DateFormatter().string(from: request.startedAt),
    ]
    try writer.write("manifest.json", try json(manifest))
    var summary = state.summary
    summary.hasPushMappings = !mappings.isEmpty
    return summary
  }

  /// A page as written: its file name and its records (when parsed).
  struct Page {
    var name: String
    var records: [[String: Any]]
  }

  /// The file of a listing's page `number`: six digits, so name order is page order.
  package static func pageName(_ prefix: String, _ number: Int) -> String {
    "\(prefix)-\(String(number).leftPadded(to: 6)).json"
  }

  /// Follows one listing page by page, writing each page as it came (`PREFIX-000001.json`, …),
  /// at least one even when empty, so the folder says "none" rather than nothing.
  private static func pages(
    _ client: OktaClient, _ first: URL, into writer: ExportFolderWriter?, _ prefix: String, listing: String,
    parse: Bool = true, missingIsEmpty: Bool = false, onPage: (Page) -> Void = { _ in }
  ) throws(FetchError) {
    var next: URL? = first
    var number = 0
    // A server that links back to a page already fetched would be followed for ever.
    var followed = Set<String>()
    while let url = next {
      guard followed.insert(url.absoluteString).inserted else {
        throw FetchError("\(first.path): Okta's next-page link leads back to a page already fetched (a loop); giving up")
      }
      guard let (body, following) = try client.get(url, missingIsEmpty: missingIsEmpty) else { return }
      number += 1
      let name = pageName(prefix, number)
      let records = parse ? try array(body, url) : []
      if !parse { try checkArray(body, url) }
      try writer?.write(name, body)
      client.report(.page(listing: listing, records: parse ? records.count : nil, bytes: body.count))
      onPage(Page(name: name, records: records))
      next = following
    }
  }

  /// A user who moved between the two user listings while they were fetched is kept once.
  private static func keepEachUserOnce(_ state: FetchState, _ writer: ExportFolderWriter) throws(FetchError) {
    for (name, repeated) in state.deprovisionedPagesRepeatingListedUsers() {
      let url = writer.temporary.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: url) else { throw FetchError("cannot read back \(name)") }
      let kept = try array(data, url).filter { ($0["id"] as? String).map { !repeated.contains($0) } ?? true }
      try writer.write(name, try json(kept))
    }
  }

  static func ids(_ records: [[String: Any]]) -> [String] { records.compactMap { $0["id"] as? String } }

  private static func array(_ body: Data, _ url: URL) throws(FetchError) -> [[String: Any]] {
    guard let records = try? JSONSerialization.jsonObject(with: body) as? [[String: Any]] else {
      throw FetchError("\(url.path): Okta's answer is not a JSON list")
    }
    return records
  }

  /// A cheap check for pages not parsed: a JSON list, not an error object or an HTML page.
  private static func checkArray(_ body: Data, _ url: URL) throws(FetchError) {
    let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    guard first == UInt8(ascii: "[") else { throw FetchError("\(url.path): Okta's answer is not a JSON list") }
  }

  private static func json(_ value: Any) throws(FetchError) -> Data {
    guard var data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else {
      throw FetchError("cannot write JSON")
    }
    data.append(0x0A)
    return data
  }
}
