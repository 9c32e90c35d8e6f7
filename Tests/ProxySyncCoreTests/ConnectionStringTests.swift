import ProxySyncCore
import Testing

/// A PostgreSQL address is read as libpq reads it, and its password is never shown.
@Suite struct ConnectionStringTests {
  struct Case: Sendable, CustomStringConvertible {
    var text: String
    var password: String
    var user: String?
    var host: String?
    var port: String?
    var dbname: String?
    var shown: String
    var description: String { text }
  }

  static let cases: [Case] = [
    Case(text: "postgresql://alice:S3cr%40t%2Fx%25y@db.example:5432/proxy?sslmode=require", password: "S3cr@t/x%y", user: "alice",
      host: "db.example", port: "5432", dbname: "proxy", shown: "postgresql://alice:***@db.example:5432/proxy?sslmode=require"),
    // Written without percent-encoding: an @, / or ? in the password stays in it.
    Case(text: "postgresql://alice:p@ss/w%rd?x@db.example/proxy", password: "p@ss/w%rd?x", user: "alice", host: "db.example", dbname: "proxy",
      shown: "postgresql://alice:***@db.example/proxy"),
    Case(text: "postgres://alice@db.example/proxy?pass%77ord=T0p&application_name=sync", password: "T0p", user: "alice",
      host: "db.example", dbname: "proxy", shown: "postgresql://alice@db.example/proxy?password=***&application_name=sync"),
    Case(text: "postgresql://sync@/proxy?host=/run/postgresql&password=x%3Dy", password: "x=y", user: "sync", host: "/run/postgresql",
      dbname: "proxy", shown: "postgresql://sync@/proxy?host=/run/postgresql&password=***"),
    Case(text: "postgresql://u:pw@[::1]:5433,db2:5434/proxy", password: "pw", user: "u", host: "::1,db2", port: "5433,5434", dbname: "proxy",
      shown: "postgresql://u:***@[::1]:5433,db2:5434/proxy"),
    Case(text: "host=db.example dbname=proxy user=alice password='p@ss w\\'rd\\\\' sslmode=verify-full", password: "p@ss w'rd\\",
      user: "alice", host: "db.example", dbname: "proxy", shown: "host=db.example dbname=proxy user=alice password=*** sslmode=verify-full"),
    Case(text: "  host = db.example port=6432 password=bare\\ one", password: "bare one", host: "db.example", port: "6432",
      shown: "host=db.example port=6432 password=***"),
  ]

  @Test(arguments: cases)
  func theAddressIsReadAsLibpqReadsItAndShownWithoutThePassword(_ example: Case) throws {
    #expect(ConnectionString.isPostgres(example.text))
    let address = try ConnectionString(example.text)
    #expect(address.value("password") == example.password)
    #expect(address.value("user") == example.user)
    #expect(address.value("host") == example.host)
    #expect(address.value("port") == example.port)
    #expect(address.value("dbname") == example.dbname)
    #expect(address.shown == example.shown)
    // libpq gets the parsed values back, quoted: reading its text again gives the same.
    let again = try ConnectionString(address.libpqText)
    #expect(again.parameters == address.parameters)
  }

  @Test(arguments: cases)
  func libpqsMessagesAreScrubbedOfThePasswordAsWrittenAndDecoded(_ example: Case) throws {
    let address = try ConnectionString(example.text)
    let written = example.text.contains("%40") ? "S3cr%40t%2Fx%25y" : example.password
    let scrubbed = address.scrub("invalid percent-encoded token: \"\(written)\"; password \"\(example.password)\" rejected")
    #expect(!scrubbed.contains(example.password) && !scrubbed.contains(written), "\(scrubbed)")
    #expect(scrubbed.contains("***"))
  }

  @Test(arguments: ["./proxy-store.sqlite", "/var/lib/proxysync/store", "store=old.sqlite", "my store.sqlite", "hostile"])
  func aFileNameIsNotAnAddress(text: String) {
    #expect(!ConnectionString.isPostgres(text))
  }

  @Test func aPortThatIsNotANumberIsRefusedWithoutQuotingTheAddress() {
    #expect {
      try ConnectionString("postgresql://alice:p:4ss@db:x1/proxy")
    } throws: { error in
      let text = "\(error)"
      return text.contains("port that is not a number") && !text.contains("4ss")
    }
  }

  @Test func onlyAnEncryptedCheckedConnectionToAnotherHostIsQuiet() throws {
    let remote = try ConnectionString("postgresql://db.example/proxy")
    #expect(remote.remoteHosts(environment: [:]) == ["db.example"])
    #expect(!remote.requiresTLS(environment: [:]))
    #expect(remote.requiresTLS(environment: ["PGSSLMODE": "verify-full"]))
    #expect(try ConnectionString("host=/run/postgresql dbname=x").remoteHosts(environment: [:]).isEmpty)
    #expect(try ConnectionString("postgresql://localhost,127.0.0.1/x").remoteHosts(environment: [:]).isEmpty)
    #expect(try ConnectionString("dbname=x").remoteHosts(environment: ["PGHOST": "db.example"]) == ["db.example"])
  }
}
