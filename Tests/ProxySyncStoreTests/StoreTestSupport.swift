import Foundation
import ProxySyncCore
@testable import ProxySyncStore
import TestSupport

#if PostgreSQL
  @testable import ProxySyncPostgres
#endif

/// A store backend the behaviour tests run against, through `ProxyStore` only. What a test
/// cannot say through the protocol (every row, every reference, a failure in the middle of a
/// write) each backend says in its own words here.
enum TestBackend: CustomStringConvertible, Sendable {
  case sqlite
  /// A PostgreSQL server named by `PROXYSYNC_TEST_POSTGRES` (a libpq URI of a database this
  /// user may create databases from), in a build with the PostgreSQL trait; each store is a
  /// new database on it.
  case postgres

  /// Every backend: a case on PostgreSQL without a server ends as skipped, said by name
  /// (`PostgresTestServer.newDatabase`), never dropped from the list.
  static let all: [TestBackend] = [.sqlite, .postgres]

  var description: String { self == .sqlite ? "SQLite" : "PostgreSQL" }

  static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }

  /// A new, empty store with its clock fixed.
  func makeStore(in directory: TemporaryDirectory) throws -> any ProxyStore {
    switch self {
    case .sqlite: return try Store(path: directory.file("store.sqlite"), clock: Self.clock)
    case .postgres:
      let url = try PostgresTestServer.newDatabase()
      #if PostgreSQL
        return try PostgresStore(url: url, clock: Self.clock)
      #else
        throw ProxySyncError.failure("this build has no PostgreSQL backend: \(url)")
      #endif
    }
  }

  /// Every reference between rows resolves (the SQLite applier writes with foreign-key checks
  /// off; PostgreSQL always checks them).
  func checkReferences(_ store: any ProxyStore) throws {
    switch self {
    case .sqlite:
      let dangling = try sqlite(store).connection.prepare("PRAGMA foreign_key_check").query { "\($0.text(0) ?? "") row \($0.integer(1))" }
      guard dangling.isEmpty else { throw ProxySyncError.failure("dangling references: \(dangling.prefix(5))") }
    case .postgres:
      #if PostgreSQL
        // The bulk tables carry no foreign keys (see PostgresSchema): every reference, checked here.
        let result = try postgres(store).connection.query("""
          SELECT 'person ' || id FROM person p WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.id = p.org_id)
          UNION ALL SELECT 'group ' || id FROM user_group g WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.id = g.org_id)
          UNION ALL SELECT 'membership ' || group_id || '/' || person_id FROM membership m
            WHERE NOT EXISTS (SELECT 1 FROM user_group g WHERE g.org_id = m.org_id AND g.id = m.group_id)
            OR NOT EXISTS (SELECT 1 FROM person p WHERE p.org_id = m.org_id AND p.id = m.person_id)
          UNION ALL SELECT 'run ' || id FROM run r WHERE NOT EXISTS (SELECT 1 FROM organization o WHERE o.id = r.org_id)
          UNION ALL SELECT 'audit ' || id FROM audit a WHERE NOT EXISTS (SELECT 1 FROM run r WHERE r.org_id = a.org_id AND r.id = a.run_id)
            OR (a.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person p WHERE p.org_id = a.org_id AND p.id = a.person_id))
            OR (a.group_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_group g WHERE g.org_id = a.org_id AND g.id = a.group_id))
          LIMIT 5
          """)
        let dangling = result.rows { result.text($0, 0) ?? "" }
        guard dangling.isEmpty else { throw ProxySyncError.failure("dangling references: \(dangling)") }
      #endif
    }
  }

  /// Every row of every table, as text: equal dumps mean an unchanged store.
  func dump(_ store: any ProxyStore) throws -> String {
    switch self {
    case .sqlite:
      var lines: [String] = []
      for table in ["organization", "person", "user_group", "membership", "run", "audit"] {
        let rows = try sqlite(store).connection.prepare("SELECT * FROM \(table) ORDER BY 1, 2").query { row in
          (0..<16).map { row.text(Int32($0)) ?? "∅" }.joined(separator: "|")
        }
        lines += rows.map { "\(table): \($0)" }
      }
      return lines.joined(separator: "\n")
    case .postgres:
      #if PostgreSQL
        let connection = try postgres(store).connection
        var lines: [String] = []
        for table in ["organization", "person", "user_group", "membership", "run", "audit"] {
          let result = try connection.query("SELECT t::text FROM \(table) t ORDER BY 1")
          lines += result.rows { "\(table): \(result.text($0, 0) ?? "")" }
        }
        return lines.joined(separator: "\n")
      #else
        return ""
      #endif
    }
  }

  /// How many audit rows list many people (`AuditRules.listings`).
  func listingRows(_ store: any ProxyStore) throws -> Int {
    switch self {
    case .sqlite:
      return Int(try sqlite(store).connection.prepare("SELECT count(*) FROM audit WHERE people IS NOT NULL").query { $0.integer(0) }.first ?? 0)
    case .postgres:
      #if PostgreSQL
        return Int(try postgres(store).connection.query("SELECT count(*) FROM audit WHERE people IS NOT NULL").integer(0, 0))
      #else
        return 0
      #endif
    }
  }

  /// Makes the store fail inside a write: inserting a person with this email raises an error.
  func failInserting(email: String, in store: any ProxyStore) throws {
    switch self {
    case .sqlite:
      try sqlite(store).connection.execute("""
        CREATE TRIGGER fail BEFORE INSERT ON person WHEN NEW.email = '\(email)'
        BEGIN SELECT RAISE(ABORT, 'disk on fire'); END
        """)
    case .postgres:
      #if PostgreSQL
        try postgres(store).connection.execute("""
          CREATE FUNCTION fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$ LANGUAGE plpgsql;
          CREATE TRIGGER fail BEFORE INSERT ON person FOR EACH ROW WHEN (NEW.email = '\(email)') EXECUTE FUNCTION fail();
          """)
      #endif
    }
  }

  /// Runs SQL of this backend's dialect on the store, for a test that damages it.
  func execute(_ sql: String, in store: any ProxyStore) throws {
    switch self {
    case .sqlite: try sqlite(store).connection.execute(sql)
    case .postgres:
      #if PostgreSQL
        try postgres(store).connection.execute(sql)
      #endif
    }
  }

  /// Whether the store holds no statement or transaction open between calls.
  func isIdle(_ store: any ProxyStore) throws -> Bool {
    switch self {
    case .sqlite: return try sqlite(store).connection.openStatementCount == 0
    case .postgres:
      #if PostgreSQL
        return try postgres(store).connection.isIdle
      #else
        return true
      #endif
    }
  }

  #if PostgreSQL
    func postgres(_ store: any ProxyStore) throws -> PostgresStore {
      guard let store = store as? PostgresStore else { throw ProxySyncError.failure("not a PostgreSQL store") }
      return store
    }
  #endif

  func sqlite(_ store: any ProxyStore) throws -> Store {
    guard let store = store as? Store else { throw ProxySyncError.failure("not a SQLite store") }
    return store
  }
}

