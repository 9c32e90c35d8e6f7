import ProxySyncCore

extension Store {
  package func loadPlanSigningKey() throws(ProxySyncError) -> PlanSigningKey {
    try perform("reading the store's key") {
      let stored = try connection.prepare("SELECT plan_key FROM store_key WHERE id = 1").query { $0.text(0) }.first ?? nil
      guard let key = stored.flatMap(PlanSigningKey.init(hex:)) else {
        throw ProxySyncError.failure("the store \(path) has no key to sign plans with (damaged?)")
      }
      return key
    }
  }

  /// Puts a copied store's key in place of this one's (`writeContents`).
  func replacePlanSigningKey(with key: PlanSigningKey) throws {
    _ = try connection.prepare("INSERT OR REPLACE INTO store_key (id, plan_key) VALUES (1, ?)").execute([.text(key.hex)])
  }
}
