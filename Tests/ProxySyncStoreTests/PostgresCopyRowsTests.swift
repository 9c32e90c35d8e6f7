import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Rows sent with `COPY` are written as bytes straight from values: every text (tabs, line
/// breaks, backslashes, `\N` spelled out, non-ASCII), NULL, integer and id array must reach the
/// table exactly as it was.
@Suite struct PostgresCopyRowsTests {
  static let texts: [String?] = [
    nil, "", "plain", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\", "\t\n\r\\",
    "José Müller", "emoji 🧑‍💻 end", "trailing\\",
  ]
  static let integers: [Int64?] = [nil, 0, 7, -7, 1_000_000, Int64.max, Int64.min]

  @Test func everyValueReachesTheTableAsItWas() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      try store.connection.execute("CREATE TEMPORARY TABLE copied (n integer, t text, i bigint, a bigint[])")
      let arrays: [[Int64]?] = [nil, [], [1], [3, 1, 2], [Int64.min, 0, Int64.max]]
      var rows = PGCopyRows()
      let count = max(Self.texts.count, Self.integers.count, arrays.count)
      for n in 0..<count {
        rows.add(Int64(n))
        rows.add(Self.texts[n % Self.texts.count])
        rows.add(Self.integers[n % Self.integers.count])
        if let array = arrays[n % arrays.count] { rows.add(array: array) } else { rows.add(nil as Int64?) }
        rows.endRow()
      }
      #expect(rows.count == count)
      try store.connection.copy("COPY copied (n, t, i, a) FROM STDIN", rows)
      let result = try store.connection.query("SELECT t, i::text, a::text FROM copied ORDER BY n")
      #expect(result.rowCount == count)
      for n in 0..<count {
        #expect(result.text(n, 0) == Self.texts[n % Self.texts.count], "row \(n)")
        #expect(result.text(n, 1) == Self.integers[n % Self.integers.count].map { String($0) }, "row \(n)")
        let array = arrays[n % arrays.count].map { "{" + $0.map(String.init).joined(separator: ",") + "}" }
        #expect(result.text(n, 2) == array, "row \(n)")
      }
    #endif
  }

  /// A row in the text format ends with a line feed, its values apart by tabs, NULL as `\N`.
  @Test func rowsAreTabSeparatedLinesWithEscapes() throws {
    #if PostgreSQL
      var rows = PGCopyRows()
      rows.add("a\tb")
      rows.add(nil as String?)
      rows.add(-12 as Int64)
      rows.endRow()
      rows.add(array: [Int64]())
      rows.add("x\\y\n")
      rows.endRow()
      #expect(String(decoding: rows.bytes, as: UTF8.self) == "a\\tb\t\\N\t-12\n{}\tx\\\\y\\n\n")
      #expect(rows.count == 2)
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }
}
