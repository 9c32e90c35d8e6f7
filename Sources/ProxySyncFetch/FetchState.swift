import Foundation

/// What the fetch's listings learn as they go, shared between its workers.
final class FetchState: @unchecked Sendable {
  private let lock = NSLock()
  private var listedIDs = Set<String>()
  private var deprovisionedPages: [(name: String, ids: [String])] = []
  private var groupTypes: [(id: String, type: String)] = []
  private var assignedGroups = Set<String>()
  private var mappingRecords: [[String: Any]] = []
  private var counts = OktaFetch.Summary()

  func listed(_ ids: [String]) {
    lock.withLock {
      listedIDs.formUnion(ids)
      counts.users += ids.count
    }
  }

  func deprovisioned(_ page: String, _ ids: [String]) {
    lock.withLock {
      deprovisionedPages.append((page, ids))
      counts.deprovisioned += ids.count
    }
  }

  func groups(_ groups: [(String, String)]) {
    lock.withLock {
      groupTypes += groups.map { (id: $0.0, type: $0.1) }
      counts.groups += groups.count
    }
  }

  func assigned(_ ids: [String]) { lock.withLock { assignedGroups.formUnion(ids) } }

  func mappings(_ records: [[String: Any]]) { lock.withLock { mappingRecords += records } }

  var collectedMappings: [[String: Any]] { lock.withLock { mappingRecords } }

  /// How many groups' members are listed.
  var memberListings: Int {
    get { lock.withLock { counts.memberListings } }
    set { lock.withLock { counts.memberListings = newValue } }
  }

  var summary: OktaFetch.Summary {
    lock.withLock {
      var summary = counts
      summary.deprovisioned -= deprovisionedPages.reduce(0) { $0 + $1.ids.filter(listedIDs.contains).count }
      return summary
    }
  }

  /// Deprovisioned pages holding users the default listing also had, with those users' ids.
  func deprovisionedPagesRepeatingListedUsers() -> [(String, Set<String>)] {
    lock.withLock {
      deprovisionedPages.compactMap { page in
        let repeated = Set(page.ids.filter(listedIDs.contains))
        return repeated.isEmpty ? nil : (page.name, repeated)
      }
    }
  }

  /// The groups whose members a sync can use, in listing order: every group it may push (all
  /// but built-in ones; with Group Push mappings, those with an ACTIVE one) and every group
  /// that assigns the app.
  func groupsNeedingMembers(mappings: [[String: Any]]?) -> [String] {
    lock.withLock {
      let active = mappings.map { records in
        Set(records.compactMap { record in
          (record["status"] as? String)?.uppercased() == "ACTIVE" ? record["sourceGroupId"] as? String : nil
        })
      }
      var seen = Set<String>()
      return groupTypes.compactMap { group in
        let pushable = group.type != "BUILT_IN" && (active?.contains(group.id) ?? true)
        guard pushable || assignedGroups.contains(group.id), seen.insert(group.id).inserted else { return nil }
        return group.id
      }
    }
  }
}
