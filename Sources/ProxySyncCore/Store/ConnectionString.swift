/// A PostgreSQL store's address as libpq reads it: a URI
/// (`postgresql://alice:secret@db.example:5432/proxy?sslmode=verify-full`) or a connection string
/// of `key=value` pairs (`host=db.example dbname=proxy password='p@ss word'`).
///
/// Parsed here, not by libpq, so the password is known exactly: it is left out of the form shown
/// in messages and logs (`shown`) and scrubbed from whatever libpq says (`scrub`). libpq is
/// handed a connection string rebuilt from the parsed values (`libpqText`), every value quoted,
/// so a password holding `@`, `/`, `?` or `%` written without percent-encoding is still read as
/// the password, never as part of a host name libpq would quote back in an error.
package struct ConnectionString: Sendable, Equatable {
  package enum Form: Sendable { case uri, keywords }

  package struct Parameter: Sendable, Equatable {
    package var key: String
    package var value: String
  }

  package let form: Form
  /// Every parameter in the order given, values decoded.
  package private(set) var parameters: [Parameter] = []
  /// Secrets as written in the text (before decoding), to scrub too.
  private var written: [String] = []

  /// Keys whose values are secrets.
  static let secretKeys: Set = ["password", "sslpassword"]
  /// libpq's connection keywords (PostgreSQL 16), to tell a connection string from a file name.
  static let keywords: Set = [
    "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "require_auth", "channel_binding", "connect_timeout",
    "client_encoding", "options", "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
    "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "sslmode", "sslcompression",
    "sslcert", "sslkey", "sslpassword", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
    "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "service",
    "target_session_attrs", "load_balance_hosts",
  ]

  /// Whether `text` names a PostgreSQL store (a URI, or `key=value` pairs starting with one of
  /// libpq's keywords) rather than a SQLite file.
  package static func isPostgres(_ text: String) -> Bool {
    let lower = text.lowercased()
    if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") { return true }
    let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    let key = trimmed.prefix { $0.isLetter || $0 == "_" }
    let after = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
    return keywords.contains(key.lowercased()) && after.first == "="
  }

  /// - Throws: a usage error saying what is malformed, never quoting the text (it may hold the
  ///   password).
  package init(_ text: String) throws(ProxySyncError) {
    if text.lowercased().hasPrefix("postgres") && text.contains("://") {
      form = .uri
      try parseURI(text)
    } else {
      form = .keywords
      try parseKeywords(text)
    }
    for parameter in parameters where parameter.key == "port" {
      guard parameter.value.split(separator: ",", omittingEmptySubsequences: false).allSatisfy({ $0.isEmpty || $0.allSatisfy(\.isNumber) }) else {
        throw .usage("the store address has a port that is not a number; in a URI, write @, /, ? and % in the password as %40, %2F, %3F and %25")
      }
    }
  }

  /// The decoded value of `key` (the last one given, as libpq takes it).
  package func value(_ key: String) -> String? { parameters.last { $0.key == key }?.value }

  // MARK: What is shown and what libpq gets

  /// The address for messages and logs: the same form, without the password (`***` marks that
  /// there was one).
  package var shown: String {
    switch form {
    case .keywords:
      return parameters.map { "\($0.key)=\(Self.secretKeys.contains($0.key) ? "***" : Self.quotedIfNeeded($0.value))" }
        .joined(separator: " ")
    case .uri:
      var text = "postgresql://" + uriUserInfo.map { "\($0)\(uriHasPassword ? ":***" : "")@" }.orEmpty + uriHostList
      if let database = uriDatabase { text += "/" + database }
      let rest = uriQuery.map { "\($0.key)=\(Self.secretKeys.contains($0.key) ? "***" : $0.value)" }
      return rest.isEmpty ? text : text + "?" + rest.joined(separator: "&")
    }
  }

  /// What libpq is handed: `key='value'` pairs, every value quoted and escaped.
  package var libpqText: String {
    parameters.map { "\($0.key)='\($0.value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'"))'" }
      .joined(separator: " ")
  }

  /// `message` (libpq's words) with every secret, as written and as decoded, replaced by `***`.
  package func scrub(_ message: String) -> String {
    let secrets = Set(parameters.filter { Self.secretKeys.contains($0.key) }.map(\.value) + written).filter { !$0.isEmpty }
    var text = message
    for secret in secrets.sorted(by: { $0.count > $1.count }) { text = text.replacingAll(secret, with: "***") }
    return text
  }

  // MARK: Where it connects

  /// The hosts it may connect to over the network (not a Unix socket, not this machine);
  /// `environment` stands in for libpq's `PGHOST`.
  package func remoteHosts(environment: [String: String]) -> [String] {
    let hosts = (value("hostaddr") ?? value("host") ?? environment["PGHOST"] ?? "").split(separator: ",").map(String.init)
    return hosts.filter { host in
      !(host.isEmpty || host.hasPrefix("/") || host.hasPrefix("@") || host.lowercased() == "localhost" || host == "::1"
        || host.hasPrefix("127."))
    }
  }

  /// Whether the connection is encrypted and the server checked (`sslmode` or `PGSSLMODE`).
  package func requiresTLS(environment: [String: String]) -> Bool {
    ["require", "verify-ca", "verify-full"].contains(value("sslmode") ?? environment["PGSSLMODE"] ?? "prefer")
  }

  // MARK: Parsing

  /// The URI's parts, to show it as it was written: its user (no password), host list as
  /// written (no secret in it: the user part was taken off first), database, and query.
  private var uriUserInfo: String?
  private var uriHasPassword = false
  private var uriHostList = ""
  private var uriDatabase: String?
  private var uriQuery: [Parameter] = []

  private mutating func add(_ key: String, _ value: String, written: String? = nil) {
    parameters.append(Parameter(key: key, value: value))
    if Self.secretKeys.contains(key), let written { self.written.append(written) }
  }

  /// `postgresql://[user[:password]@][host[:port][,…]][/dbname][?key=value&…]`, percent-decoded.
  /// The user part ends at the last `@` before the query, so an `@` or `/` left unencoded in a
  /// password stays in the password.
  private mutating func parseURI(_ text: String) throws(ProxySyncError) {
    guard let scheme = text.firstRange(of: "://") else { throw .usage("the store address is not a postgresql:// URI") }
    var rest = Substring(text[scheme.upperBound...])
    var query: Substring = ""
    if let start = Self.queryStart(in: rest) {
      query = rest[rest.index(after: start)...]
      rest = rest[..<start]
    }
    if let at = rest.lastIndex(of: "@") {
      let userInfo = rest[..<at]
      rest = rest[rest.index(after: at)...]
      let colon = userInfo.firstIndex(of: ":")
      let user = Self.percentDecoded(colon.map { userInfo[..<$0] } ?? userInfo)
      if !user.isEmpty { add("user", user) }
      uriUserInfo = user
      if let colon {
        let password = userInfo[userInfo.index(after: colon)...]
        add("password", Self.percentDecoded(password), written: String(password))
        uriHasPassword = true
      }
    }
    let slash = rest.firstIndex(of: "/")
    let hostPart = slash.map { rest[..<$0] } ?? rest
    uriHostList = String(hostPart)
    var hosts: [String] = []
    var ports: [String] = []
    for entry in hostPart.split(separator: ",", omittingEmptySubsequences: false) {
      let (host, port) = Self.hostAndPort(entry)
      hosts.append(Self.percentDecoded(host))
      ports.append(port.map { Self.percentDecoded($0) } ?? "")
    }
    if hosts.contains(where: { !$0.isEmpty }) { add("host", hosts.joined(separator: ",")) }
    if ports.contains(where: { !$0.isEmpty }) { add("port", ports.joined(separator: ",")) }
    if let slash, rest.index(after: slash) < rest.endIndex {
      uriDatabase = Self.percentDecoded(rest[rest.index(after: slash)...])
      add("dbname", uriDatabase.orEmpty)
    }
    for pair in query.split(separator: "&") where !pair.isEmpty {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else { throw .usage("the store URI has a query parameter without a value") }
      let key = Self.percentDecoded(parts[0])
      add(key, Self.percentDecoded(parts[1]), written: String(parts[1]))
      uriQuery.append(Parameter(key: key, value: Self.percentDecoded(parts[1])))
    }
  }

  /// Where the query starts: the first `?` followed by one of libpq's keywords and `=` (a `?`
  /// inside an unencoded password is followed by neither).
  private static func queryStart(in text: Substring) -> Substring.Index? {
    var index = text.startIndex
    while let mark = text[index...].firstIndex(of: "?") {
      let after = text[text.index(after: mark)...]
      let key = percentDecoded(after.prefix { $0 != "=" && $0 != "&" })
      if keywords.contains(key) && after.dropFirst(after.prefix { $0 != "=" }.count).first == "=" { return mark }
      index = text.index(after: mark)
    }
    return nil
  }

  /// `host`, `host:port`, `[::1]:port`.
  private static func hostAndPort(_ entry: Substring) -> (Substring, Substring?) {
    if entry.hasPrefix("["), let close = entry.firstIndex(of: "]") {
      let host = entry[entry.index(after: entry.startIndex)..<close]
      let after = entry[entry.index(after: close)...]
      return (host, after.hasPrefix(":") ? after.dropFirst() : nil)
    }
    guard let colon = entry.lastIndex(of: ":") else { return (entry, nil) }
    return (entry[..<colon], entry[entry.index(after: colon)...])
  }

  /// `%XX` decoded; a `%` not followed by two hex digits is kept as written.
  static func percentDecoded(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var index = 0
    while index < utf8.count {
      if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
        bytes.append(high << 4 | low)
        index += 3
      } else {
        bytes.append(utf8[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hex(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `key = value` pairs separated by white space; a value is bare (a backslash escapes the next
  /// character) or in single quotes (`\'` and `\\` inside).
  private mutating func parseKeywords(_ text: String) throws(ProxySyncError) {
    let characters = Array(text)
    var index = 0
    func skipSpace() { while index < characters.count, characters[index].isWhitespace { index += 1 } }
    while true {
      skipSpace()
      guard index < characters.count else { break }
      var key = ""
      while index < characters.count, !characters[index].isWhitespace, characters[index] != "=" {
        key.append(characters[index])
        index += 1
      }
      skipSpace()
      guard index < characters.count, characters[index] == "=" else {
        throw .usage("the store's connection string has \"\(key)\" without \"=value\"")
      }
      index += 1
      skipSpace()
      var value = ""
      let start = index
      if index < characters.count, characters[index] == "'" {
        index += 1
        var closed = false
        while index < characters.count {
          if characters[index] == "\\", index + 1 < characters.count {
            value.append(characters[index + 1])
            index += 2
          } else if characters[index] == "'" {
            index += 1
            closed = true
            break
          } else {
            value.append(characters[index])
            index += 1
          }
        }
        guard closed else { throw .usage("the store's connection string has an unterminated quoted value for \"\(key)\"") }
      } else {
        while index < characters.count, !characters[index].isWhitespace {
          if characters[index] == "\\", index + 1 < characters.count { index += 1 }
          value.append(characters[index])
          index += 1
        }
      }
      add(key, value, written: String(characters[start..<index]))
    }
  }

  private static func quotedIfNeeded(_ value: String) -> String {
    guard value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\\" }) else { return value }
    return "'" + value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
  }
}

extension Optional<String> {
  fileprivate var orEmpty: String { self ?? "" }
}

extension String {
  /// Every occurrence of `target` replaced (the core has no Foundation).
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
