import Foundation
import ProxySyncCore

/// Decoded records of all five files with the line each came from, before cross-checks.
struct ExportRecords {
  /// Users and, at the same index, where each came from: kept apart so the users array can
  /// become the snapshot's without a copy of a million people.
  var users: [OktaUser] = []
  var userSources = RowSources()
  /// The users numbered and checked for repeats, by the thread that read them (see `UserIndex`).
  var userIndex: UserIndex?
  var groups: [(OktaGroup, SourceLine)] = []
  var memberships = MembershipRows()
  var appUsers = AssignmentRows()
  var appGroups: [(OktaGroupID, SourceLine)] = []
  var diagnostics: [Diagnostic] = []
  /// Users and groups that were refused: references to them are not errors of their own.
  var rejectedUserIDs: Set<OktaUserID> = []
  var rejectedGroupIDs: Set<OktaGroupID> = []
  /// Users met in per-group member listings with a status Okta's user listing leaves out
  /// (DEPROVISIONED, SUSPENDED): known users when the users file lacks them. May repeat.
  var membersOnlyListed: [(OktaUser, SourceLine)] = []
  /// Membership and app assignment records that could not be read, by what could be read of
  /// them: the users they name are left as they are, and so are the pairs they name.
  var leftOutMemberships: [QuarantinedMembership] = []
  /// False when a left-out record may have given someone unknown the app.
  var assignmentsComplete = true
  /// Profile attributes some users file has no column for: not exported, so never compared.
  var unexportedFields: Set<Profile.Field> = []
  /// False when a groups file has no description column.
  var groupDescriptionsExported = true
  /// Files that could not be read to the end: references into them cannot be checked.
  var unreadable: Set<RecordKind> = []

  /// Reads one file, appending its records and its problems.
  mutating func read(_ file: ExportFile, progress: ((Int) -> Void)? = nil) {
    let mapped: MappedFile
    switch file.map() {
    case .failure(let diagnostic):
      unreadable.insert(file.kind)
      return diagnostics.append(diagnostic)
    case .success(let file): mapped = file
    }
    reserve(for: file, bytes: mapped.bytes.count)
    let fields = file.memberOf == nil ? file.kind.fields : RecordKind.memberFields
    var decoder = RecordDecoder(
      kind: file.kind, file: file.name, format: file.format, fields: fields, recordName: file.memberOf == nil ? nil : "member")
    // A raw API page is one line: its records are named by number too, or every message would
    // point at line 1.
    decoder.namesRecords = file.format == .json && JSONRecordReader.holdsOneLine(mapped.bytes)
    var missingColumns: [FieldSpec] = []
    // The records move into the intake for the reading and back after it (swapped, not copied:
    // a copy would make the first append duplicate every array).
    var intake = FileIntake(decoder: decoder, memberOf: file.memberOf, mapped: mapped, progress: progress)
    swap(&intake.records, &self)
    let stop = withExtendedLifetime(mapped) { () -> Diagnostic? in
      let bytes = mapped.bytes
      switch file.format {
      case .json:
        var reader = JSONRecordReader(kind: file.kind, file: file.name, fields: fields)
        reader.locatesInLine = decoder.namesRecords
        return reader.read(bytes) { intake.take($0) }
      case .ndjson:
        return NDJSONRecordReader(kind: file.kind, file: file.name, fields: fields).read(
          bytes, onRecord: { intake.take($0) }, onProblem: { intake.decoder.diagnostics.append($0) })
      case .csv:
        var reader = CSVRecordReader(kind: file.kind, file: file.name, fields: fields)
        reader.onMissingColumns = { missingColumns = $0.map { reader.fields[$0] } }
        return reader.read(bytes) { intake.take($0) }
      }
    }
    swap(&intake.records, &self)
    decoder = intake.decoder
    noteUnexported(missingColumns, in: file)
    // In line order within the file, whichever step found them.
    var found = decoder.diagnostics
    if let stop { found.append(stop) }
    diagnostics += found.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    // A broken member record leaves its user out too: they are not read as gone.
    if file.holdsUsers { rejectedUserIDs.formUnion(decoder.rejectedIDs.map(OktaUserID.init)) }
    if file.kind == .groups { rejectedGroupIDs.formUnion(decoder.rejectedIDs.map(OktaGroupID.init)) }
    if stop != nil { unreadable.insert(file.kind) }
  }

