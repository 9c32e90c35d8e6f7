import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Rows sent with `COPY` are written as bytes straight from values: every text (tabs, line
/// breaks, backslashes, `\N` spelled out, non-ASCII), NULL, integer, double and id array must
/// reach the table exactly as it was.
@Suite struct PostgresCopyRowsTests {
  static let texts: [String?] = [
    nil, "", "plain", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\", "\t\n\r\\",
    "José Müller", "emoji 🧑‍💻 end", "trailing\\", String(repeating: "long ", count: 2_000),
  ]
  static let integers: [Int64?] = [nil, 0, 7, -7, 1_000_000, Int64.max, Int64.min]
  static let doubles: [Double?] = [nil, 0, 1.5, -0.25, 1e300, 12.345678]
  static let arrays: [[Int64]?] = [nil, [], [1], [3, 1, 2], [Int64.min, 0, Int64.max], Array(1...1_500)]

  #if PostgreSQL
    /// A store in a database of its own (the test is skipped without a server), with a scratch
    /// table `copied` of these columns.
    func scratch(_ columns: String) throws -> PostgresStore {
      let store = try PostgresStore(url: try PostgresTestServer.newDatabase())
      try store.connection.execute("CREATE TEMPORARY TABLE copied (\(columns))")
      return store
    }
  #endif

  @Test func everyValueReachesTheTableAsItWas() throws {
    #if PostgreSQL
      let store = try scratch("n bigint, t text, i bigint, d double precision, a bigint[]")
      var rows = PGCopyRows()
      let count = 3 * Self.texts.count
      for n in 0..<count {
        rows.add(Int64(n))
        rows.add(Self.texts[n % Self.texts.count])
        rows.add(Self.integers[n % Self.integers.count])
        rows.add(Self.doubles[n % Self.doubles.count])
        if let array = Self.arrays[n % Self.arrays.count] { rows.add(array: array) } else { rows.add(nil as Int64?) }
        rows.endRow()
      }
      #expect(rows.count == count)
      try store.connection.copy(into: "copied (n, t, i, d, a)", rows)
      let result = try store.connection.query("SELECT t, i::text, d, a::text FROM copied ORDER BY n")
      #expect(result.rowCount == count)
      for n in 0..<count {
        #expect(result.text(n, 0) == Self.texts[n % Self.texts.count], "row \(n)")
        #expect(result.text(n, 1) == Self.integers[n % Self.integers.count].map { String($0) }, "row \(n)")
        #expect(result.text(n, 2).flatMap(Double.init) == Self.doubles[n % Self.doubles.count], "row \(n)")
        let array = Self.arrays[n % Self.arrays.count].map { "{" + $0.map(String.init).joined(separator: ",") + "}" }
        #expect(result.text(n, 3) == array, "row \(n)")
      }
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// A value of the wrong type for its column fails the `COPY`, and so the statement after it,
  /// inside the transaction: the server never guesses.
  @Test func aValueOfAnotherTypeIsRefused() throws {
    #if PostgreSQL
      let store = try scratch("n bigint")
      var rows = PGCopyRows()
      rows.add("7")
      rows.endRow()
      #expect(throws: PGError.self) {
        try store.connection.transaction {
          try store.connection.copy(into: "copied (n)", rows)
          try store.connection.query("SELECT 1")
        }
      }
      #expect(try store.connection.query("SELECT count(*) FROM copied").integer(0, 0) == 0)
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// The binary format: its signature and header, per row the number of values, per value its
  /// length (-1 for NULL) and its bytes (integers big-endian), and the trailer.
  @Test func rowsAreWrittenInTheBinaryFormat() throws {
    #if PostgreSQL
      var rows = PGCopyRows()
      rows.add(nil as String?)
      rows.add("ab")
      rows.add(258 as Int64)
      rows.endRow()
      var bytes: [UInt8] = []
      rows.forEachChunk(of: 7) { bytes += $0 }
      let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0] + [0, 0, 0, 0, 0, 0, 0, 0]
      let row: [UInt8] = [0, 3] + [0xFF, 0xFF, 0xFF, 0xFF] + [0, 0, 0, 2, 0x61, 0x62] + [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2]
      #expect(bytes == header + row + [0xFF, 0xFF])
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }
}
