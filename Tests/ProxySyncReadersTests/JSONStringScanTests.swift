@testable import ProxySyncReaders
import Testing

/// Strings are scanned eight bytes at a time; every special byte must be found wherever it
/// falls in or across those words.
@Suite struct JSONStringScanTests {
  func read(_ content: [UInt8]) -> Result<String, JSONSyntaxError> {
    let bytes = [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\""), UInt8(ascii: " ")]
    return bytes.withUnsafeBytes { buffer in
      var scanner = JSONScanner(bytes: buffer)
      return Result { () throws(JSONSyntaxError) in try scanner.readFieldValue().text ?? "" }
    }
  }

  @Test func specialBytesAreFoundAtEveryPosition() throws {
    for length in 1..<26 {
      for position in 0..<length {
        func with(_ inserted: [UInt8]) -> [UInt8] {
          var content = [UInt8](repeating: UInt8(ascii: "a"), count: length)
          content.replaceSubrange(position...position, with: inserted)
          return content
        }
        let plain = String(repeating: "a", count: length - 1)
        var expected = plain
        expected.insert("é", at: expected.index(expected.startIndex, offsetBy: position))
        #expect(try read(with(Array("é".utf8))).get() == expected)
        expected = plain
        expected.insert("\"", at: expected.index(expected.startIndex, offsetBy: position))
        #expect(try read(with([UInt8(ascii: "\\"), UInt8(ascii: "\"")])).get() == expected)
        #expect(message(read(with([0x0A]))) == "unterminated string (line break inside quotes)")
        #expect(message(read(with([0x01]))) == "raw control character 0x1 inside a string; escape it")
        #expect(message(read(with([0x00]))) == "NUL byte inside a string")
        #expect(message(read(with([0xFF]))) == "invalid UTF-8 in a string; save the file as UTF-8")
      }
    }
  }

  func message(_ result: Result<String, JSONSyntaxError>) -> String? {
    if case .failure(let error) = result { return error.message }
    return nil
  }

  /// Keys are text too: a key in another encoding (here Latin-1's "é") means the file is not
  /// UTF-8, whether a field wants that key or not, at the top or nested in what nobody reads.
  @Test(arguments: [#"{"id":"00u1","t\#u{E9}tle":"x"}"#, #"{"id":"00u1","_links":{"s\#u{E9}lf":{"href":"h"}}}"#])
  func keysInAnotherEncodingAreRefused(record: String) {
    let latin1 = Array(("[\n" + record + "\n]").unicodeScalars.map { UInt8($0.value) })
    let problem = latin1.withUnsafeBytes { JSONRecordReader(kind: .users, file: "users.json").read($0) { _ in } }
    #expect(problem?.description == "users.json:2: error: invalid UTF-8 in a string; save the file as UTF-8")
  }
}
