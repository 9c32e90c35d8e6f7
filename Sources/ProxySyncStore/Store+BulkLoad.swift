extension Store {
  /// Secondary indexes a first bulk import can build after loading instead of row by row.
  /// The unique ones are checked when rebuilt, inside the same transaction, so a duplicate
  /// still rolls the whole import back.
  private static let deferrableIndexes = [
    "person_org_email": "CREATE UNIQUE INDEX person_org_email ON person(org_id, email)",
    "person_org": "CREATE INDEX person_org ON person(org_id)",
    "person_org_okta": "CREATE UNIQUE INDEX person_org_okta ON person(org_id, okta_user_id) WHERE okta_user_id IS NOT NULL",
    "audit_run": "CREATE INDEX audit_run ON audit(run_id)",
    "audit_person": "CREATE INDEX audit_person ON audit(person_id) WHERE person_id IS NOT NULL",
    "audit_group": "CREATE INDEX audit_group ON audit(group_id) WHERE group_id IS NOT NULL",
  ]

  /// True when no organization has any people yet: only then is rebuilding indexes cheap.
  func isEmpty() throws -> Bool {
    try connection.prepare("SELECT NOT EXISTS (SELECT 1 FROM person)").query { $0.integer(0) == 1 }.first ?? false
  }

  /// Runs `body` with the deferrable indexes dropped, then builds them again; must be called
  /// inside a transaction, which makes the drop and the rebuild all or nothing with the load.
  func withBulkIndexes(deferred: Bool, _ body: () throws -> Void) throws {
    guard deferred else { return try body() }
    for name in Self.deferrableIndexes.keys.sorted() { try connection.execute("DROP INDEX \(name)") }
    try body()
    for name in Self.deferrableIndexes.keys.sorted() {
      if let sql = Self.deferrableIndexes[name] { try connection.execute(sql) }
    }
  }
}
