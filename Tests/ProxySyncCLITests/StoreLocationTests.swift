import TestSupport
import Testing

@testable import ProxySyncCLI

/// `--store` picks the backend: a path is SQLite, a postgres URL PostgreSQL.
@Suite struct StoreLocationTests {
  @Test(arguments: [
    ("./proxy-store.sqlite", StoreLocation.sqlite(path: "./proxy-store.sqlite")),
    ("/var/lib/proxysync/store", .sqlite(path: "/var/lib/proxysync/store")),
    ("postgresql://sync@db/proxy", .postgres(url: "postgresql://sync@db/proxy")),
    ("POSTGRES://db/proxy?host=/run/postgresql", .postgres(url: "POSTGRES://db/proxy?host=/run/postgresql")),
  ])
  func theLocationNamesTheBackend(text: String, location: StoreLocation) {
    #expect(StoreLocation(text) == location)
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
