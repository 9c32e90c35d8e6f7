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
  }
#endif
