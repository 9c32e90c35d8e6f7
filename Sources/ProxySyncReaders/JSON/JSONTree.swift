/// A small JSON document read whole: a saved plan's line or header, whose every field is kept.
/// Export records are never read this way (`JSONScanner` picks their few fields in place).
enum JSONTree: Equatable {
  case null
  case bool(Bool)
  /// The number's text, as written; integers are read from it on demand.
  case number(String)
  case string(String)
  case array([JSONTree])
  /// Members in file order; looked up by a linear search (a plan's objects have a few keys,
  /// and a million of them are read: no hash table is built for each).
  case object([(String, JSONTree)])

  static func == (a: JSONTree, b: JSONTree) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)), (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.elementsEqual(y) { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  subscript(key: String) -> JSONTree? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  var string: String? { if case .string(let value) = self { value } else { nil } }
  var array: [JSONTree]? { if case .array(let items) = self { items } else { nil } }
  var int: Int? { if case .number(let text) = self { Int(text) } else { nil } }
  var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
  var isNull: Bool { self == .null }

  /// Reads exactly one value from `bytes` (white space around it allowed).
  static func parse(_ bytes: UnsafeRawBufferPointer, line: Int = 1) throws(JSONSyntaxError) -> JSONTree {
    var scanner = JSONScanner(bytes: bytes, startLine: line)
    let value = try scanner.readTree()
    if scanner.peek() != nil { throw scanner.error("expected the end of the value, found \(scanner.found())") }
    return value
  }
}

extension JSONScanner {
  mutating func readTree(depth: Int = 0) throws(JSONSyntaxError) -> JSONTree {
    guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
    guard let byte = peek() else { throw error(endOfInputMessage) }
    switch byte {
    case UInt8(ascii: "{"):
      offset += 1
      var members: [(String, JSONTree)] = []
      var container = Container()
      while let (key, hasEscapes) = try nextKeyBytes(&container) {
        let name = hasEscapes ? try Self.decodeKey(key, line: line) : String(decoding: key, as: UTF8.self)
        members.append((name, try readTree(depth: depth + 1)))
      }
      return .object(members)
    case UInt8(ascii: "["):
      offset += 1
      var items: [JSONTree] = []
      var container = Container()
      while try nextElement(&container) { items.append(try readTree(depth: depth + 1)) }
      return .array(items)
    case UInt8(ascii: "\""):
      switch try readFieldValue() {
      case .string(let text): return .string(text)
      case .bytes(let raw): return .string(String(decoding: raw, as: UTF8.self))
      default: return .null
      }
    case UInt8(ascii: "n"):
      _ = try readNull()
      return .null
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      let start = offset
      try skipValue(depth: depth)
      return .bool(offset - start == 4)
    default:
      let start = offset
      try skipNumber()
      return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
    }
  }
}
