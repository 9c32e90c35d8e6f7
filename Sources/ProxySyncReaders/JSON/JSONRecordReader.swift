import Foundation
import ProxySyncCore

/// Reads a JSON file holding one top-level array of objects, handing each one over as a `RawRecord`.
///
/// Only the fields the record kind names are decoded; everything else is skipped with its syntax
/// checked. A syntax error ends the file with one diagnostic at its line: past it nothing can be
/// trusted. A wrong type inside one record is reported and the reading goes on.
struct JSONRecordReader {
  let kind: RecordKind
  let file: String
  /// The fields to read: the kind's, unless a file of it holds other records (member listings).
  var fields: [FieldSpec]
  /// What one record is called in messages.
  var recordName: String
  /// The file is one long line (a raw API page): a syntax error also gives its column and the
  /// record it is in, or it would only say "line 1".
  var locatesInLine = false

  init(kind: RecordKind, file: String, fields: [FieldSpec]? = nil, recordName: String? = nil) {
    self.kind = kind
    self.file = file
    self.fields = fields ?? kind.fields
    self.recordName = recordName ?? kind.recordName
  }

  /// - Returns: a syntax or encoding problem that stopped the reading, if any.
  func read(_ bytes: UnsafeRawBufferPointer, onRecord: (RawRecord) -> Void) -> Diagnostic? {
    let tree = FieldTree(fields)
    if let problem = EncodingCheck.problem(in: bytes) { return .error(file, line: 1, problem) }
    var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(rebasing: bytes[EncodingCheck.bomLength(bytes)...]))
    var ordinal = 0  // the record being read, for messages
    do throws(JSONSyntaxError) {
      guard scanner.peek() != nil else {
        return .error(file, line: 1, "empty file; an export with no \(recordName)s must still hold []")
      }
      guard scanner.peek() == UInt8(ascii: "[") else {
        return .error(file, line: scanner.line, "the file must hold an array of \(recordName) objects, found \(scanner.found())")
      }
      scanner.offset += 1
      var container = JSONScanner.Container()
      var record = RawRecord(fieldCount: tree.count)
      while try scanner.nextElement(&container) {
        ordinal += 1
        try Self.readRecord(&scanner, tree: tree, into: &record)
        onRecord(record)
      }
      ordinal = 0
      if scanner.peek() != nil {
        throw scanner.error("unexpected \(scanner.found()) after the closing ']'")
      }
      return nil
    } catch {
      guard locatesInLine else { return .error(file, line: error.line, error.message) }
      let lineStart = scanner.bytes[..<min(error.offset, scanner.bytes.count)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      var diagnostic = Diagnostic.error(file, line: error.line, ordinal > 0 ? "record \(ordinal): \(error.message)" : error.message)
      diagnostic.column = error.offset - lineStart + 1
      return diagnostic
    }
  }

  /// True when everything but trailing white space stands on the first line. Stops at the
  /// first line break in a pretty-printed file; a one-line file is scanned once.
  static func holdsOneLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress, let found = memchr(base, 0x0A, bytes.count) else { return true }
    let newline = base.distance(to: UnsafeRawPointer(found))
    return bytes[newline...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }

  /// Reads one element into `record`, whose storage is reused from one element to the next;
  /// an element that is not an object becomes a record saying what it was.
  static func readRecord(_ scanner: inout JSONScanner, tree: FieldTree, into record: inout RawRecord) throws(JSONSyntaxError) {
    _ = scanner.peek()
    record.reset(line: scanner.line, offset: scanner.offset)
    guard scanner.peek() == UInt8(ascii: "{") else {
      record.notAnObject = scanner.found()
      try scanner.skipValue()
      return
    }
    try readObject(&scanner, tree: tree, node: tree.root, into: &record, depth: 0)
  }

  private static func readObject(
    _ scanner: inout JSONScanner, tree: FieldTree, node: Int, into record: inout RawRecord, depth: Int
  ) throws(JSONSyntaxError) {
    scanner.offset += 1  // the '{' the caller saw
    var container = JSONScanner.Container()
    while let (keyBytes, hasEscapes) = try scanner.nextKeyBytes(&container) {
      // Keys with escapes are rare; decode those properly, compare the rest as bytes.
      let entry =
        hasEscapes ? tree.entry(named: try JSONScanner.decodeKey(keyBytes, line: scanner.line), in: node) : tree.entry(for: keyBytes, in: node)
      switch entry {
      case .leaf(let index)?:
        record.values[index] = try readLeaf(&scanner)
      case .node(let child)?:
        if scanner.peek() == UInt8(ascii: "{") {
          try readObject(&scanner, tree: tree, node: child, into: &record, depth: depth + 1)
        } else if try scanner.readNull() {
          continue
        } else {
          let key = String(decoding: keyBytes, as: UTF8.self)
          record.wrongShape = record.wrongShape ?? "field \"\(key)\" must be an object, found \(scanner.found())"
          try scanner.skipValue(depth: depth + 1)
        }
      case nil:
        try scanner.skipValue(depth: depth + 1)
      }
    }
  }

