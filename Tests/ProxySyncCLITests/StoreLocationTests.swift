import TestSupport
import Testing

@testable import ProxySyncCLI

/// `--store` picks the backend: a path is SQLite, a postgres URL PostgreSQL.
@Suite struct StoreLocationTests {
  @Test(arguments: [
    ("./proxy-store.sqlite", "sqlite"), ("/var/lib/proxysync/store", "sqlite"), ("postgresql://sync@db/proxy", "postgres"),
    ("POSTGRES://db/proxy?host=/run/postgresql", "postgres"), ("host=/run/postgresql dbname=proxy", "postgres"),
  ])
  func theLocationNamesTheBackend(text: String, backend: String) throws {
    switch try StoreLocation(text) {
    case .sqlite(let path): #expect(backend == "sqlite" && path == text)
    case .postgres: #expect(backend == "postgres")
    }
  }

  #if PostgreSQL
    @Test func anUnreachableServerFailsNamingItButNeverThePassword() {
      let cli = CLIHarness()
      let result = cli.run("org", "list", "--store", "postgresql://sync:s3cret@127.0.0.1:1/proxy?password=s3cret")
      #expect(result.status == 1)
      #expect(result.err.contains("cannot open the store postgresql://sync:***@127.0.0.1:1/proxy?password=***"), "\(result.err)")
      #expect(!result.err.contains("s3cret"))
    }
  #else
    @Test func aBuildWithoutPostgreSQLSaysHowToGetOne() {
      let cli = CLIHarness()
      let result = cli.run("org", "list", "--store", "postgresql://sync@localhost/proxy")
      #expect(result.status == 2)
      #expect(result.err.contains("built without the PostgreSQL store; build it with: swift build -c release --traits PostgreSQL"))
    }
  #endif
}
