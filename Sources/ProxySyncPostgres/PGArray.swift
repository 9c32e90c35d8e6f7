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

    /// The audit table's columns as `COPY` writes them (rows listing people use the longer form).
    static let copyAudit = "COPY audit (org_id, run_id, operation, person_id, group_id, before, after) FROM STDIN"
  }
#endif
