/// An audit row's before and after read back field by field, so a run reads like the plan it
/// applied: `title: "Engineer" -> "CTO"`.
package enum AuditChange {
  /// The fields of `before` and `after` (flat JSON objects of strings and nulls, as
  /// `AuditJSON` writes them), in the order they first appear, each with its old and new value.
  package static func fields(before: String?, after: String?) -> [FieldChange] {
    let old = before.flatMap(parse) ?? []
    let new = after.flatMap(parse) ?? []
    var order: [String] = []
    for (key, _) in old + new where !order.contains(key) { order.append(key) }
    return order.map { key in
      FieldChange(field: key, old: old.first { $0.0 == key }?.1 ?? nil, new: new.first { $0.0 == key }?.1 ?? nil)
    }
  }

  package struct FieldChange: Equatable, Sendable {
    package var field: String
    package var old: String?
    package var new: String?
  }

  /// `{"key":"value","other":null}` as pairs; nil when it is not such an object.
  static func parse(_ text: String) -> [(String, String?)]? {
    var scalars = Array(text.unicodeScalars)[...]
    func skipSpace() { while let first = scalars.first, first == " " || first == "\n" || first == "\t" || first == "\r" { scalars.removeFirst() } }
    func expect(_ scalar: Unicode.Scalar) -> Bool {
      skipSpace()
      guard scalars.first == scalar else { return false }
      scalars.removeFirst()
      return true
    }
    func string() -> String? {
      guard expect("\"") else { return nil }
      var result = String.UnicodeScalarView()
      while let scalar = scalars.popFirst() {
        switch scalar {
        case "\"": return String(result)
        case "\\":
          guard let escaped = scalars.popFirst() else { return nil }
          switch escaped {
          case "n": result.append("\n")
          case "t": result.append("\t")
          case "r": result.append("\r")
          case "b": result.append("\u{08}")
          case "f": result.append("\u{0C}")
          case "u":
            let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
            scalars = scalars.dropFirst(4)
            guard let value = UInt32(hex, radix: 16) else { return nil }
            // A surrogate pair's halves arrive one by one: join them.
            if (0xD800...0xDBFF).contains(value), scalars.first == "\\" {
              let low = String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4)))
              if let second = UInt32(low, radix: 16), (0xDC00...0xDFFF).contains(second),
                let joined = Unicode.Scalar(0x10000 + ((value - 0xD800) << 10) + (second - 0xDC00))
              {
                scalars = scalars.dropFirst(6)
                result.append(joined)
                continue
              }
            }
            result.append(Unicode.Scalar(value) ?? "\u{FFFD}")
          default: result.append(escaped)
          }
        default: result.append(scalar)
        }
      }
      return nil
    }
    guard expect("{") else { return nil }
    var pairs: [(String, String?)] = []
    if expect("}") { return pairs }
    repeat {
      guard let key = string(), expect(":") else { return nil }
      skipSpace()
      if scalars.starts(with: "null".unicodeScalars) {
        scalars = scalars.dropFirst(4)
        pairs.append((key, nil))
      } else {
        guard let value = string() else { return nil }
        pairs.append((key, value))
      }
    } while expect(",")
    return expect("}") ? pairs : nil
  }
}
