#if PostgreSQL
  import ProxySyncCore

  extension PGCopyRows {
    /// The audit table's columns as every `COPY` of audit rows writes them.
    static let auditColumns = "audit (org_id, run_id, operation, person_id, group_id, before, after, people)"

    /// One audit row in the order of `auditColumns`; `listing` for a row that names many people of one
    /// group (`AuditRules`), which readers expand.
    mutating func audit(
      _ organization: OrganizationID, _ run: RunID, _ operation: String, person: PersonID? = nil, group: GroupID? = nil,
      before: String? = nil, after: String? = nil, listing: ArraySlice<PersonID>? = nil
    ) {
      add(organization.rawValue)
      add(run.rawValue)
      add(operation)
      add(person?.rawValue)
      add(group?.rawValue)
      add(before)
      add(after)
      if let listing { add(array: listing.lazy.map(\.rawValue)) } else { add(nil as Int64?) }
      endRow()
    }

    mutating func audit(
      _ organization: OrganizationID, _ run: RunID, _ kind: OperationKind, person: PersonID? = nil, group: GroupID? = nil,
      before: String? = nil, after: String? = nil, listing: ArraySlice<PersonID>? = nil
    ) {
      audit(organization, run, kind.rawValue, person: person, group: group, before: before, after: after, listing: listing)
    }
  }
#endif
