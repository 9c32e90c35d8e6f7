/// Everything a store holds, row by row, with its ids: what `proxysync store copy` moves from
/// one backend to another. Rows keep their store ids, so audit rows still name their people
/// and groups; a run's audit rows keep their order.
package struct StoreContents: Sendable {
  package struct OrganizationRow: Sendable, Equatable {
    package var organization: Organization
    package var createdAt: String
    package init(organization: Organization, createdAt: String) {
      self.organization = organization
      self.createdAt = createdAt
    }
  }

  package struct PersonRow: Sendable, Equatable {
    package var organization: OrganizationID
    package var person: Person
    package var createdAt: String
    package var updatedAt: String
    package var deactivatedAt: String?
    package init(organization: OrganizationID, person: Person, createdAt: String, updatedAt: String, deactivatedAt: String?) {
      self.organization = organization
      self.person = person
      self.createdAt = createdAt
      self.updatedAt = updatedAt
      self.deactivatedAt = deactivatedAt
    }
  }

  package struct GroupRow: Sendable, Equatable {
    package var organization: OrganizationID
    package var group: StoredGroup
    package var createdAt: String
    package var updatedAt: String
    package init(organization: OrganizationID, group: StoredGroup, createdAt: String, updatedAt: String) {
      self.organization = organization
      self.group = group
      self.createdAt = createdAt
      self.updatedAt = updatedAt
    }
  }

  package struct MembershipRow: Sendable, Equatable {
    package var organization: OrganizationID
    package var group: GroupID
    package var person: PersonID
    package init(organization: OrganizationID, group: GroupID, person: PersonID) {
      self.organization = organization
      self.group = group
      self.person = person
    }
  }

  package struct RunRow: Sendable, Equatable {
    package var organization: OrganizationID
    package var record: RunRecord
    package var planChecksum: String?
    package init(organization: OrganizationID, record: RunRecord, planChecksum: String?) {
      self.organization = organization
      self.record = record
      self.planChecksum = planChecksum
    }
  }

  /// One change to one person or group (a row listing many people is one row each here).
  package struct AuditRow: Sendable, Equatable {
    package var organization: OrganizationID
    package var run: RunID
    package var operation: String
    package var person: PersonID?
    package var group: GroupID?
    package var before: String?
    package var after: String?
    package init(
      organization: OrganizationID, run: RunID, operation: String, person: PersonID?, group: GroupID?, before: String?, after: String?
    ) {
      self.organization = organization
      self.run = run
      self.operation = operation
      self.person = person
      self.group = group
      self.before = before
      self.after = after
    }
  }

  package var organizations: [OrganizationRow] = []
  package var people: [PersonRow] = []
  package var groups: [GroupRow] = []
  package var memberships: [MembershipRow] = []
  /// In the order they were recorded.
  package var runs: [RunRow] = []
  /// In the order they were written.
  package var audit: [AuditRow] = []
  /// The key the store signs saved plans with: a copy applies the plans the original made.
  package var planKey: PlanSigningKey?

  package init() {}

  /// "2 organizations, 15 people, 4 groups, 23 memberships, 9 runs, 97 audit rows".
  package var summary: String {
    "\(organizations.count) organization\(organizations.count == 1 ? "" : "s"), \(people.count) people, \(groups.count) groups, "
      + "\(memberships.count) memberships, \(runs.count) runs, \(audit.count) audit rows"
  }
}
