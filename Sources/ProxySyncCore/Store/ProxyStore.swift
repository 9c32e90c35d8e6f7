/// What the commands need from a Proxy store, in domain values: SQLite and PostgreSQL are
/// backends behind it, and nothing above it names either.
///
/// Every call names the organization it works on. A store is used by one thread at a time
/// (a preload hands it over explicitly). Rules every backend must follow live in the core and
/// are called by each: what an audit row says (`AuditValues`), how a run is recorded
/// (`RunRecord(_:…)`), which runs keep a saved plan's checksum, how times are written
/// (`Timestamp`). Tricks that only hold for one backend (SQLite's id ranges and journal
/// switching) stay inside it.
package protocol ProxyStore: AnyObject {
  /// Where the store is, for messages: a file path or a connection string without its password.
  var location: String { get }
  /// Whether reading the store runs in this process (an embedded file), so that it competes
  /// with the export's reading for the cores; a server's reading does not.
  var readsInProcess: Bool { get }

  // Organizations
  func createOrganization(named name: String) throws(ProxySyncError) -> Organization
  func loadOrganizations() throws(ProxySyncError) -> [Organization]
  /// - Throws: a failure naming the organization when there is none by that name.
  func loadOrganization(named name: String) throws(ProxySyncError) -> Organization

  // People and groups, by hand
  /// The "All People" view in email order, filtered by status and a search text (email, names
  /// and Okta id, ignoring case), handed over a person at a time as the store reads them: a
  /// listing of a million people never holds them all.
  func forEachPerson(
    of organization: Organization, status: PersonStatus?, search: String?, _ body: (Person) -> Void
  ) throws(ProxySyncError)
  /// Changes people by hand (`PersonChange`) as one audited run: `decide` gets the
  /// organization's people as they stand inside the transaction and returns the changes (or a
  /// refusal); each is written only if the person is still as decided, with its audit row.
  /// - Throws: the refusal, or a stale-plan error when someone changed meanwhile; nothing is
  ///   written then.
  func applyPersonChanges(
    in organization: Organization, run: RunStart, decide: ([Person]) throws(ProxySyncError) -> [PersonChange]
  ) throws(ProxySyncError) -> ([PersonChange], RunRecord)
  func loadGroupSummaries(of organization: Organization) throws(ProxySyncError) -> [GroupSummary]

  // Reading and applying
  func loadSnapshot(of organization: Organization) throws(ProxySyncError) -> StoreSnapshot
  /// One consistent read of the organization, made while the export is read elsewhere.
  /// `peopleRead` hears the people and groups as soon as they are read, on the reading thread;
  /// the memberships (most of the rows) are read once it returns, so a caller can hold them
  /// back while the cores are busy and plan people meanwhile.
  func preloadSnapshot(
    of organization: Organization, peopleRead: ((_ people: [Person], _ groups: [StoredGroup]) -> Void)?
  ) throws(ProxySyncError) -> PreloadedSnapshot
  /// Reads the organization, lets `decide` make (or refuse) a plan, and applies it with its
  /// audit rows and its run record, all in one transaction: any failure writes nothing. The
  /// plan's held operations are kept with the run (`Plan.held`), and the run `run.approves`
  /// names is marked approved by this one.
  /// `preloaded` is used when the organization's revision has not moved since it was read.
  func applyChanges(
    to organization: Organization, run: RunStart, preloaded: PreloadedSnapshot?, progress: (Int) -> Void,
    decide: (StoreSnapshot, Organization) throws -> Plan
  ) throws(ProxySyncError) -> (Plan, RunRecord)

  // Runs and audit
  /// Records a run that wrote nothing else (refused or failed).
  func recordRun(_ run: RunStart, organization: Organization, outcome: RunOutcome, counts: [String: Int], message: String?) throws(ProxySyncError) -> RunRecord
  /// Records a refusal without waiting long for another run's writes; false when it could not.
  func recordRefusalQuickly(_ run: RunStart, organization: Organization, message: String) -> Bool
  func loadRuns(of organization: Organization, limit: Int) throws(ProxySyncError) -> [RunRecord]
  func loadRun(id: RunID) throws(ProxySyncError) -> RunRecord?
  /// The operations a run held for approval, and the run that approved them; nil when it held none.
  func loadHeld(of run: RunID) throws(ProxySyncError) -> ApprovalVerdict.Held?
  /// The run that applied a saved plan with this checksum, if one did.
  func loadRun(appliedPlan checksum: String) throws(ProxySyncError) -> RunID?
  func loadAudit(of organization: Organization, person: String) throws(ProxySyncError) -> [AuditEntry]
  func loadAudit(of organization: Organization, group: String) throws(ProxySyncError) -> [AuditEntry]
  func loadAudit(of run: RunID, limitPerOperation: Int?) throws(ProxySyncError) -> [AuditEntry]

  // One run per organization at a time
  /// Takes the organization's run lock, waiting up to `timeout` seconds for a live holder and
  /// taking over from a dead one. - Throws: `.locked`, naming the holder.
  func acquireLock(
    for organization: Organization, command: String, timeout: Double, onWait: (LockHolder) -> Void,
    onTakeover: (LockHolder) -> Void
  ) throws(ProxySyncError)
  func releaseLock(for organization: Organization)
  func loadLockHolder(of organization: Organization) throws(ProxySyncError) -> LockHolder?

  /// How many people the organization has of each status.
  func loadPeopleCounts(of organization: Organization) throws(ProxySyncError) -> [PersonStatus: Int]
  /// The store's size in bytes (a SQLite file with its log, a PostgreSQL database).
  func loadSize() throws(ProxySyncError) -> Int64?

  // Saved plans
  /// The key this store signs saved plans with (`PlanSealing`); never shown to anyone.
  func loadPlanSigningKey() throws(ProxySyncError) -> PlanSigningKey

  // Moving a whole store (`proxysync store copy`, `copyContents(to:)`)
  /// Every organization, person, group, membership, run and audit row, read consistently and
  /// handed to `body` a part at a time, in the order `StoreContents.Part` gives.
  func readContents(_ body: (StoreContents.Part) throws -> Void) throws(ProxySyncError)
  /// Opens one transaction, writes every part `fill` hands to its argument, ids kept, and
  /// commits when `fill` returns; an error from either side leaves the store as it was.
  /// - Throws: a refusal when the store already holds an organization; nothing is written.
  func writeContents(_ fill: (_ write: (StoreContents.Part) throws -> Void) throws -> Void) throws(ProxySyncError)
}

