import ProxySyncCore
@testable import ProxySyncReaders
import TestSupport
import Testing

/// The reader's quick paths (plain keys, strings and containers stepped over in one loop) must
/// read exactly what the careful way reads, and refuse exactly what it refuses, with the same
/// message at the same line and column: thousands of damaged copies of real-shaped records,
/// each read both ways.
@Suite struct QuickPathTests {
  /// Users as Okta lists them, with what the quick paths leave to the careful way among the
  /// fields nobody reads: numbers, escapes, non-ASCII text, white space and line breaks, nesting.
  static let document = #"""
    [{"id":"00u1","status":"ACTIVE","created":"2025-03-02T17:21:09.000Z","type":{"id":"oty1"},"profile":{"firstName":"Zoë","lastName":"Ng","email":"zoe@example.com","login":"zoe@example.com","title":null},"credentials":{"password":{},"recovery_question":{"question":"Pet?"},"provider":{"type":"OKTA","name":"OKTA"}},"_links":{"self":{"href":"https://x.okta.com/api/v1/users/00u1"},"list":[1,-2.5e3,true,false,null,"a\"b",{"k":[[]]}]}},
    {"id":"00u2","status":"STAGED","profile":{"email":"b@example.com","department":"R\u0026D"},
     "credentials": { "emails": [ {"value": "b@example.com", "status": "VERIFIED"} ],
       "provider": {"type": "OKTA", "name": "ÖKTA"} },
     "_links": {"a": {"b": {"c": {"d": [0, 1.5, "x"]}}}}}]
    """#

  func read(_ bytes: [UInt8], quick: Bool) -> String {
    var reader = JSONRecordReader(kind: .users, file: "users.json")
    reader.takesQuickPaths = quick
    var records: [String] = []
    let problem = bytes.withUnsafeBytes { buffer in
      reader.read(buffer) { record in
        let values = record.values.map { value -> String in
          switch value {
          case .absent: "-"
          case .null: "null"
          case .string(let text): "s:" + text
          case .bytes: "b:" + (value.text ?? "")
          case .wrongType(let found): "wrong:" + found
          }
        }
        records.append("\(record.line) \(record.notAnObject ?? "") \(record.wrongShape ?? "") \(values)")
      }
    }
    return records.joined(separator: "\n") + "\n" + (problem.map { "\($0) column \($0.column ?? 0)" } ?? "read")
  }

  @Test func quickPathsReadAndRefuseExactlyAsTheCarefulWay() {
    let original = Array(Self.document.utf8)
    #expect(read(original, quick: true) == read(original, quick: false))
    #expect(read(original, quick: true).hasSuffix("read"))
    let inserts: [UInt8] = Array(#"{}[],:" \0a1e-.tn"#.utf8) + [0x0A, 0x09, 0x01, 0x80, 0xC3, 0xFF]
    var generator = SplitMix(seed: 21)  // seeded: a failure can be replayed
    var refused = 0
    for _ in 0..<10_000 {
      var bytes = original
      for _ in 0..<Int(generator.next() % 2 + 1) {
        let position = Int(generator.next() % UInt64(bytes.count))
        switch generator.next() % 3 {
        case 0: bytes.remove(at: position)
        case 1: bytes.insert(inserts[Int(generator.next() % UInt64(inserts.count))], at: position)
        default: bytes[position] = inserts[Int(generator.next() % UInt64(inserts.count))]
        }
      }
      let quick = read(bytes, quick: true)
      #expect(quick == read(bytes, quick: false), "\(String(decoding: bytes, as: UTF8.self))")
      if !quick.hasSuffix("read") { refused += 1 }
    }
    // Most damage is refused, some is still valid JSON: both kinds were compared.
    #expect(refused > 2_500 && refused < 9_750)
  }
}
