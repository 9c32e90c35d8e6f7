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
  /// See `JSONScanner.takesQuickPaths`.
  var takesQuickPaths = true

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
    scanner.takesQuickPaths = takesQuickPaths
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
