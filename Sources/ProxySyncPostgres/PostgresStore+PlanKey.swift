#if PostgreSQL
  import ProxySyncCore

  extension PostgresStore {
    package func loadPlanSigningKey() throws(ProxySyncError) -> PlanSigningKey {
      try perform("reading the store's key") {
        let result = try connection.query("SELECT plan_key FROM store_key WHERE id = 1")
        guard result.rowCount > 0, let key = result.text(0, 0).flatMap(PlanSigningKey.init(hex:)) else {
          throw ProxySyncError.failure("the store \(location) has no key to sign plans with (damaged?)")
        }
        return key
      }
    }

    /// Puts a copied store's key in place of this one's (`writeContents`).
    func replacePlanSigningKey(with key: PlanSigningKey) throws {
      try connection.query(
        "INSERT INTO store_key (id, plan_key) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET plan_key = excluded.plan_key", [key.hex])
    }
  }
#endif
