import ProxySyncCore

/// Where a decoded record came from, kept for messages about it later (duplicates, references).
package struct SourceLine: Hashable, Sendable {
  package var file: String
  package var line: Int
  /// The record's number in its file, when the line alone cannot find it: a raw API page holds
  /// a whole listing on one line.
  package var record: Int? = nil
}

extension Diagnostic {
  /// An error about the record at `source`, which it names by number when its line cannot.
  static func recordError(at source: SourceLine, _ message: String) -> Diagnostic {
    .recordError(source.file, line: source.line, source.record.map { "record \($0): \(message)" } ?? message)
  }

  static func warning(at source: SourceLine, _ message: String) -> Diagnostic {
    .warning(source.file, line: source.line, source.record.map { "record \($0): \(message)" } ?? message)
  }
}

/// Turns raw records into domain values, one diagnostic per problem, naming file, line and id.
struct RecordDecoder {
  let kind: RecordKind
  let file: String
  let format: ExportFormat
  /// Records are named by number as well as line (see `SourceLine.record`).
  var namesRecords = false
  /// What one record is called in messages.
  var recordName: String
  private let fields: [FieldSpec]
  /// `fields[i].isRequired`, apart: checking a record then copies no field spec (and retains
  /// none of its strings), a million times over.
  private let isRequired: [Bool]
  var diagnostics: [Diagnostic] = []
  /// Ids of records refused here, so references to them are not reported a second time.
  var rejectedIDs: Set<String> = []

  init(kind: RecordKind, file: String, format: ExportFormat, fields: [FieldSpec]? = nil, recordName: String? = nil) {
    self.kind = kind
    self.file = file
    self.format = format
    self.fields = fields ?? kind.fields
    self.isRequired = self.fields.map(\.isRequired)
    self.recordName = recordName ?? kind.recordName
  }

  /// Checks types and required fields; false when the record is unusable.
  mutating func check(_ record: RawRecord, ordinal: Int) -> Bool {
    if let found = record.notAnObject {
      report(record, id: nil, ordinal: ordinal, "expected an object, found \(found)")
      return false
    }
    // The id is made into a string only for a message.
    func id() -> String? { record.values.first?.text }
    if let problem = record.wrongShape {
      report(record, id: id(), ordinal: ordinal, problem)
      return false
    }
    var ok = true
    for index in record.values.indices {
      if case .wrongType(let found) = record.values[index] {
        report(record, id: id(), ordinal: ordinal, "\(format.name(of: fields[index])) must be a string, found \(found)")
        ok = false
      } else if isRequired[index], record.values[index].isBlank {
        report(record, id: id(), ordinal: ordinal, Self.blank(record.values[index], fields[index], format))
        ok = false
      }
    }
    return ok
  }

  /// Says whether a required value is absent, null or empty: a CSV column that is there but
  /// empty on this row is not a missing column.
  private static func blank(_ value: FieldValue, _ field: FieldSpec, _ format: ExportFormat) -> String {
    switch (value, format) {
    case (.absent, _): "missing \(format.name(of: field))"
    case (_, .csv): "empty value in \(format.name(of: field))"
    case (.null, _): "\(format.name(of: field)) is null"
    default: "\(format.name(of: field)) is empty"
    }
  }

  mutating func report(_ record: RawRecord, id: String?, ordinal: Int, _ message: String, severity: Diagnostic.Severity = .error) {
    if severity == .error, let id { rejectedIDs.insert(id.trimmingWhitespace()) }
    var subject = id.map { "\(recordName) \"\($0)\"" } ?? "\(recordName) #\(ordinal)"
    if namesRecords { subject = id.map { "record \(ordinal) (\(recordName) \"\($0)\")" } ?? "record \(ordinal)" }
    diagnostics.append(Diagnostic(severity, file: file, line: record.line, "\(subject): \(message)", isRecordLevel: true))
  }

  mutating func decodeUser(_ record: RawRecord, ordinal: Int) -> OktaUser? {
    guard check(record, ordinal: ordinal), let id = record.values[0].text?.trimmingWhitespace(),
      let status = status(record, id: id, ordinal: ordinal)
    else { return nil }
    return user(record, id: id, status: status, ordinal: ordinal)
  }