  private static func readLeaf(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> FieldValue {
    switch scanner.peek() {
    case UInt8(ascii: "\"")?: return try scanner.readFieldValue()
    case UInt8(ascii: "n")?:
      _ = try scanner.readNull()
      return .null
    default:
      let found = scanner.found()
      try scanner.skipValue(depth: 1)
      return .wrongType(found)
    }
  }
}

/// The record kind's field paths as a tree of object keys, so reading needs no path strings.
///
/// Held flat, in arrays of plain integers and bytes: a record's every key is looked up here,
/// and a tree of nested arrays and dictionaries cost a retain and a release per key compared
/// (a fifth of reading a users file).
struct FieldTree {
  /// What a key leads to: a field's value (its index in the record) or a nested object.
  enum Entry {
    case leaf(Int)
    case node(Int)
  }

  /// One key of one node: its bytes in `keyBytes`, and where it leads (≥ 0: a field's index;
  /// < 0: the nested node `~entry`).
  private struct Key {
    var node: Int
    var start: Int
    var count: Int
    var entry: Int
  }

  private var keys: [Key] = []
  /// Each key's length, first and last byte in one number, beside `keys`: most keys of a
  /// record are told apart from the wanted ones by this alone.
  private var signatures: [UInt32] = []
  private var keyBytes: [UInt8] = []
  /// The node's keys are `keys[firstKey[node]..<firstKey[node + 1]]`.
  private var firstKey: [Int] = []
  /// The top-level object's node.
  let root = 0
  let count: Int

  init(_ fields: [FieldSpec]) {
    count = fields.count
    // Paths to nodes: the root is the empty path.
    var nodePaths: [[String]] = [[]]
    var flat: [(node: Int, key: String, entry: Int)] = []
    for (index, field) in fields.enumerated() {
      var node = 0
      for (depth, key) in field.path.enumerated() {
        if depth == field.path.count - 1 {
          flat.append((node, key, index))
          continue
        }
        let path = Array(field.path[...depth])
        if let existing = nodePaths.firstIndex(of: path) {
          node = existing
        } else {
          nodePaths.append(path)
          flat.append((node, key, ~(nodePaths.count - 1)))
          node = nodePaths.count - 1
        }
      }
    }
    // Grouped by node; each node's keys start where the previous node's end.
    flat.sort { $0.node < $1.node }
    firstKey = [Int](repeating: 0, count: nodePaths.count + 1)
    for key in flat { firstKey[key.node + 1] += 1 }
    for node in nodePaths.indices { firstKey[node + 1] += firstKey[node] }
    for key in flat {
      let utf8 = Array(key.key.utf8)
      keys.append(Key(node: key.node, start: keyBytes.count, count: utf8.count, entry: key.entry))
      utf8.withUnsafeBytes { signatures.append(Self.signature($0)) }
      keyBytes += utf8
    }
  }

  /// What the key (as bytes) leads to in `node`, or nil for a key no field wants.
  func entry(for key: UnsafeRawBufferPointer, in node: Int) -> Entry? {
    let signature = Self.signature(key)
    var index = firstKey[node]
    let end = firstKey[node + 1]
    while index < end {
      if signatures[index] == signature, matches(key, keys[index]) {
        let entry = keys[index].entry
        return entry >= 0 ? .leaf(entry) : .node(~entry)
      }
      index += 1
    }
    return nil
  }

  /// The signature holds only the length's low 16 bits: the length is compared in full here.
  private func matches(_ key: UnsafeRawBufferPointer, _ candidate: Key) -> Bool {
    guard candidate.count == key.count else { return false }
    return candidate.count <= 2
      || keyBytes.withUnsafeBytes { memcmp($0.baseAddress! + candidate.start, key.baseAddress!, candidate.count) == 0 }
  }

  private static func signature(_ key: UnsafeRawBufferPointer) -> UInt32 {
    guard let first = key.first, let last = key.last else { return 0 }
    return UInt32(truncatingIfNeeded: key.count) << 16 | UInt32(first) << 8 | UInt32(last)
  }

  /// The same, for a key that held escapes and was decoded.
  func entry(named key: String, in node: Int) -> Entry? {
    var key = key
    return key.withUTF8 { entry(for: UnsafeRawBufferPointer($0), in: node) }
  }
}
