#if PostgreSQL
  import Foundation

  /// PostgreSQL array literals for parameters (`{"a","b",NULL}`): every element quoted, so no
  /// value can end the array or add an element.
  enum PGArray {
    static func text(_ values: [String?]) -> String {
      "{" + values.map { value in
        guard let value else { return "NULL" }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
      }.joined(separator: ",") + "}"
    }

    /// Row ids as an array literal (`{1,2,3}`), for `$n::bigint[]`: digits need no quoting.
    static func integers(_ values: [Int64]) -> String {
      "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    /// Reads a `bigint[]` as the server writes it (`{1,2,3}`: no quotes, spaces or NULLs in an
    /// array of row ids), handing each number over in order. False for anything else.
    static func forEachInteger(in text: UnsafeRawBufferPointer, _ body: (Int64) -> Void) -> Bool {
      guard text.count >= 2, text.first == UInt8(ascii: "{"), text.last == UInt8(ascii: "}") else { return false }
      guard text.count > 2 else { return true }
      var start = 1
      for index in 1..<text.count where index == text.count - 1 || text[index] == UInt8(ascii: ",") {
        guard let value = PGResult.decimal(UnsafeRawBufferPointer(rebasing: text[start..<index])) else { return false }
        body(value)
        start = index + 1
      }
      return true
    }
  }
#endif
