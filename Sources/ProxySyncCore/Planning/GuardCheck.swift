/// The numbers behind the deactivation guard, kept with the plan so previews can show them.
package struct GuardCheck: Sendable, Equatable {
  package var deactivations: Int
  package var activePeople: Int
  package var limit: DeactivationLimit
  /// The export has no users while Okta-linked people are still active in the store.
  package var isEmptyExport: Bool

  package init(deactivations: Int, activePeople: Int, limit: DeactivationLimit, isEmptyExport: Bool) {
    self.deactivations = deactivations
    self.activePeople = activePeople
    self.limit = limit
    self.isEmptyExport = isEmptyExport
  }

  package var allowed: Int { limit.allowed(activePeople: activePeople) }

  /// True when a run must be refused unless forced.
  package var isTripped: Bool { isEmptyExport || deactivations > allowed }

  /// One line an operator can act on, e.g. "deactivates 3 of 120 active people (2.5%), limit 10%".
  package var explanation: String {
    if isEmptyExport {
      return "the export has no users but the organization has active people linked to Okta"
    }
    let share = activePeople == 0 ? 0 : Double(deactivations) * 100 / Double(activePeople)
    let shareText = share == share.rounded() ? "\(Int(share))%" : "\((share * 10).rounded() / 10)%"
    let limitText: String
    switch limit {
    case .count: limitText = "limit \(limit)"
    case .percent(_, let floor): limitText = "limit \(limit) (at least \(floor) allowed)"
    }
    return "deactivates \(deactivations) of \(activePeople) active people (\(shareText)), \(limitText)"
  }
}
