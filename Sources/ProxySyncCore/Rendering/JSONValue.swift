/// A JSON document we write: objects keep their key order, so output is stable and documented.
package indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

  package static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

  /// Pretty-printed with two-space indentation, or on one line when `compact`.
  package func rendered(compact: Bool = false) -> String {
    var output = ""
    write(to: &output, indent: compact ? nil : 0)
    return output
  }

  /// Appends the value as it would stand `indent` spaces deep in a pretty-printed document (nil:
  /// compact), for documents written a piece at a time, as text or straight as UTF-8 bytes.
  package func append<Output: JSONOutput>(to output: inout Output, indent: Int?) { write(to: &output, indent: indent) }

  /// The same into UTF-8 bytes, compiled for them here: called from another module, the generic
  /// form reaches every piece of the output through the protocol (7% of the instructions of a
  /// JSON listing of people).
  package func append(to output: inout [UInt8], indent: Int?) { write(to: &output, indent: indent) }

  private func write<Output: JSONOutput>(to output: inout Output, indent: Int?) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .double(let value): output += value.isFinite ? String(value) : "null"
    case .string(let value): Self.appendString(value, to: &output)
    case .array(let items):
      writeContainer("[", "]", items.count, to: &output, indent: indent) { index, output, inner in
        items[index].write(to: &output, indent: inner)
      }
    case .object(let members):
      writeContainer("{", "}", members.count, to: &output, indent: indent) { index, output, inner in
        Self.appendString(members[index].0, to: &output)
        output += inner == nil ? ":" : ": "
        members[index].1.write(to: &output, indent: inner)
      }
    }
  }

  private func writeContainer<Output: JSONOutput>(
    _ open: String, _ close: String, _ count: Int, to output: inout Output, indent: Int?,
    element: (Int, inout Output, Int?) -> Void
  ) {
    output += open
    guard count > 0 else { return output += close }
    let inner = indent.map { $0 + 2 }
    for index in 0..<count {
      if index > 0 { output += "," }
      if let inner { output += Self.lineBreak(indentedBy: inner) }
      element(index, &output, inner)
    }
    if let indent { output += Self.lineBreak(indentedBy: indent) }
    output += close
  }

  /// A line break and `indent` spaces; the usual depths made once, not once per member (a
  /// million people listed are eleven million members).
  private static func lineBreak(indentedBy indent: Int) -> String {
    indent < lineBreaks.count ? lineBreaks[indent] : "\n" + String(repeating: " ", count: indent)
  }
  private static let lineBreaks = (0..<16).map { "\n" + String(repeating: " ", count: $0) }

  /// Appends `value` as a JSON string: quotes, backslashes and every control character escaped,
  /// so hostile values stay data. Most values need no escaping and are copied whole.
  package static func appendString<Output: JSONOutput>(_ value: String, to output: inout Output) {
    output += "\""
    func needsEscaping(_ byte: UInt8) -> Bool {
      byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }
    // The bytes in place when the string has them so (native strings do), else one by one.
    let plain = !(value.utf8.withContiguousStorageIfAvailable { $0.contains(where: needsEscaping) } ?? value.utf8.contains(where: needsEscaping))
    if plain {
      output += value
      return output += "\""
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value):
        output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
      default: output.appendScalar(scalar)
      }
    }
    output += "\""
  }
}

/// Where JSON is written: a `String`, or UTF-8 bytes for long documents written in chunks.
package protocol JSONOutput {
  static func += (output: inout Self, text: String)
  /// Named apart from `append`: a string literal must never start choosing a scalar overload.
  mutating func appendScalar(_ scalar: Unicode.Scalar)
}

extension String: JSONOutput {
  package mutating func appendScalar(_ scalar: Unicode.Scalar) { unicodeScalars.append(scalar) }
}

extension Array: JSONOutput where Element == UInt8 {
  package static func += (output: inout [UInt8], text: String) {
    // Copied in one move from the string's own bytes when it has them in place.
    if text.utf8.withContiguousStorageIfAvailable({ output.append(contentsOf: $0) }) == nil { output.append(contentsOf: text.utf8) }
  }
  package mutating func appendScalar(_ scalar: Unicode.Scalar) { append(contentsOf: String(scalar).utf8) }
}