extension ProxyStore {
  /// Copies this whole store into `target`, streaming: one part in memory at a time.
  package func copyContents(to target: some ProxyStore) throws(ProxySyncError) -> StoreContents.Tally {
    var tally = StoreContents.Tally()
    try target.writeContents { write in
      try readContents { part in
        tally.count(part)
        try write(part)
      }
    }
    return tally
  }
}

extension ProxyStore {
  package func loadPeople(of organization: Organization, status: PersonStatus? = nil, search: String? = nil) throws(ProxySyncError) -> [Person] {
    var people: [Person] = []
    try forEachPerson(of: organization, status: status, search: search) { people.append($0) }
    return people
  }

  package func preloadSnapshot(of organization: Organization) throws(ProxySyncError) -> PreloadedSnapshot {
    try preloadSnapshot(of: organization, peopleRead: nil)
  }

  package func applyChanges(
    to organization: Organization, run: RunStart, progress: (Int) -> Void = { _ in }, decide: (StoreSnapshot, Organization) throws -> Plan
  ) throws(ProxySyncError) -> (Plan, RunRecord) {
    try applyChanges(to: organization, run: run, preloaded: nil, progress: progress, decide: decide)
  }

  package func recordRun(_ run: RunStart, organization: Organization, outcome: RunOutcome, message: String?) throws(ProxySyncError) -> RunRecord {
    try recordRun(run, organization: organization, outcome: outcome, counts: [:], message: message)
  }

  package func loadRuns(of organization: Organization) throws(ProxySyncError) -> [RunRecord] {
    try loadRuns(of: organization, limit: 50)
  }

  package func loadAudit(of run: RunID) throws(ProxySyncError) -> [AuditEntry] { try loadAudit(of: run, limitPerOperation: nil) }

  package func acquireLock(for organization: Organization, command: String, timeout: Double = 0) throws(ProxySyncError) {
    try acquireLock(for: organization, command: command, timeout: timeout, onWait: { _ in }, onTakeover: { _ in })
  }
}
