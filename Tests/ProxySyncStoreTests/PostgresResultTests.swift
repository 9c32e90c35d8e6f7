import Foundation
import ProxySyncCore
import TestSupport
import Testing

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// Integers are read from libpq's text in place (no `String` between): every 64-bit value
/// reads back as it went, and what is not an integer reads as 0, as before.
@Suite struct PostgresResultTests {
  @Test func integersReadInPlaceCoverTheWholeRangeAndNothingElse() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      let values: [Int64] = [0, 7, -7, 42, 1_000_000, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
      let row = try store.connection.query(
        "SELECT " + values.indices.map { "$\($0 + 1)::bigint" }.joined(separator: ", "), values.map { String($0) })
      #expect(values.indices.map { row.integer(0, $0) } == values)
      let odd = try store.connection.query("SELECT NULL::bigint, '', '-', '12a', '9223372036854775808', '-9223372036854775809', ' 1'")
      #expect((0..<7).map { odd.integer(0, $0) } == [0, 0, 0, 0, 0, 0, 0])
    #endif
  }
}