  /// A member of a per-group listing (fields `RecordKind.memberFields`): the id, and the whole
  /// user when the status says Okta's default user listing leaves them out (DEPROVISIONED;
  /// SUSPENDED too, to be safe), so that a users file without them is not wrong.
  mutating func decodeMember(_ record: RawRecord, ordinal: Int) -> (id: FieldValue, user: OktaUser?)? {
    let t = record.values
    if t[0].isBlank, !t[9].isBlank {
      report(record, id: t[9].text, ordinal: ordinal, "a {groupId, userId} row in a per-group member listing, which holds Okta User objects; keep to one shape of group-members")
      return nil
    }
    guard check(record, ordinal: ordinal) else { return nil }
    // Nearly every member is ACTIVE: no string is made to find that out.
    if t[1].isBlank || t[1].withTrimmedBytes({ $0.elementsEqual("ACTIVE".utf8) }) == true { return (t[0], nil) }
    guard let id = t[0].text?.trimmingWhitespace(), let status = status(record, id: id, ordinal: ordinal) else { return nil }
    guard status == .deprovisioned || status == .suspended else { return (t[0], nil) }
    guard let user = user(record, id: id, status: status, ordinal: ordinal) else { return nil }
    return (t[0], user)
  }

  private mutating func status(_ record: RawRecord, id: String, ordinal: Int) -> OktaStatus? {
    guard let statusText = record.values[1].text else {
      report(record, id: id, ordinal: ordinal, "missing \(format.name(of: fields[1]))")
      return nil
    }
    guard let status = OktaStatus(parsing: statusText) else {
      let known = OktaStatus.allCases.map(\.rawValue).joined(separator: ", ")
      report(record, id: id, ordinal: ordinal, "unknown status \"\(statusText)\" (expected one of \(known))")
      return nil
    }
    return status
  }

  private mutating func user(_ record: RawRecord, id: String, status: OktaStatus, ordinal: Int) -> OktaUser? {
    let t = record.values
    let parsed: Result<EmailAddress, EmailAddress.Problem>
    // Read from the file's bytes where it can be: no string is made twice for a million addresses.
    if case .bytes(let raw) = t[2], !raw.isEmpty {
      parsed = EmailAddress.parse(utf8: raw)
    } else if let emailText = t[2].text {
      parsed = EmailAddress.parse(emailText)
    } else {
      report(record, id: id, ordinal: ordinal, "missing \(format.name(of: fields[2]))")
      return nil
    }
    let email: EmailAddress
    switch parsed {
    case .success(let address): email = address
    case .failure(let problem):
      report(record, id: id, ordinal: ordinal, problem.describe(t[2].text ?? ""))
      return nil
    }
    let profile = Profile(
      email: email, firstName: t[3].text, lastName: t[4].text, mobilePhone: t[5].text, title: t[6].text,
      department: t[7].text, employeeNumber: t[8].text)
    return OktaUser(id: OktaUserID(id), status: status, profile: profile)
  }

  mutating func decodeGroup(_ record: RawRecord, ordinal: Int) -> OktaGroup? {
    let t = record.values
    guard check(record, ordinal: ordinal), let id = t[0].text?.trimmingWhitespace(), let name = t[2].text else { return nil }
    var type = OktaGroupType.oktaGroup
    if let typeText = t[1].text {
      guard let parsed = OktaGroupType(rawValue: typeText.trimmingWhitespace().uppercased()) else {
        report(record, id: id, ordinal: ordinal, "unknown group type \"\(typeText)\" (expected OKTA_GROUP, APP_GROUP or BUILT_IN)")
        return nil
      }
      type = parsed
    }
    return OktaGroup(id: OktaGroupID(id), type: type, name: name, description: t[3].text)
  }

  /// The group id and the user id, checked to be there; no strings are made for them.
  mutating func decodeMembership(_ record: RawRecord, ordinal: Int) -> (group: FieldValue, user: FieldValue)? {
    check(record, ordinal: ordinal) ? (record.values[0], record.values[1]) : nil
  }

  mutating func decodeID(_ record: RawRecord, ordinal: Int) -> String? {
    check(record, ordinal: ordinal) ? record.values[0].text?.trimmingWhitespace() : nil
  }
}
