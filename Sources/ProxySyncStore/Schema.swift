import ProxySyncCore

/// The store's schema as ordered migrations; `PRAGMA user_version` says how many have run.
///
/// Add a migration at the end, never edit one that has shipped: stores in the field have run it.
enum Schema {
  static let migrations: [String] = [
    """
    CREATE TABLE organization (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      revision INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE person (
      id INTEGER PRIMARY KEY,
      org_id INTEGER NOT NULL REFERENCES organization(id),
      okta_user_id TEXT,
      email TEXT NOT NULL,
      first_name TEXT,
      last_name TEXT,
      mobile_phone TEXT,
      title TEXT,
      department TEXT,
      employee_number TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'inactive')),
      role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deactivated_at TEXT
    );
    CREATE UNIQUE INDEX person_org_email ON person(org_id, email);
    CREATE UNIQUE INDEX person_org_okta ON person(org_id, okta_user_id) WHERE okta_user_id IS NOT NULL;
    CREATE TABLE user_group (
      id INTEGER PRIMARY KEY,
      org_id INTEGER NOT NULL REFERENCES organization(id),
      okta_group_id TEXT,
      name TEXT NOT NULL,
      description TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX user_group_org_okta ON user_group(org_id, okta_group_id) WHERE okta_group_id IS NOT NULL;
    CREATE TABLE membership (
      group_id INTEGER NOT NULL REFERENCES user_group(id),
      person_id INTEGER NOT NULL REFERENCES person(id),
      PRIMARY KEY (group_id, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX membership_person ON membership(person_id);
    CREATE TABLE run (
      id TEXT PRIMARY KEY,
      org_id INTEGER NOT NULL REFERENCES organization(id),
      command TEXT NOT NULL,
      source TEXT,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      outcome TEXT NOT NULL,
      counts TEXT NOT NULL DEFAULT '{}',
      message TEXT
    );
    CREATE INDEX run_org_started ON run(org_id, started_at);
    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      run_id TEXT NOT NULL REFERENCES run(id),
      org_id INTEGER NOT NULL REFERENCES organization(id),
      operation TEXT NOT NULL,
      person_id INTEGER REFERENCES person(id),
      group_id INTEGER REFERENCES user_group(id),
      before TEXT,
      after TEXT
    );
    CREATE INDEX audit_run ON audit(run_id);
    CREATE INDEX audit_person ON audit(person_id) WHERE person_id IS NOT NULL;
    CREATE INDEX audit_group ON audit(group_id) WHERE group_id IS NOT NULL;
    """,
    // Records left out of a run by --quarantine-invalid, one rendered diagnostic per line.
    """
    ALTER TABLE run ADD COLUMN quarantined TEXT NOT NULL DEFAULT '';
    """,
    // One run at a time per organization; the holder is named so a refusal can say who.
    // The Okta tenant an organization is bound to, and the newest export applied.
    // The checksum of each applied saved plan, so it is never applied twice.
    """
    CREATE TABLE run_lock (
      org_id INTEGER PRIMARY KEY REFERENCES organization(id),
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      process_start TEXT NOT NULL,
      started_at TEXT NOT NULL,
      command TEXT NOT NULL
    );
    ALTER TABLE organization ADD COLUMN okta_org TEXT;
    ALTER TABLE organization ADD COLUMN okta_app_id TEXT;
    ALTER TABLE organization ADD COLUMN last_exported_at TEXT;
    ALTER TABLE run ADD COLUMN manifest TEXT;
    ALTER TABLE run ADD COLUMN plan_checksum TEXT;
    CREATE INDEX run_plan_checksum ON run(plan_checksum) WHERE plan_checksum IS NOT NULL;
    """,
    // How long each run took, from the command's start to its record.
    """
    ALTER TABLE run ADD COLUMN duration_seconds REAL;
    """,
    // An organization's people in id order without a sort: through the email index, reading a
    // million people took a temporary b-tree and a row lookup each (3.6 s against 1 s).
    """
    CREATE INDEX person_org ON person(org_id);
    """,
    // Nothing looks memberships up by person (people are never deleted), and building this
    // index took 3.7 s of a million-person import.
    """
    DROP INDEX membership_person;
    """,
    // A membership change made to many people of one group in one run is audited as one row
    // listing them (person ids, comma separated) instead of a row each: a million-person import
    // wrote five million audit rows and their index entries. Listing rows are found per organization.
    """
    ALTER TABLE audit ADD COLUMN people TEXT;
    CREATE INDEX audit_listed ON audit(org_id) WHERE people IS NOT NULL;
    """,
    // A run's audit rows are one range of ids (runs write one at a time): the run keeps its
    // range, and the index on audit.run_id, maintained for every row written, goes.
    """
    ALTER TABLE run ADD COLUMN first_audit_id INTEGER;
    ALTER TABLE run ADD COLUMN last_audit_id INTEGER;
    UPDATE run SET first_audit_id = (SELECT min(id) FROM audit WHERE run_id = run.id),
      last_audit_id = (SELECT max(id) FROM audit WHERE run_id = run.id);
    DROP INDEX audit_run;
    """,
    // Operations a sync held for approval (`--on-guard hold`), as a saved plan's text, and the
    // run that approved them.
    """
    ALTER TABLE run ADD COLUMN held_plan TEXT;
    ALTER TABLE run ADD COLUMN approved_in TEXT;
    """,
    // The key saved plans are signed with (`PlanSigningKey`), one row, filled by `migrate`
    // from the system's secure random source.
    """
    CREATE TABLE store_key (id INTEGER PRIMARY KEY CHECK (id = 1), plan_key TEXT NOT NULL);
    """,
    // Who ran each run: the operating-system user (and who they came through sudo from).
    """
    ALTER TABLE run ADD COLUMN ran_by TEXT;
    """,
  ]

  /// Brings the database up to the newest schema, one transaction per migration.
  static func migrate(_ connection: Connection) throws {
    let version = try connection.prepare("PRAGMA user_version").query { Int($0.integer(0)) }.first ?? 0
    guard version <= migrations.count else {
      throw ProxySyncError.failure("the store was written by a newer proxysync (schema \(version), this one knows \(migrations.count)); upgrade proxysync")
    }
    for (index, migration) in migrations.enumerated().dropFirst(version) {
      try connection.transaction {
        try connection.execute(migration)
        try connection.execute("PRAGMA user_version = \(index + 1)")
      }
    }
    let keys = try connection.prepare("SELECT count(*) FROM store_key").query { $0.integer(0) }
    if keys.first == 0 {
      try connection.transaction {
        _ = try connection.prepare("INSERT OR IGNORE INTO store_key (id, plan_key) VALUES (1, ?)").execute([.text(PlanSigningKey.generate().hex)])
      }
    }
  }
}