  /// A CSV file without a column for an attribute did not export it: that attribute is left as
  /// it is in Proxy for everyone (never blanked), and a warning says so once per kind.
  private mutating func noteUnexported(_ fields: [FieldSpec], in file: ExportFile) {
    let profileFields = fields.compactMap { field in
      RecordKind.userFields.firstIndex { $0.path == field.path }.flatMap(RecordKind.profileField(atUserField:))
    }
    let missing: [String]
    switch file.kind {
    case _ where file.holdsUsers:
      missing = profileFields.filter { !unexportedFields.contains($0) }.map(\.rawValue)
      unexportedFields.formUnion(profileFields)
    case .groups where fields.contains { $0.path == ["profile", "description"] }:
      missing = groupDescriptionsExported ? ["description"] : []
      groupDescriptionsExported = false
    default: missing = []
    }
    guard !missing.isEmpty else { return }
    let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
    diagnostics.append(.warning(file.name, "no column for \(list); \(missing.count == 1 ? "that attribute is" : "those attributes are") left as \(missing.count == 1 ? "it is" : "they are") in Proxy, not cleared"))
  }

  /// Room, made up front, for about as many records as a file of this size usually holds:
  /// growing a million-entry array holds its old and its new copy at once. Estimates from
  /// typical record sizes (a short file just grows as before), so the reservation stays near
  /// what is used; reserved pages never written cost no memory anyway. A folder of pages
  /// reserves page by page, each time at least doubling (`reserve(toHold:)`).
  private mutating func reserve(for file: ExportFile, bytes: Int) {
    let isCSV = file.format == .csv
    switch file.kind {
    case .users:
      let count = bytes / (isCSV ? 96 : 512)
      users.reserve(toHold: users.count + count)
      userSources.reserve(toHold: userSources.count + count)
    case .groupMembers:
      // Okta's member listings hold whole User objects; an export's rows, two ids.
      let rowSize = isCSV ? 32 : file.memberOf == nil ? 48 : 512
      memberships.reserve(toHold: memberships.count + bytes / rowSize)
    case .appUsers: appUsers.reserve(toHold: appUsers.count + bytes / (isCSV ? 24 : 128))
    case .groups, .appGroups: break
    }
  }

  fileprivate mutating func add(_ record: RawRecord, ordinal: Int, decoder: inout RecordDecoder, memberOf group: OktaGroupID?) {
    let source = SourceLine(file: decoder.file, line: record.line, record: decoder.namesRecords ? ordinal : nil)
    switch decoder.kind {
    case .users:
      if let user = decoder.decodeUser(record, ordinal: ordinal) {
        users.append(user)
        userSources.append(source)
      }
    case .groups: if let group = decoder.decodeGroup(record, ordinal: ordinal) { groups.append((group, source)) }
    case .groupMembers:
      if let group {
        guard let (member, user) = decoder.decodeMember(record, ordinal: ordinal) else {
          return leftOutMemberships.append(QuarantinedMembership(groupID: group, userID: record.values[0].text.map { OktaUserID($0.trimmingWhitespace()) }))
        }
        var groupID = group.rawValue
        groupID.withUTF8 { group in
          _ = member.withTrimmedBytes { memberships.append(group: UnsafeRawBufferPointer(group), user: $0, source: source) }
        }
        if let user { membersOnlyListed.append((user, source)) }
      } else if let (group, user) = decoder.decodeMembership(record, ordinal: ordinal) {
        _ = group.withTrimmedBytes { group in
          user.withTrimmedBytes { user in memberships.append(group: group, user: user, source: source) }
        }
      } else {
        let (group, user) = (record.values[0].text?.trimmingWhitespace(), record.values[1].text?.trimmingWhitespace())
        leftOutMemberships.append(QuarantinedMembership(groupID: group.map(OktaGroupID.init), userID: user.map(OktaUserID.init)))
      }
    case .appUsers:
      if decoder.check(record, ordinal: ordinal) {
        _ = record.values[0].withTrimmedBytes { appUsers.append(id: $0, source: source) }
      } else if let id = record.values[0].text?.trimmingWhitespace() {
        leftOutMemberships.append(QuarantinedMembership(groupID: nil, userID: OktaUserID(id)))
      } else {
        assignmentsComplete = false
      }
    case .appGroups:
      if let id = decoder.decodeID(record, ordinal: ordinal) { appGroups.append((OktaGroupID(id), source)) } else { assignmentsComplete = false }
    }
  }
}

/// One file's records on their way into `ExportRecords`: each record a reader hands over is
/// numbered, decoded and added. A struct the readers' callbacks reach in place: state captured
/// by a closure would be checked for exclusive access at run time, several times a record.
private struct FileIntake {
  var records = ExportRecords()
  var decoder: RecordDecoder
  var ordinal = 0
  let memberOf: OktaGroupID?
  /// The file being read, handed back to the system as the reading moves past its pages.
  let mapped: MappedFile
  let progress: ((Int) -> Void)?

  mutating func take(_ record: RawRecord) {
    ordinal += 1
    records.add(record, ordinal: ordinal, decoder: &decoder, memberOf: memberOf)
    // Records start where their line does; a line's offset is close enough for progress.
    if ordinal % 8_192 == 0 {
      progress?(record.offset)
      mapped.release(before: record.offset)
    }
  }
}
