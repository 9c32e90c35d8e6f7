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
  package internal(set) var parameters: [Parameter] = []
  /// Secrets as written in the text (before decoding), to scrub too.
  var written: [String] = []

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

  private static func quotedIfNeeded(_ value: String) -> String {
    guard value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" || $0 == "\\" }) else { return value }
    return "'" + value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
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

  /// The URI's parts, to show it as it was written: its user (no password), host list as
  /// written (no secret in it: the user part was taken off first), database, and query.
  var uriUserInfo: String?
  var uriHasPassword = false
  var uriHostList = ""
  var uriDatabase: String?
  var uriQuery: [Parameter] = []

}

extension Optional<String> {
  /// The text, or nothing.
  var orEmpty: String { self ?? "" }
}

extension String {
  /// Every occurrence of `target` replaced (the core has no Foundation).
  func replacingAll(_ target: String, with replacement: String) -> String {
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
