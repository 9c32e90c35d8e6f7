/// Which Okta groups a run pushes to Proxy.
///
/// Proxy's guide pushes every group; Okta itself pushes only the groups an admin selected
/// (Group Push). Built-in groups (Everyone) are never pushed. Beyond that a group is pushed when
/// the export's Group Push mappings, if it has them, hold an ACTIVE mapping for it, and the
/// operator's selection, if any, names it: both must agree, so either can only narrow what is
/// pushed. A group not pushed is never created, renamed or filled; a stored group that drops out
/// is listed as orphaned, never emptied.
package struct PushedGroups: Sendable {
  private let mapped: Set<OktaGroupID>?
  private let selection: [GroupSelector]?

  package init(desired: DirectorySnapshot, options: SyncOptions) {
    mapped = desired.pushMappings
    selection = options.pushGroupSelection.map { $0.map(GroupSelector.init) }
  }

  package func contains(_ group: OktaGroup) -> Bool {
    guard group.isPushed else { return false }
    if let mapped, !mapped.contains(group.id) { return false }
    if let selection, !selection.contains(where: { $0.matches(group) }) { return false }
    return true
  }

  /// Why a group is not pushed, for `explain`; nil when it is.
  package func reason(against group: OktaGroup) -> String? {
    if !group.isPushed { return "built-in groups such as Everyone stay in Okta" }
    if let mapped, !mapped.contains(group.id) { return "no ACTIVE Group Push mapping in group-push-mappings.json" }
    if let selection, !selection.contains(where: { $0.matches(group) }) { return "not named by the push-group selection" }
    return nil
  }
}

/// One entry of the operator's push selection: an Okta group id, or a pattern for group names
/// (`*` any run of characters, `?` one; case is ignored).
package struct GroupSelector: Sendable, Equatable {
  package let text: String
  private let pattern: [Character]

  package init(_ text: String) {
    self.text = text
    pattern = Array(text.lowercased())
  }

  package func matches(_ group: OktaGroup) -> Bool {
    group.id.rawValue == text || Self.glob(pattern[...], Array(group.name.lowercased())[...])
  }

  private static func glob(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
    var (p, n) = (pattern.startIndex, name.startIndex)
    // Where the last `*` was, and how much of the name it has taken so far.
    var star: (pattern: Int, name: Int)?
    while n < name.endIndex {
      if p < pattern.endIndex, pattern[p] == "?" || pattern[p] == name[n] {
        p += 1
        n += 1
      } else if p < pattern.endIndex, pattern[p] == "*" {
        star = (p, n)
        p += 1
      } else if let last = star {
        p = last.pattern + 1
        n = last.name + 1
        star = (last.pattern, last.name + 1)
      } else {
        return false
      }
    }
    while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
    return p == pattern.endIndex
  }
}
