/// One company in the store; every person, group and run belongs to exactly one.
package struct Organization: Hashable, Sendable {
  package var id: OrganizationID
  package var name: String
  /// Moves on every applied change, so a saved plan can tell the data changed under it.
  package var revision: Int64
  /// The Okta tenant the organization is bound to by its first export with a manifest.
  package var binding: TenantBinding

  package init(id: OrganizationID, name: String, revision: Int64 = 0, binding: TenantBinding = TenantBinding()) {
    self.id = id
    self.name = name
    self.revision = revision
    self.binding = binding
  }
}

/// A group with its number of members, as `groups list` shows it.
package struct GroupSummary: Hashable, Sendable {
  package var group: StoredGroup
  package var memberCount: Int
  package init(group: StoredGroup, memberCount: Int) {
    self.group = group
    self.memberCount = memberCount
  }
}
