/// The overview `proxysync --help` prints; each command has its own `--help`.
enum Help {
  static let overview = """
    proxysync: mirror an Okta export into the Proxy store, as a batch job.

    usage: proxysync COMMAND [options]     (proxysync COMMAND --help for its options)

    commands:
      fetch         fetch the export from Okta's API into a new folder (GET requests only)
      plan          show what a sync would change; writes nothing
      sync          apply the plan in one transaction (creates, updates, deactivations, groups)
      import        bulk import for migrations: adds and updates, never deactivates
      apply         apply a plan saved with plan --out, exactly, if nothing changed since
      org           create or list organizations
      people        list people; add, mark-active or set-role by hand
      groups        list groups with member counts
      runs          list past runs or show one
      audit         the history of changes to one person or group
      explain       why a sync would do what it does to one person or group
      status        how the nights stand: last run, last success, held runs, lock (a monitoring check)
      config        read one setting of a config file (for scripts)
      store         copy a whole store between SQLite and PostgreSQL

    exit status: 0 ok, 1 error, 2 usage, 3 changes pending (plan --detailed-exitcode),
                 4 refused by a guard (deactivations, tenant, stale export), 5 locked by another run,
                 6 saved plan no longer applies

    """
}
