/// Whether a run may go on without the export's invalid records (`--quarantine-invalid N`).
///
/// Problems with single records (a bad field, a duplicate, a dangling reference) may be left
/// out, at most `limit` of them; anything structural (syntax, encoding, a missing file) makes
/// the whole export untrustworthy, and so does any problem when no quarantine was asked for.
package enum QuarantineVerdict: Equatable, Sendable {
  /// Nothing to leave out.
  case clean
  /// Go on without these records.
  case leaveOut(count: Int)
  /// Refuse the run, with this message.
  case refuse(String)

  /// - Parameters:
  ///   - errors: how many errors the export has; `structural`: whether any is structural.
  ///   - folder: the export, for the message.
  package init(errors: Int, structural: Bool, limit: Int, folder: String) {
    guard errors > 0 else {
      self = .clean
      return
    }
    let count = "\(errors) error\(errors == 1 ? "" : "s")"
    if structural || limit == 0 {
      self = .refuse("the export in \(folder) has \(count); nothing was written")
    } else if errors > limit {
      self = .refuse("the export in \(folder) has \(count), more than --quarantine-invalid \(limit) allows; nothing was written")
    } else {
      self = .leaveOut(count: errors)
    }
  }

  /// The warning of a run that goes on without invalid records.
  package static func warning(leftOut count: Int) -> String {
    "left out \(count) invalid record\(count == 1 ? "" : "s") (--quarantine-invalid); their people and groups are left as they are"
  }
}
