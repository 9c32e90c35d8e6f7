import Foundation

/// A fake Okta org behind `FakeHTTPServer`: the Management API listings proxysync fetches, paged
/// with `Link` headers and guarded by an API token, with faults a test can queue.
package final class FakeOkta: @unchecked Sendable {
  package static let token = "00FAKE-okta-TOKEN-9f8e7d6c5b4a"
  package let appID = "0oaProxyApp000000001"
  package let groupIDs = ["00gEveryone000000000", "00gEng00000000000001", "00gSales000000000002", "00gOps0000000000003",
    "00gDesign00000000004", "00gSupport0000000005", "00gAdGroup0000000006"]

  /// Something to answer instead of the real page, once, for a path.
  package enum Fault: Sendable {
    case status(Int, summary: String = "Server error", resetIn: Int? = nil)
    /// Signals `arrived`, then holds the request until `release` is signalled (then answers
    /// normally).
    case hang(arrived: DispatchSemaphore, release: DispatchSemaphore)
    /// This answer instead of the page.
    case raw(FakeHTTPServer.Response)
    /// The page, saying the rate limit is spent until `resetIn` seconds from now.
    case spentWindow(resetIn: Int)
    /// The page, its body sent a byte every `trickle` seconds; `arrived` is signalled when the
    /// request comes in.
    case slow(trickle: Double, arrived: DispatchSemaphore? = nil)
  }

  package var pageSize = 37
  /// Okta's rate limit as it counts it, each family of endpoints (`/api/v1/users…`,
  /// `/api/v1/groups…`, `/api/v1/apps…`) on its own: this many requests per window of whole
  /// seconds, past which the answer is 429. Nil: no limit (every answer says 500 left).
  package var familyLimit: (requests: Int, seconds: Int)?
  /// Requests answered 429 because their family's window was spent.
  package var overLimit: Int { lock.withLock { refused } }
  /// Requests per family, counted in the window that holds them.
  private var windowCounts: [String: (window: Int, count: Int)] = [:]
  private var refused = 0
  /// Group Push mappings of the app: nil answers 404 (no Group Push), else these.
  package var mappings: [(group: String, status: String)]?
  private let lock = NSLock()
  private var queued: [String: [Fault]] = [:]
  private var failing: [String: (Int, String)] = [:]
  private var server: FakeHTTPServer?

  package let users: [(id: String, status: String, email: String, first: String, title: String)]
  /// Group index → member user indexes.
  package let members: [Int: [Int]]
  package let directlyAssigned: [Int]

  package init(people: Int = 300) throws {
    users = (0..<people).map { index in
      let status = index % 20 == 7 ? "DEPROVISIONED" : index % 25 == 3 ? "SUSPENDED" : index % 50 == 11 ? "STAGED" : index % 9 == 4 ? "PROVISIONED" : "ACTIVE"
      return (String(format: "00u%017d", index + 1), status, "person\(index)@acme.example", "Person\(index)", index % 3 == 0 ? "Engineer" : "Analyst")
    }
    var members: [Int: [Int]] = [0: Array(0..<people)]
    for index in 0..<people { members[1 + index % 5, default: []].append(index) }
    members[6] = Array(stride(from: 0, to: people, by: 30))
    self.members = members
    directlyAssigned = (0..<people).filter { $0 % 5 != 0 }
    // Weak: a request still in flight (a killed child's) may arrive after the test let go.
    server = try FakeHTTPServer { [weak self] request in
      self?.answer(request) ?? FakeHTTPServer.Response(status: 503)
    }
  }

  deinit { server?.stop() }

  package var url: String { server?.baseURL ?? "" }
  package var requests: [FakeHTTPServer.Request] { server?.requests ?? [] }
  package func stop() { server?.stop() }

  /// Answers the next request for `path` with `fault` instead (in order, each once).
  package func queue(_ fault: Fault, for path: String) { lock.withLock { queued[path, default: []].append(fault) } }
  /// Answers every request for `path` with this error.
  package func fail(_ path: String, status: Int, summary: String) { lock.withLock { failing[path] = (status, summary) } }

  // MARK: The API

  private func answer(_ request: FakeHTTPServer.Request) -> FakeHTTPServer.Response {
    guard request.headers["authorization"] == "SSWS \(Self.token)" else {
      return error(401, "Invalid token provided", code: "E0000011")
    }
    var window: (remaining: Int, reset: Int)?
    if let (limit, seconds) = familyLimit {
      let parts = request.path.split(separator: "/")
      let family = parts.count > 2 ? String(parts[2]) : request.path
      let current = Int(Date().timeIntervalSince1970) / seconds
      let count = lock.withLock {
        let count = windowCounts[family].map { $0.window == current ? $0.count + 1 : 1 } ?? 1
        windowCounts[family] = (current, count)
        if count > limit { refused += 1 }
        return count
      }
      window = (max(0, limit - count), (current + 1) * seconds)
      if count > limit {
        var response = error(429, "API call exceeded rate limit due to too many requests.", code: "E0000047")
        response.headers += windowHeaders(remaining: 0, reset: (current + 1) * seconds)
        return response
      }
    }
    let fault: Fault? = lock.withLock { queued[request.path]?.isEmpty == false ? queued[request.path]?.removeFirst() : nil }
    switch fault {
    case .status(let status, let summary, let resetIn)?:
      var response = error(status, summary, code: status == 429 ? "E0000047" : "E0000009")
      if let resetIn { response.headers += rateHeaders(remaining: 0, resetIn: resetIn) }
      return response
    case .hang(let arrived, let release)?:
      arrived.signal()
      release.wait()
    case .raw(let response)?:
      return response
    case .spentWindow, .slow, nil: break
    }
    if let (status, summary) = lock.withLock({ failing[request.path] }) { return error(status, summary, code: "E0000006") }
    let path = request.path
    let records: [Any]
    switch path {
    case "/api/v1/users":
      let deprovisioned = request.query["filter"] == "status eq \"DEPROVISIONED\""
      records = users.indices.filter { (users[$0].status == "DEPROVISIONED") == deprovisioned }.map(user)
    case "/api/v1/groups":
      records = groupIDs.indices.map(group)
    case "/api/v1/apps/\(appID)/users":
      records = assigned.map { ["id": users[$0].id, "scope": directlyAssigned.contains($0) ? "USER" : "GROUP", "status": "PROVISIONED",
        "credentials": ["userName": users[$0].email], "_links": ["user": ["href": "\(url)/api/v1/users/\(users[$0].id)"]]] }
    case "/api/v1/apps/\(appID)/groups":
      records = [["id": groupIDs[1], "priority": 0, "profile": [:] as [String: Any]]]
    case "/api/v1/apps/\(appID)/group-push/mappings":
      guard let mappings else { return error(404, "Not found: Resource not found: group-push (AppInstance)", code: "E0000007") }
      records = mappings.enumerated().map { ["id": "gPm\($0.offset)", "sourceGroupId": $0.element.group, "status": $0.element.status, "targetGroupId": "00gTarget\($0.offset)"] }
    default:
      guard path.hasPrefix("/api/v1/groups/"), path.hasSuffix("/users"),
        let index = groupIDs.firstIndex(of: String(path.dropFirst("/api/v1/groups/".count).dropLast("/users".count)))
      else { return error(404, "Not found: Resource not found", code: "E0000007") }
      records = (members[index] ?? []).map(user)
    }
    var response = page(records, request)
    if let window {
      response.headers.removeAll { $0.0.hasPrefix("X-Rate-Limit") || $0.0 == "Date" }
      response.headers += windowHeaders(remaining: window.remaining, reset: window.reset)
    }
    switch fault {
    case .spentWindow(let resetIn)?:
      response.headers.removeAll { $0.0.hasPrefix("X-Rate-Limit") || $0.0 == "Date" }
      response.headers += rateHeaders(remaining: 0, resetIn: resetIn)
    case .slow(let trickle, let arrived)?:
      response.trickle = trickle
      arrived?.signal()
    default: break
    }
    return response
  }

  /// Users who have the app: directly, or through the assigned Eng group.
  private var assigned: [Int] { Array(Set(directlyAssigned).union(members[1] ?? [])).sorted() }

  private func page(_ records: [Any], _ request: FakeHTTPServer.Request) -> FakeHTTPServer.Response {
    let limit = min(Int(request.query["limit"] ?? "") ?? 200, pageSize)
    let start = Int(request.query["after"].map { String($0.dropFirst()) } ?? "") ?? 0
    let end = min(records.count, start + limit)
    var headers = rateHeaders(remaining: 500, resetIn: 60)
    headers.append(("Content-Type", "application/json"))
    if end < records.count {
      var next = URLComponents(string: "\(url)\(request.path)")
      next?.queryItems = request.query.filter { $0.key != "after" }.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        + [URLQueryItem(name: "after", value: "c\(end)")]
      headers.append(("Link", "<\(url)\(request.path)?limit=\(limit)>; rel=\"self\""))
      headers.append(("Link", "<\(next?.url?.absoluteString ?? "")>; rel=\"next\""))
    }
    let body = (try? JSONSerialization.data(withJSONObject: Array(records[start..<end]))) ?? Data("[]".utf8)
    return FakeHTTPServer.Response(status: 200, headers: headers, body: body)
  }

  private func rateHeaders(remaining: Int, resetIn: Int) -> [(String, String)] {
    windowHeaders(remaining: remaining, reset: Int(Date().timeIntervalSince1970) + resetIn)
  }

  /// Okta's headers: what is left of the window, when it resets (Unix seconds), and its clock.
  private func windowHeaders(remaining: Int, reset: Int) -> [(String, String)] {
    let now = Date()
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return [("X-Rate-Limit-Limit", "600"), ("X-Rate-Limit-Remaining", "\(remaining)"),
      ("X-Rate-Limit-Reset", "\(reset)"), ("Date", formatter.string(from: now))]
  }

  private func error(_ status: Int, _ summary: String, code: String) -> FakeHTTPServer.Response {
    let body = try? JSONSerialization.data(withJSONObject: ["errorCode": code, "errorSummary": summary, "errorLink": code, "errorId": "oae1", "errorCauses": []])
    return FakeHTTPServer.Response(status: status, headers: [("Content-Type", "application/json")], body: body ?? Data())
  }

  /// A whole Okta User object, nulls and links included.
  private func user(_ index: Int) -> Any {
    let user = users[index]
    return ["id": user.id, "status": user.status, "created": "2025-01-01T00:00:00.000Z", "activated": NSNull(), "lastLogin": NSNull(),
      "type": ["id": "oty1"], "profile": ["login": user.email, "email": user.email, "firstName": user.first, "lastName": "Example",
        "mobilePhone": NSNull(), "title": user.title, "costCenter": index] as [String: Any],
      "credentials": ["provider": ["type": "OKTA", "name": "OKTA"]], "_links": ["self": ["href": "\(url)/api/v1/users/\(user.id)"]]]
  }

  private func group(_ index: Int) -> Any {
    let type = index == 0 ? "BUILT_IN" : index == 6 ? "APP_GROUP" : "OKTA_GROUP"
    let names = ["Everyone", "Engineering", "Sales", "Operations", "Design", "Support", "AD Engineering"]
    return ["id": groupIDs[index], "type": type, "objectClass": ["okta:user_group"],
      "profile": ["name": names[index], "description": index == 6 ? NSNull() : "The \(names[index]) group"] as [String: Any],
      "_links": ["users": ["href": "\(url)/api/v1/groups/\(groupIDs[index])/users"]]]
  }

  // MARK: The same directory, by hand

  /// Writes the org as a hand-made flat export: every user in one file, `{groupId, userId}` rows.
  package func writeHandMadeExport(to folder: String) throws {
    func write(_ name: String, _ value: Any) throws {
      try JSONSerialization.data(withJSONObject: value).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try write("users.json", users.indices.map(user))
    try write("groups.json", groupIDs.indices.map(group))
    try write("group-members.json", members.keys.sorted().flatMap { group in members[group, default: []].map { ["groupId": groupIDs[group], "userId": users[$0].id] } })
    try write("app-users.json", assigned.map { ["id": users[$0].id] })
    try write("app-groups.json", [["id": groupIDs[1]]])
    if let mappings { try write("group-push-mappings.json", mappings.map { ["sourceGroupId": $0.group, "status": $0.status] }) }
  }
}
