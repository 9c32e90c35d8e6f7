/// Everything a store holds, row by row, with its ids: what `proxysync store copy` moves from
/// one backend to another, a part at a time (`Part`). Rows keep their store ids, so audit rows
/// still name their people and groups; a run's audit rows keep their order.
package enum StoreContents {
  package struct OrganizationRow: Sendable, Equatable {
    package let organization: Organization
    package let createdAt: String
    package init(organization: Organization, createdAt: String) {
      self.organization = organization
      self.createdAt = createdAt
    }
  }

  package struct PersonRow: Sendable, Equatable {
    package let organization: OrganizationID
    package let person: Person
    package let createdAt: String
    package let updatedAt: String
    package let deactivatedAt: String?
    package init(organization: OrganizationID, person: Person, createdAt: String, updatedAt: String, deactivatedAt: String?) {
      self.organization = organization
      self.person = person
      self.createdAt = createdAt
      self.updatedAt = updatedAt
      self.deactivatedAt = deactivatedAt
    }
  }

  package struct GroupRow: Sendable, Equatable {
    package let organization: OrganizationID
    package let group: StoredGroup
    package let createdAt: String
    package let updatedAt: String
    package init(organization: OrganizationID, group: StoredGroup, createdAt: String, updatedAt: String) {
      self.organization = organization
      self.group = group
      self.createdAt = createdAt
      self.updatedAt = updatedAt
    }
  }

  package struct MembershipRow: Sendable, Equatable {
    package let organization: OrganizationID
    package let group: GroupID
    package let person: PersonID
    package init(organization: OrganizationID, group: GroupID, person: PersonID) {
      self.organization = organization
      self.group = group
      self.person = person
    }
  }

  package struct RunRow: Sendable, Equatable {
    package let organization: OrganizationID
    package let record: RunRecord
    package let planChecksum: String?
    package init(organization: OrganizationID, record: RunRecord, planChecksum: String?) {
      self.organization = organization
      self.record = record
      self.planChecksum = planChecksum
    }
  }

  /// One audit row as the store keeps it: one change to one person or group, or (`listing`) one
  /// membership change made to many people of one group (`AuditRules`).
  package struct AuditRow: Sendable, Equatable {
    package let organization: OrganizationID
    package let run: RunID
    package let operation: String
    package let person: PersonID?
    package let group: GroupID?
    package let before: String?
    package let after: String?
    package let listing: [PersonID]?
    package init(
      organization: OrganizationID, run: RunID, operation: String, person: PersonID?, group: GroupID?, before: String?, after: String?,
      listing: [PersonID]? = nil
    ) {
      self.organization = organization
      self.run = run
      self.operation = operation
      self.person = person
      self.group = group
      self.before = before
      self.after = after
      self.listing = listing
    }
  }

  /// Rows of one table, a batch at a time. Every reader hands parts over in this order, and
  /// writers rely on it: organizations; people; groups; memberships; runs, in the order they
  /// were recorded; audit rows run by run, in the runs' order, each run's in the order written;
  /// the plan key last.
  package enum Part: Sendable {
    case organizations([OrganizationRow])
    case people([PersonRow])
    case groups([GroupRow])
    case memberships([MembershipRow])
    case runs([RunRow])
    case audit([AuditRow])
    /// The key the store signs saved plans with: a copy applies the plans the original made.
    case planKey(PlanSigningKey)
  }

  /// Rows a part holds at most: a million people never sit in memory at once.
  package static let batchSize = 10_000

  /// Collects rows into parts of `batchSize` and hands each on.
  package struct Batches<Row> {
    private var rows: [Row] = []
    private let part: ([Row]) -> Part

    package init(_ part: @escaping ([Row]) -> Part) { self.part = part }

    package mutating func add(_ row: Row, to send: (Part) throws -> Void) throws {
      rows.append(row)
      if rows.count == StoreContents.batchSize { try flush(to: send) }
    }

    /// Hands on what is left; call once the table is read.
    package mutating func flush(to send: (Part) throws -> Void) throws {
      guard !rows.isEmpty else { return }
      try send(part(rows))
      rows.removeAll(keepingCapacity: true)
    }
  }

  /// Refuses a copy that would leave audit rows behind: rows of no run the copy moves.
  package static func expectEveryAuditRow(_ copied: Int, of stored: Int64) throws(ProxySyncError) {
    guard Int64(copied) != stored else { return }
    throw .failure("the store holds \(stored) audit rows, of which \(copied) belong to its runs; nothing was copied")
  }

  /// What went by, for the summary line.
  package struct Tally: Sendable, Equatable {
    package private(set) var organizations = 0, people = 0, groups = 0, memberships = 0, runs = 0, audit = 0

    package init() {}

    package mutating func count(_ part: Part) {
      switch part {
      case .organizations(let rows): organizations += rows.count
      case .people(let rows): people += rows.count
      case .groups(let rows): groups += rows.count
      case .memberships(let rows): memberships += rows.count
      case .runs(let rows): runs += rows.count
      case .audit(let rows): audit += rows.count
      case .planKey: break
      }
    }

    /// "2 organizations, 15 people, 4 groups, 23 memberships, 9 runs, 97 audit rows".
    package var summary: String {
      "\(organizations) organization\(organizations == 1 ? "" : "s"), \(people) people, \(groups) groups, "
        + "\(memberships) memberships, \(runs) runs, \(audit) audit rows"
    }
  }
}
