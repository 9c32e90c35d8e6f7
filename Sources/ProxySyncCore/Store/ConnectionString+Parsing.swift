/// Reading a connection string as libpq does: the URI form and the `key=value` form.
extension ConnectionString {
  mutating func add(_ key: String, _ value: String, written: String? = nil) {
    parameters.append(Parameter(key: key, value: value))
    if Self.secretKeys.contains(key), let written { self.written.append(written) }
  }

  /// `postgresql://[user[:password]@][host[:port][,…]][/dbname][?key=value&…]`, percent-decoded.
  /// The user part ends at the last `@` before the query, so an `@` or `/` left unencoded in a
  /// password stays in the password.
  mutating func parseURI(_ text: String) throws(ProxySyncError) {
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
  static func queryStart(in text: Substring) -> Substring.Index? {
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
  static func hostAndPort(_ entry: Substring) -> (Substring, Substring?) {
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

  static func hex(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `key = value` pairs separated by white space; a value is bare (a backslash escapes the next
  /// character) or in single quotes (`\'` and `\\` inside).
  mutating func parseKeywords(_ text: String) throws(ProxySyncError) {
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
        throw .usage("the store's connection string has a word without \"=value\" (it is not quoted here: it may be a password)")
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
        guard closed else { throw .usage("the store's connection string has a quoted value with no closing quote") }
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
}