/// A store in its own temporary directory, with one organization "acme".
final class TestStore {
  let directory = TemporaryDirectory()
  let backend: TestBackend
  let store: any ProxyStore
  let acme: Organization
  private var runs = 0

  init(_ backend: TestBackend = .sqlite) throws {
    self.backend = backend
    store = try backend.makeStore(in: directory)
    acme = try store.createOrganization(named: "acme")
  }

  /// The SQLite store itself, for tests of what only SQLite does.
  var sqlite: Store {
    get throws { try backend.sqlite(store) }
  }

  /// Plans against the stored state and applies, as `sync` does.
  @discardableResult
  func sync(_ desired: DirectorySnapshot, in organization: Organization? = nil, options: SyncOptions = .default) throws -> Plan {
    runs += 1
    let run = RunStart(id: RunID("run-\(runs)"), command: "sync", source: "test")
    let plan = try store.applyChanges(to: organization ?? acme, run: run) { current, _ in
      makePlan(desired: desired, current: current, options: options)
    }.0
    try backend.checkReferences(store)
    return plan
  }

  func checkReferences() throws { try backend.checkReferences(store) }

  func snapshot(_ organization: Organization? = nil) throws -> StoreSnapshot {
    try store.loadSnapshot(of: organization ?? acme)
  }

  func dump() throws -> String { try backend.dump(store) }

  /// Everyone pending accepts their invite.
  func markEveryoneActive(in organization: Organization? = nil) throws {
    _ = try store.markActive(in: organization ?? acme, emails: nil)
  }
}


/// The changes by hand the store tests make, each as the CLI makes it: a run of its own.
extension ProxyStore {
  @discardableResult
  func addPerson(to organization: Organization, email: EmailAddress, firstName: String?, lastName: String?) throws -> Person {
    _ = try applyPersonChanges(in: organization, run: RunStart(id: RunID.fresh(), command: "add", source: nil)) { people throws(ProxySyncError) in
      try PersonChanges.add(email, firstName: firstName, lastName: lastName, in: organization, people: people)
    }
    guard let person = try loadPeople(of: organization).first(where: { $0.email == email }) else {
      throw ProxySyncError.failure("\(email) was not added")
    }
    return person
  }

  /// How many people changed.
  @discardableResult
  func markActive(in organization: Organization, emails: [EmailAddress]?) throws -> Int {
    let (changes, _) = try applyPersonChanges(in: organization, run: RunStart(id: RunID.fresh(), command: "mark-active", source: nil)) {
      people throws(ProxySyncError) in try PersonChanges.markActive(emails, in: organization, people: people)
    }
    return changes.count
  }

  func setRole(in organization: Organization, email: EmailAddress, role: Role) throws {
    _ = try applyPersonChanges(in: organization, run: RunStart(id: RunID.fresh(), command: "set-role", source: nil)) { people throws(ProxySyncError) in
      try PersonChanges.setRole(role, of: email, in: organization, people: people)
    }
  }
}

extension RunID {
  /// A run id no other run of the test has.
  static func fresh() -> RunID { RunID("hand-" + UUID().uuidString.lowercased()) }
}
