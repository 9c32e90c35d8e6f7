import Foundation

/// The Okta org proxysync reads from: `https://acme.okta.com`. The API token goes to this origin
/// and nowhere else, so every URL, pages included, is checked against it.
package struct OktaURL: Sendable, Equatable {
  /// Scheme, host and port only.
  package let origin: URL

  /// - Throws: a message for an address that is not https (plain http only for loopback, for
  ///   tests), or not an address at all.
  package init(_ text: String) throws(FetchError) {
    guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
      let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
    else { throw FetchError("--okta-url \"\(text)\" is not an address such as https://acme.okta.com") }
    guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
      throw FetchError(scheme == "http"
        ? "--okta-url must use https: the API token would cross the network in clear (plain http is only for 127.0.0.1)"
        : "--okta-url must be an https address such as https://acme.okta.com")
    }
    var origin = URLComponents()
    origin.scheme = scheme
    origin.host = host
    origin.port = components.port
    guard let url = origin.url else { throw FetchError("--okta-url \"\(text)\" is not an address such as https://acme.okta.com") }
    self.origin = url
  }

  /// The org as a manifest names it: the host name, lower case.
  package var host: String { origin.host?.lowercased() ?? "" }

  /// An API path with its query, on this org.
  func url(_ path: String, _ query: [(String, String)] = []) -> URL {
    var components = URLComponents(url: origin, resolvingAgainstBaseURL: false) ?? URLComponents()
    components.path = path
    if !query.isEmpty {
      components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
      // `+` in a filter would read as a space; encode it as Okta expects.
      components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
    }
    return components.url ?? origin
  }

  /// Whether `url` is on this org (scheme, host and port), so the token may go with it.
  func owns(_ url: URL) -> Bool {
    url.scheme?.lowercased() == origin.scheme && url.host?.lowercased() == origin.host?.lowercased()
      && (url.port ?? defaultPort(url)) == (origin.port ?? defaultPort(origin))
  }

  private func defaultPort(_ url: URL) -> Int { url.scheme?.lowercased() == "http" ? 80 : 443 }

  /// 127.0.0.0/8, ::1 and localhost.
  static func isLoopback(_ host: String) -> Bool {
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if bare == "localhost" || bare == "::1" { return true }
    let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }
}

/// Why a fetch failed, in words for the operator; never holds the token.
package struct FetchError: Error, Sendable, CustomStringConvertible {
  package var message: String
  package init(_ message: String) { self.message = message }
  package var description: String { message }
}
