#if PostgreSQL
  import CLibPQ
  import Foundation

  /// An open libpq connection; the handle lives exactly as long as this object.
  ///
  /// Every value goes as a text parameter (`$1`), never spliced into SQL; only `copyOut`'s
  /// queries, which `COPY` runs without parameters, carry integers of ours. After any error
  /// inside a transaction, PostgreSQL refuses every later statement until `ROLLBACK`:
  /// `transaction` always ends one way or the other.
  final class PGConnection {
    private let handle: OpaquePointer
    /// A `COPY` whose rows were all sent but whose result was not read yet: the server works
    /// through them while the next rows are built here. Read before anything else is sent.
    private var unfinishedCopy: String?

    /// Connects with a libpq connection string or URI (`PG*` variables fill in the rest).
    init(_ conninfo: String) throws(PGError) {
      guard let handle = PQconnectdb(conninfo) else { throw PGError(message: "out of memory", sql: nil) }
      guard PQstatus(handle) == CONNECTION_OK else {
        let message = String(cString: PQerrorMessage(handle))
        PQfinish(handle)
        throw PGError(message: message, sql: nil)
      }
      // Every string here is UTF-8, whatever `PGCLIENTENCODING` or the connection string asks
      // for: in another client encoding the server would store our bytes as other characters.
      guard PQsetClientEncoding(handle, "UTF8") == 0 else {
        let message = String(cString: PQerrorMessage(handle))
        PQfinish(handle)
        throw PGError(message: "cannot speak UTF-8 with the server: \(message)", sql: nil)
      }
      self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// The server process serving this connection.
    var backendPID: Int32 { PQbackendPID(handle) }

    /// No transaction is open (nor failed and waiting for its rollback).
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Runs SQL with parameters (nil is NULL); the rows come back as text.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(PGError) -> PGResult {
      try finishCopy()
      let result: OpaquePointer? = withCStrings(parameters) { values in
        PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
      }
      guard let result else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
      let owned = PGResult(result)
      switch PQresultStatus(result) {
      case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN: return owned
      default: throw owned.error(sql: sql)
      }
    }

    /// Runs a query through a cursor, handing its rows over `batch` at a time, in a read-only
    /// transaction of its own (or the one already open). Each next batch is asked for before
    /// the one in hand is read, so the server makes it meanwhile: asked for only when needed,
    /// the server and this process took turns, and a million people took twice as long.
    func forEachRow(_ sql: String, _ parameters: [String?], batch: Int = 2_000, _ body: (PGResult, Int) throws -> Void) throws {
      func read() throws {
        try query("DECLARE rows NO SCROLL CURSOR FOR \(sql)", parameters)
        let fetch = "FETCH \(batch) FROM rows"
        try send(fetch)
        while true {
          let result = try receive(fetch)
          let more = result.rowCount == batch
          if more { try send(fetch) }
          do {
            for row in 0..<result.rowCount { try body(result, row) }
          } catch {
            if more { discardResults() }
            throw error
          }
          if !more { break }
        }
        try execute("CLOSE rows")
      }
      if isIdle { try transaction("BEGIN READ ONLY", read) } else { try read() }
    }

    /// Runs `query` as `COPY (query) TO STDOUT`, handing its rows over one at a time, each of
    /// `columns` values (a row otherwise is refused). For a large read this costs the server
    /// less than a cursor: a million people's rows took 0.9–1.0 CPU-seconds instead of 1.3–1.75.
    /// `COPY` takes no parameters: `query` holds its values itself, so callers write only
    /// integers into it. A failure in `body` stops nothing on the server; the rest of the rows
    /// are read and dropped so the connection stays usable, then the failure is thrown.
    func copyOut(_ query: String, columns: Int, _ body: (PGCopyOutRow) throws -> Void) throws {
      let sql = "COPY (\(query)) TO STDOUT"
      try finishCopy()
      guard let started = PQexec(handle, sql) else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
      let start = PGResult(started)
      guard PQresultStatus(started) == PGRES_COPY_OUT else { throw start.error(sql: sql) }
      var failure: (any Error)?
      while true {
        var line: UnsafeMutablePointer<CChar>?
        let length = PQgetCopyData(handle, &line, 0)
        // -1: the server ended the COPY (its result says how); -2: the connection failed.
        if length == -1 { break }
        guard length >= 0, let line else {
          failure = failure ?? PGError(message: String(cString: PQerrorMessage(handle)), sql: sql)
          break
        }
        defer { PQfreemem(line) }
        guard failure == nil else { continue }
        guard let row = PGCopyOutRow(UnsafeRawBufferPointer(start: line, count: Int(length)), columns: columns) else {
          failure = PGError(message: "the server sent a row that is not \(columns) values of COPY's text format", sql: sql)
          continue
        }
        do { try body(row) } catch { failure = error }
      }
      // Only the server's word that the COPY completed makes the rows whole.
      do {
        guard try results(of: sql, expecting: PGRES_COMMAND_OK) != nil else {
          throw PGError(message: "the server did not complete the COPY", sql: sql)
        }
      } catch {
        throw failure ?? error
      }
      if let failure { throw failure }
    }

    /// Sends a statement without parameters and returns at once; `receive` reads its result.
    private func send(_ sql: String) throws(PGError) {
      guard PQsendQuery(handle, sql) == 1 else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
    }

    /// The rows of the statement `send` sent, its results read to their end.
    private func receive(_ sql: String) throws(PGError) -> PGResult {
      guard let rows = try results(of: sql, expecting: PGRES_TUPLES_OK) else {
        throw PGError(message: "the server sent no rows", sql: sql)
      }
      return rows
    }

    /// Reads every result of a statement sent without waiting (a query, a `COPY`): the first
    /// with the status expected, or the first failure thrown once all are read.
    private func results(of sql: String, expecting status: ExecStatusType) throws(PGError) -> PGResult? {
      var expected: PGResult?
      var failure: PGError?
      while let result = PQgetResult(handle) {
        let owned = PGResult(result)
        if PQresultStatus(result) == status {
          if expected == nil { expected = owned }
        } else if failure == nil {
          failure = owned.error(sql: sql)
        }
      }
      if let failure { throw failure }
      return expected
    }

    /// Reads and drops whatever results are still coming, so the next statement can be sent.
    private func discardResults() {
      while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Runs several statements without parameters (schema, transaction control). Never for values.
    func execute(_ sql: String) throws(PGError) {
      try finishCopy()
      guard let result = PQexec(handle, sql) else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
      let owned = PGResult(result)
      guard [PGRES_COMMAND_OK, PGRES_TUPLES_OK].contains(PQresultStatus(result)) else { throw owned.error(sql: sql) }
    }

    /// Runs `body` between `begin` and COMMIT; any error rolls back and is rethrown as it was.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
      try execute(begin)
      do {
        let value = try body()
        try execute("COMMIT")
        return value
      } catch {
        // The first error is the one worth reporting; a failed rollback cannot add to it.
        try? finishCopy()
        try? execute("ROLLBACK")
        throw error
      }
    }

    /// Streams rows into `target` (a table and its columns) with `COPY … FROM STDIN` in the
    /// binary format, a megabyte at a time. Returns once the rows are sent: the server's
    /// verdict is read by the next statement (a failure then fails that statement, inside the
    /// same transaction), so building the next batch overlaps the server storing this one.
    func copy(into target: String, _ rows: PGCopyRows) throws(PGError) {
      let sql = "COPY \(target) FROM STDIN (FORMAT binary)"
      try query(sql)
      try rows.forEachChunk(of: 1 << 20) { (chunk) throws(PGError) in
        let sent = chunk.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        guard sent == 1 else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
      }
      guard PQputCopyEnd(handle, nil) == 1 else { throw PGError(message: String(cString: PQerrorMessage(handle)), sql: sql) }
      unfinishedCopy = sql
    }

    /// Reads the result of the `COPY` sent last, if it was not read yet.
    private func finishCopy() throws(PGError) {
      guard let sql = unfinishedCopy else { return }
      unfinishedCopy = nil
      _ = try results(of: sql, expecting: PGRES_COMMAND_OK)
    }
  }

  /// Calls `body` with C strings for `values` (NULL for nil) that live for the call.
  private func withCStrings<R>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } ?? nil }
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
      body(buffer.map { $0.map { UnsafePointer($0) } })
    }
  }

  /// A query's result; cleared when this object goes.
  final class PGResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }

    var rowCount: Int { Int(PQntuples(handle)) }
    /// Rows an INSERT, UPDATE or DELETE changed.
    var changed: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The value at a row and column (`PGRowValues.text`); nil for NULL.
    func text(_ row: Int, _ column: Int) -> String? { PGRow(result: self, index: row).text(column) }

    /// The value's bytes where libpq holds them, for as long as `body` runs; nil for NULL.
    func withText<R>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
      let (row, column) = (Int32(row), Int32(column))
      guard PQgetisnull(handle, row, column) == 0, let start = PQgetvalue(handle, row, column) else { return nil }
      return try body(UnsafeRawBufferPointer(start: start, count: Int(PQgetlength(handle, row, column))))
    }

    /// The integer at a row and column (`PGRowValues.integer`); 0 for NULL or not an integer.
    func integer(_ row: Int, _ column: Int) -> Int64 { PGRow(result: self, index: row).integer(column) }

    /// A 64-bit decimal integer as the server writes one (`-` and digits); nil for anything else.
    @inline(__always) static func decimal(_ text: UnsafeRawBufferPointer) -> Int64? {
      let negative = text.first == UInt8(ascii: "-")
      guard text.count > (negative ? 1 : 0) else { return nil }
      var value: Int64 = 0
      for byte in text.dropFirst(negative ? 1 : 0) {
        guard byte &- UInt8(ascii: "0") < 10 else { return nil }
        let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
        let (sum, carry) = times10.subtractingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
        guard !overflow, !carry else { return nil }
        value = sum
      }
      // Summed as a negative number, so the smallest Int64 reads too.
      if negative { return value }
      let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(value)
      return overflow ? nil : positive
    }

    /// Each row mapped.
    func rows<T>(_ transform: (Int) throws -> T) rethrows -> [T] { try (0..<rowCount).map(transform) }

    func error(sql: String?) -> PGError {
      let state = PQresultErrorField(handle, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
      return PGError(sqlState: state, message: String(cString: PQresultErrorMessage(handle)), sql: sql)
    }
  }
#endif
