#if PostgreSQL
  import ProxySyncCore

  /// The PostgreSQL store's schema as ordered migrations; `proxysync_schema.version` says how
  /// many have run.
  ///
  /// The tables that bulk writes fill (people, groups, memberships, runs, audit rows) carry no
  /// foreign keys: PostgreSQL checks one with a trigger per row, which cost more than the
  /// writes themselves (7 of 15 s of a 100k import). As in the SQLite store, the applier writes
  /// only ids it read or reserved in the same transaction, and the store tests check every
  /// reference after every apply.
  ///
  /// Ready for a database distributed by organization (Citus): every table carries `org_id`,
  /// every key starts with it, and every query filters by it. Ids come from sequences, so runs
  /// of different organizations can write at the same time. Add migrations at the end; never
  /// edit one that has shipped.
  enum PostgresSchema {
    static let migrations: [String] = [
      """
      CREATE TABLE organization (
        id bigserial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        created_at text NOT NULL,
        revision bigint NOT NULL DEFAULT 0,
        okta_org text,
        okta_app_id text,
        last_exported_at text
      );
      CREATE SEQUENCE person_id_seq;
      CREATE SEQUENCE group_id_seq;
      CREATE SEQUENCE audit_id_seq;
      CREATE SEQUENCE run_seq;
      CREATE TABLE person (
        org_id bigint NOT NULL,
        id bigint NOT NULL DEFAULT nextval('person_id_seq'),
        okta_user_id text,
        email text NOT NULL,
        first_name text,
        last_name text,
        mobile_phone text,
        title text,
        department text,
        employee_number text,
        status text NOT NULL CHECK (status IN ('pending', 'active', 'inactive')),
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
        created_at text NOT NULL,
        updated_at text NOT NULL,
        deactivated_at text,
        PRIMARY KEY (org_id, id),
        -- Checked at commit: a plan may swap two people's emails.
        CONSTRAINT person_org_email UNIQUE (org_id, email) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE UNIQUE INDEX person_org_okta ON person (org_id, okta_user_id) WHERE okta_user_id IS NOT NULL;
      CREATE TABLE user_group (
        org_id bigint NOT NULL,
        id bigint NOT NULL DEFAULT nextval('group_id_seq'),
        okta_group_id text,
        name text NOT NULL,
        description text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        PRIMARY KEY (org_id, id)
      );
      CREATE UNIQUE INDEX user_group_org_okta ON user_group (org_id, okta_group_id) WHERE okta_group_id IS NOT NULL;
      CREATE TABLE membership (
        org_id bigint NOT NULL,
        group_id bigint NOT NULL,
        person_id bigint NOT NULL,
        PRIMARY KEY (org_id, group_id, person_id)
      );
      CREATE TABLE run (
        org_id bigint NOT NULL,
        id text NOT NULL,
        command text NOT NULL,
        source text,
        started_at text NOT NULL,
        finished_at text,
        outcome text NOT NULL,
        counts text NOT NULL DEFAULT '{}',
        message text,
        quarantined text NOT NULL DEFAULT '',
        manifest text,
        plan_checksum text,
        duration_seconds double precision,
        -- The order runs were recorded in: ids are random, and times only to the second.
        seq bigint NOT NULL DEFAULT nextval('run_seq'),
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX run_org_started ON run (org_id, started_at);
      CREATE INDEX run_id_lookup ON run (id);
      CREATE INDEX run_plan_checksum ON run (plan_checksum) WHERE plan_checksum IS NOT NULL;
      -- Audit rows carry their run: runs of different organizations commit at the same time.
      CREATE TABLE audit (
        org_id bigint NOT NULL,
        id bigint NOT NULL DEFAULT nextval('audit_id_seq'),
        run_id text NOT NULL,
        operation text NOT NULL,
        person_id bigint,
        group_id bigint,
        before text,
        after text,
        -- A group's membership change made to many people in one run: one row listing them.
        people bigint[],
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX audit_run ON audit (org_id, run_id, id);
      CREATE INDEX audit_listed ON audit USING gin (people) WHERE people IS NOT NULL;
      CREATE INDEX audit_person ON audit (org_id, person_id) WHERE person_id IS NOT NULL;
      CREATE INDEX audit_group ON audit (org_id, group_id) WHERE group_id IS NOT NULL;
      -- Who holds an organization's run lock (a session advisory lock keyed by its id), so a
      -- refusal can name them.
      CREATE TABLE run_lock (
        org_id bigint PRIMARY KEY REFERENCES organization(id),
        pid integer NOT NULL,
        host text NOT NULL,
        backend_pid integer NOT NULL,
        started_at text NOT NULL,
        command text NOT NULL
      );
      """,
      // Operations a sync held for approval (`--on-guard hold`), as a saved plan's text, and
      // the run that approved them.
      """
      ALTER TABLE run ADD COLUMN held_plan text, ADD COLUMN approved_in text;
      """,
      // Rows listing people are found per organization and filtered (one per group and run:
      // tens of thousands), as SQLite does: keeping a GIN index of every listed person cost
      // 10 s of a million-person import.
      """
      DROP INDEX audit_listed;
      CREATE INDEX audit_listed ON audit (org_id) WHERE people IS NOT NULL;
      """,
      // The key saved plans are signed with (`PlanSigningKey`), one row, filled by `migrate`
      // from the system's secure random source.
      """
      CREATE TABLE store_key (id integer PRIMARY KEY CHECK (id = 1), plan_key text NOT NULL);
      """,
      // Who ran each run: the operating-system user (and who they came through sudo from).
      """
      ALTER TABLE run ADD COLUMN ran_by text;
      """,
      // Emails and Okta ids compare byte by byte, as in SQLite: people are listed in the order
      // of their emails' bytes straight from the index, and a million-person import builds the
      // email index in 1.0 s instead of 1.3 s (database in C.UTF-8) or 2.3 s (in ICU's English).
      // Equality, and so uniqueness, is the same under any deterministic collation.
      """
      ALTER TABLE person ALTER COLUMN email TYPE text COLLATE "C", ALTER COLUMN okta_user_id TYPE text COLLATE "C";
      ALTER TABLE user_group ALTER COLUMN okta_group_id TYPE text COLLATE "C";
      """,
    ]

    /// A fixed advisory-lock key that serialises schema changes between processes.
    static let migrationLockKey: Int64 = 0x7072_6F78_7973_796E  // "proxysyn"

    /// Brings the database up to the newest schema, all in one transaction.
    static func migrate(_ connection: PGConnection) throws {
      try connection.transaction {
        try connection.query("SELECT pg_advisory_xact_lock($1)", [String(migrationLockKey)])
        try connection.execute("CREATE TABLE IF NOT EXISTS proxysync_schema (version integer NOT NULL)")
        let version = Int(try connection.query("SELECT max(version) FROM proxysync_schema").integer(0, 0))
        guard version <= migrations.count else {
          throw PGError(message: "the store was written by a newer proxysync (schema \(version), this one knows \(migrations.count)); upgrade proxysync", sql: nil)
        }
        for (index, migration) in migrations.enumerated().dropFirst(version) {
          try connection.execute(migration)
          try connection.query("INSERT INTO proxysync_schema (version) VALUES ($1)", [String(index + 1)])
        }
        if try connection.query("SELECT count(*) FROM store_key").integer(0, 0) == 0 {
          try connection.query("INSERT INTO store_key (id, plan_key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", [PlanSigningKey.generate().hex])
        }
      }
    }
  }
#endif
