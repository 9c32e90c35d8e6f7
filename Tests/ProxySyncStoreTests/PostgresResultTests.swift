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
  /// A connection string (or `PGCLIENTENCODING`) asking for another client encoding does not
  /// change what the server reads from us or what we read from it: our strings are UTF-8. In
  /// LATIN1, "Ñ" would reach the server as two characters and "東" could not come back at all.
  @Test func theStoreSpeaksUTF8WhateverEncodingTheConnectionAsksFor() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      var latin1 = try #require(URLComponents(string: url))
      latin1.queryItems = (latin1.queryItems ?? []) + [URLQueryItem(name: "client_encoding", value: "LATIN1")]
      let store = try PostgresStore(url: try #require(latin1.string))
      let sent = try store.connection.query("SELECT length($1), $1 = 'Ñ東é'", ["Ñ東é"])
      #expect(sent.integer(0, 0) == 3)
      #expect(sent.text(0, 1) == "t")
      #expect(try store.connection.query("SELECT chr(26481) || 'é'").text(0, 0) == "東é")
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

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

  /// Rows through a cursor, the next batch asked for while one is read: every row once and in
  /// order, whether the rows fill the last batch or not; and a read stopped by an error inside
  /// a batch, with the next one already asked for, leaves the connection fit for what follows.
  @Test func cursorBatchesHandOverEveryRowAndSurviveAStoppedRead() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      for count in [0, 6, 7, 20, 21] {
        var seen: [Int64] = []
        try store.connection.forEachRow("SELECT n FROM generate_series(1, \(count)) n ORDER BY n", [], batch: 7) { result, row in
          seen.append(result.integer(row, 0))
        }
        #expect(seen == (0..<Int64(count)).map { $0 + 1 }, "\(count) rows")
      }
      struct Stop: Error {}
      #expect(throws: Stop.self) {
        try store.connection.forEachRow("SELECT n FROM generate_series(1, 100) n", [], batch: 7) { _, row in
          if row == 3 { throw Stop() }
        }
      }
      #expect(store.connection.isIdle)
      #expect(try store.connection.query("SELECT 41 + 1").integer(0, 0) == 42)
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// A group's members arrive as one `bigint[]` in the server's text form: read exactly, in
  /// order, and anything that is not such an array is refused (the snapshot then stops).
  @Test func idArraysAreReadExactlyAndAnythingElseIsRefused() throws {
    #if PostgreSQL
      func read(_ text: String) -> [Int64]? {
        var numbers: [Int64] = []
        let readable = Array(text.utf8).withUnsafeBytes { PGArray.forEachInteger(in: $0) { numbers.append($0) } }
        return readable ? numbers : nil
      }
      #expect(read("{}") == [])
      #expect(read("{7}") == [7])
      #expect(read("{3,1,2}") == [3, 1, 2])
      #expect(read("{9223372036854775807,0,-9223372036854775808}") == [Int64.max, 0, Int64.min])
      for bad in ["", "{", "}", "{,}", "{1,}", "{,1}", "{1,,2}", "{1}2}", "{-}", "{1 ,2}", "{NULL}", "{\"1\"}", "1,2", "{9223372036854775808}"] {
        #expect(read(bad) == nil, "\(bad)")
      }
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// Rows copied out of libpq's results come back in key order, each value exactly as it went
  /// (NULL, empty, a length byte's edge, past 64 KB), from every bucket, with keys outside the
  /// expected range kept in order at the ends; the buffer is empty once read.
  @Test func copiedRowsComeBackInKeyOrderWithEveryValueAsItWent() throws {
    #if PostgreSQL
      struct Values: PGRowValues {
        let values: [[UInt8]?]
        func withText<R>(_ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
          guard let value = values[column] else { return nil }
          return try value.withUnsafeBytes(body)
        }
      }
      let lengths = [0, 1, 252, 253, 254, 255, 256, 70_000]
      func row(_ key: Int64) -> [[UInt8]?] {
        let length = lengths[Int(key.magnitude % UInt64(lengths.count))]
        let text = Array(repeating: UInt8(ascii: "a") + UInt8(key.magnitude % 26), count: length)
        return [Array(String(key).utf8), key % 3 == 0 ? nil : text, Array("k\(key)".utf8), key % 5 == 0 ? nil : []]
      }
      let keys: [Int64] = (1...300).map { ($0 * 113) % 307 } + [-5, 900, Int64.min, Int64.max]
      for (range, buckets) in [(Int64(1)...306, 16), (100...100, 4), (1...306, 1), (0...0, 3)] {
        let buffer = PGRowBuffer(columns: 4, keyColumn: 0, keys: range, buckets: buckets)
        for key in keys { buffer.append(Values(values: row(key))) }
        #expect(buffer.count == keys.count)
        var seen: [Int64] = []
        var same = true
        buffer.drainInKeyOrder { copied in
          let key = copied.integer(0)
          seen.append(key)
          same = same && (0..<4).allSatisfy { column in copied.withText(column) { Array($0) } == row(key)[column] }
        }
        #expect(seen == keys.sorted(), "\(range), \(buckets) buckets")
        #expect(same, "\(range), \(buckets) buckets")
        #expect(buffer.count == 0)
        var again = 0
        buffer.drainInKeyOrder { _ in again += 1 }
        #expect(again == 0)
      }
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// Rows through `COPY … TO STDOUT` come back exactly as stored, whatever they hold: every
  /// ASCII character (the control characters the server escapes and the ones it does not), a
  /// backslash, a value that reads `\N`, empty and NULL, non-ASCII, a long value. A row of the
  /// wrong width, or a failure while the rows are read, is thrown and leaves the connection fit
  /// for what follows.
  @Test func rowsThroughCopyComeBackExactlyAsStored() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      let awkward: [String?] =
        (1...127).map { String(UnicodeScalar(UInt8($0))) } + [
          "\\N", "\\", "\\\\t", "a\tb\tc", "line\nbreak\r\n", "", nil, "ñ東é", "tail\\",
          String(repeating: "x\\y\t", count: 20_000),
        ]
      try store.connection.execute("CREATE TABLE awkward (id bigint, value text, other text)")
      for (index, value) in awkward.enumerated() {
        try store.connection.query("INSERT INTO awkward VALUES ($1, $2, $3)", [String(index), value, value.map { "<" + $0 + ">" }])
      }
      var read: [(Int64, String?, String?)] = []
      try store.connection.copyOut("SELECT id, value, other FROM awkward ORDER BY id", columns: 3) { row in
        var values: [String?] = []
        row.forEachValue(columns: 3) { values.append($0.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(values == [String(row.integer(0)), row.text(1), row.text(2)])
        read.append((row.integer(0), values[1], values[2]))
      }
      #expect(read.map(\.0) == Array(0..<Int64(awkward.count)))
      let wrong = zip(read, awkward).filter { $0.0.1 != $0.1 || $0.0.2 != $0.1.map { "<" + $0 + ">" } }
      #expect(wrong.isEmpty, "\(wrong.prefix(3).map { $0.1 ?? "NULL" })")

      #expect(throws: PGError.self) { try store.connection.copyOut("SELECT 1, 2", columns: 3) { _ in } }
      struct Stop: Error {}
      var seen = 0
      #expect(throws: Stop.self) {
        try store.connection.copyOut("SELECT n FROM generate_series(1, 100) n", columns: 1) { _ in
          seen += 1
          if seen == 3 { throw Stop() }
        }
      }
      #expect(seen == 3)
      #expect(try store.connection.query("SELECT 41 + 1").integer(0, 0) == 42)
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// A `COPY` the server stops partway (here its process is ended from another connection
  /// after the first row) is a failure, never a shorter read taken for the whole.
  @Test func aCopyCutShortByTheServerFails() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      let other = try PostgresStore(url: url)
      var rows = 0
      #expect(throws: PGError.self) {
        try store.connection.copyOut("SELECT n FROM generate_series(1, 20000000) n", columns: 1) { _ in
          rows += 1
          if rows == 1 { try other.connection.query("SELECT pg_terminate_backend($1)", [String(store.connection.backendPID)]) }
        }
      }
      #expect(rows >= 1 && rows < 20_000_000)
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// A row that is not what `COPY`'s text format sends (from a server not to be trusted, or a
  /// bug) is refused rather than read as something else.
  @Test func copyRowsNotInTheTextFormatAreRefused() throws {
    #if PostgreSQL
      func row(_ text: String, columns: Int) -> [String?]? {
        Array(text.utf8).withUnsafeBytes { bytes in
          PGCopyOutRow(bytes, columns: columns).map { row in (0..<columns).map { row.text($0) } }
        }
      }
      #expect(row("a\tb\n", columns: 2) == ["a", "b"])
      #expect(row("\\N\t\\\\N\t\\t\\x\n", columns: 3) == [nil, "\\N", "\tx"])
      #expect(row("\t\n", columns: 2) == ["", ""])
      for (bad, columns) in [("a\tb", 2), ("a\tb\n", 1), ("a\tb\n", 3), ("a\\\n", 1), ("", 1), ("a\tb\\\n", 2)] {
        #expect(row(bad, columns: columns) == nil, "\(bad.debugDescription) as \(columns)")
      }
    #else
      try skipUnavailable("PostgreSQL", because: PostgresTestServer.unavailableReason)
    #endif
  }

  /// The snapshot reads people in the table's order and each group's members as one array, and
  /// hands both over in key order, whatever order the rows were written in and the server read
  /// them in (people made in id order from their copied rows, across every bucket).
  @Test func snapshotPeopleAndMembershipsComeInKeyOrderWhateverTheTableOrder() throws {
    let url = try PostgresTestServer.newDatabase()
    #if PostgreSQL
      let store = try PostgresStore(url: url)
      let acme = try store.createOrganization(named: "acme")
      let org = String(acme.id.rawValue)
      try store.connection.execute("SET client_min_messages = warning")
      // Rows written out of order, so an array that kept the table's order would not be sorted.
      try store.connection.query("""
        INSERT INTO person (org_id, id, email, status, created_at, updated_at)
        SELECT $1::bigint, n, 'p' || n || '@example.com', 'active', 't', 't' FROM generate_series(1, 700) n ORDER BY (n * 37) % 701
        """, [org])
      try store.connection.query("""
        INSERT INTO user_group (org_id, id, name, created_at, updated_at)
        SELECT $1::bigint, g, 'g' || g, 't', 't' FROM generate_series(1, 600) g
        """, [org])
      try store.connection.query("""
        INSERT INTO membership (org_id, group_id, person_id)
        SELECT $1::bigint, g, p FROM generate_series(1, 600) g, generate_series(1, 700) p
        WHERE (g + p) % 7 = 0 ORDER BY p DESC, g
        """, [org])
      // No index: the server groups what it scanned, and each array keeps the order it met rows in.
      try store.connection.execute("SET enable_indexscan = off; SET enable_indexonlyscan = off; SET enable_bitmapscan = off")
      let snapshot = try store.loadSnapshot(of: acme)
      #expect(snapshot.people.map(\.id.rawValue) == Array(1...700))
      #expect(snapshot.people.allSatisfy { $0.email.rawValue == "p\($0.id.rawValue)@example.com" })
      let memberships = snapshot.memberships.map { [$0.groupID.rawValue, $0.personID.rawValue] }
      let expected = (1...600).flatMap { g in (1...700).filter { (g + $0) % 7 == 0 }.map { [Int64(g), Int64($0)] } }
      // Compared apart, so a failure names the first difference instead of printing 60,000 pairs.
      let firstDifference = memberships.indices.first { $0 >= expected.count || memberships[$0] != expected[$0] }
      #expect(memberships.count == expected.count)
      #expect(firstDifference == nil, "first difference at \(firstDifference ?? 0)")
    #endif
  }
}
