import ProxySyncCore

/// Reads a saved plan file back, refusing any file that was edited or cut short.
///
/// Person ids are not in the file (they are the store's business): operations come back
/// naming people by Okta id and email, and `Plan.resolved(against:)` finds their rows.
/// Format 2 (`SavedPlan.writeLines`) is read as a stream; format 1, written before plans of a
/// million people were saved, is still read whole.
package enum SavedPlanReader {
  /// - Throws: a stale-plan error (exit 6) saying what is wrong with the file.
  package static func read(path: String) throws(ProxySyncError) -> SavedPlan {
    let file: MappedFile
    do { file = try MappedFile(path: path) } catch { throw .failure("cannot read the plan file \(path): \(error.reason)") }
    if PlanLines.isFormatTwo(file.bytes) {
      return try PlanLines.read(file.bytes, name: path, release: { file.release(before: $0) })
    }
    return try FormatOne.read(file.bytes, path: path)
  }

  /// A plan kept as text (held operations are stored with their run).
  package static func read(text: String, name: String) throws(ProxySyncError) -> SavedPlan {
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(ProxySyncError) in try PlanLines.read(UnsafeRawBufferPointer(bytes), name: name, release: { _ in }) }
    }
    return try result.get()
  }

  static func edited(_ name: String) -> ProxySyncError {
    ProxySyncError(.stalePlan, "the plan file \(name) was edited or truncated (its checksum does not match); make a new plan")
  }
}
