import Foundation

/// Okta pages its listings with `Link` headers: `<https://…/api/v1/users?after=…>; rel="next"`.
/// The next page is followed exactly as given (Okta's cursor is opaque), never built.
enum LinkHeader {
  /// The `rel="next"` target among one or more `Link` header values, if any.
  static func next(in values: [String]) -> String? {
    for value in values {
      for link in splitLinks(value) {
        guard let open = link.firstIndex(of: "<"), let close = link[open...].firstIndex(of: ">") else { continue }
        let target = String(link[link.index(after: open)..<close])
        let parameters = link[link.index(after: close)...].split(separator: ";").map {
          $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if parameters.contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" || isNextAmong($0) }) { return target }
      }
    }
    return nil
  }

  /// `rel="self next"`: a relation list naming `next`.
  private static func isNextAmong(_ parameter: String) -> Bool {
    guard parameter.hasPrefix("rel=") else { return false }
    return parameter.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ").contains("next")
  }

  /// Splits one header value into links at the commas between them (a URL inside `<…>` may
  /// itself hold commas).
  private static func splitLinks(_ value: String) -> [Substring] {
    var links: [Substring] = []
    var start = value.startIndex
    var insideURL = false
    for index in value.indices {
      switch value[index] {
      case "<": insideURL = true
      case ">": insideURL = false
      case "," where !insideURL:
        links.append(value[start..<index])
        start = value.index(after: index)
      default: break
      }
    }
    links.append(value[start...])
    return links
  }
}
