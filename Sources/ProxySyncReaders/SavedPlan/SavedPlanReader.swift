import ProxySyncCore

/// Reads a saved plan file back, refusing any file that was edited, cut short, or not signed by
/// this store.
///
/// Person ids are not in the file (they are the store's business): operations come back
/// naming people by Okta id and email, and `Plan.resolved(against:)` finds their rows.
/// Format 2 (`SavedPlan.writeLines`) is read as a stream. Files saved before plans were signed
/// (format 1, and format 2 ending in a plain checksum) are refused: plans are short-lived, and
/// anyone who could edit one could have recomputed its checksum.
package enum SavedPlanReader {
  /// - Parameter key: the store's key (`ProxyStore.loadPlanSigningKey`).
  /// - Throws: a stale-plan error (exit 6) saying what is wrong with the file.
  package static func read(path: String, key: PlanSigningKey) throws(ProxySyncError) -> SavedPlan {
    let file: MappedFile
    do { file = try MappedFile(path: path) } catch { throw .failure("cannot read the plan file \(path): \(error.reason)") }
    guard PlanLines.isFormatTwo(file.bytes) else {
      throw PlanLines.isOlderFormat(file.bytes) ? unsigned(path) : ProxySyncError(.stalePlan, "\(path) is not a proxysync plan file")
    }
    return try PlanLines.read(file.bytes, name: path, seal: .signature(key), release: { file.release(before: $0) })
  }

  /// A plan kept as text by the store (held operations), sealed with a checksum.
  package static func read(text: String, name: String) throws(ProxySyncError) -> SavedPlan {
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(ProxySyncError) in try PlanLines.read(UnsafeRawBufferPointer(bytes), name: name, seal: .checksum, release: { _ in }) }
    }
    return try result.get()
  }

  static func edited(_ name: String, _ seal: PlanSeal) -> ProxySyncError {
    switch seal {
    case .signature:
      ProxySyncError(
        .stalePlan,
        "the plan file \(name) was changed or cut short after it was saved, or was saved from another store (its signature does not match this store's key); make a new plan")
    case .checksum:
      ProxySyncError(.stalePlan, "the plan file \(name) was edited or truncated (its checksum does not match); make a new plan")
    }
  }

  static func unsigned(_ name: String) -> ProxySyncError {
    ProxySyncError(.stalePlan, "the plan file \(name) was saved by an older proxysync, before plans were signed; make a new plan")
  }
}
