import ProxySyncCore

extension SavedPlan {
  /// The file as format 1 wrote it (one pretty-printed document, the checksum the digest of the
  /// text with its value emptied): no longer written, still applied.
  package func formatOneText() -> String {
    func document(_ checksum: String) -> String {
      JSONValue.object([
        ("formatVersion", .int(1)),
        ("kind", .string(Self.kind)),
        ("command", .string(command)),
        ("organization", .string(organization)),
        ("revision", .int(Int(revision))),
        ("createdAt", .string(createdAt)),
        ("source", .string(source)),
        ("manifest", .null),
        ("plan", plan.json(organization: organization)),
        ("checksum", .string(checksum)),
      ]).rendered() + "\n"
    }
    return document(SHA256.hex(document("").utf8))
  }
}
