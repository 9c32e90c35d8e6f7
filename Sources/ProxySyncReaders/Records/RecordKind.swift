import ProxySyncCore

/// The five files of an export, and the fields proxysync reads from each.
///
/// JSON records are the objects Okta's APIs return (fields named by path, e.g. `profile.email`);
/// CSV files name the same fields by column (`email`). Every other field or column is ignored.
package enum RecordKind: String, CaseIterable, Sendable {
  case users
  case groups
  case groupMembers = "group-members"
  case appUsers = "app-users"
  case appGroups = "app-groups"

  /// The file's base name: `users` for `users.json`, `users.csv` or a `users/` page folder.
  package var baseName: String { rawValue }

  /// What one record is called in messages.
  var recordName: String {
    switch self {
    case .users: "user"
    case .groups: "group"
    case .groupMembers: "membership"
    case .appUsers: "app assignment"
    case .appGroups: "app group assignment"
    }
  }

  var fields: [FieldSpec] {
    switch self {
    case .users: Self.userFields
    case .groups:
      [.init(["id"], csv: "id", labels: ["Group Id"], required: true), .init(["type"], csv: "type", labels: ["Type"]),
       .init(["profile", "name"], csv: "name", labels: ["Name"], required: true),
       .init(["profile", "description"], csv: "description", labels: ["Description"])]
    case .groupMembers:
      [.init(["groupId"], csv: "groupId", required: true), .init(["userId"], csv: "userId", required: true)]
    case .appUsers:
      [.init(["id"], csv: "userId", required: true), .init(["scope"], csv: "scope")]
    case .appGroups:
      [.init(["id"], csv: "groupId", required: true)]
    }
  }

  /// An Okta User: the users file's records, and those of per-group member listings. The labels
  /// are the column names of Okta's own CSV reports.
  static let userFields: [FieldSpec] = [
    .init(["id"], csv: "id", labels: ["User Id"], required: true),
    .init(["status"], csv: "status", labels: ["Status", "Okta user status"], required: true),
    .init(["profile", "email"], csv: "email", labels: ["Primary email"], required: true),
    .init(["profile", "firstName"], csv: "firstName", labels: ["First name"]),
    .init(["profile", "lastName"], csv: "lastName", labels: ["Last name"]),
    .init(["profile", "mobilePhone"], csv: "mobilePhone", labels: ["Mobile phone"]),
    .init(["profile", "title"], csv: "title", labels: ["Title"]),
    .init(["profile", "department"], csv: "department", labels: ["Department"]),
    .init(["profile", "employeeNumber"], csv: "employeeNumber", labels: ["Employee number"]),
  ]

  /// A per-group member listing's User objects: only the id is required (a member the users
  /// file has needs nothing else); `userId` and `groupId` are read only to catch `{groupId,
  /// userId}` rows mixed in.
  static let memberFields: [FieldSpec] =
    userFields.map { FieldSpec($0.path, csv: $0.csvColumn, labels: $0.labels, required: $0.path == ["id"]) }
    + [.init(["userId"], csv: "userId"), .init(["groupId"], csv: "groupId")]

  /// The profile attribute a user field holds (nil for id and status), by field index.
  static func profileField(atUserField index: Int) -> Profile.Field? {
    (2..<userFields.count).contains(index) ? Profile.Field.allCases[index - 2] : nil
  }
}

/// One field a record kind reads.
struct FieldSpec: Sendable {
  var path: [String]
  var csvColumn: String
  /// Other column names accepted for it: Okta's attribute labels (`First name`).
  var labels: [String]
  var isRequired: Bool

  init(_ path: [String], csv: String, labels: [String] = [], required: Bool = false) {
    self.path = path
    self.csvColumn = csv
    self.labels = labels
    self.isRequired = required
  }

  /// Every header name that means this field, in the form `CSVRecordReader` compares them.
  var columnNames: [String] {
    ([csvColumn, path.joined(separator: ".")] + labels).map { $0.lowercased() }
  }
}

/// The file formats an export may use.
package enum ExportFormat: String, CaseIterable, Sendable {
  case json, ndjson, csv

  /// How messages name a field in this format.
  func name(of field: FieldSpec) -> String {
    self == .csv ? "column \"\(field.csvColumn)\"" : "field \"\(field.path.joined(separator: "."))\""
  }
}
