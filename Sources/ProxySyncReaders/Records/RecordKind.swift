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
    case .users:
      [.init(["id"], csv: "id", required: true), .init(["status"], csv: "status", required: true),
       .init(["profile", "email"], csv: "email", required: true),
       .init(["profile", "firstName"], csv: "firstName"), .init(["profile", "lastName"], csv: "lastName"),
       .init(["profile", "mobilePhone"], csv: "mobilePhone"), .init(["profile", "title"], csv: "title"),
       .init(["profile", "department"], csv: "department"),
       .init(["profile", "employeeNumber"], csv: "employeeNumber")]
    case .groups:
      [.init(["id"], csv: "id", required: true), .init(["type"], csv: "type"),
       .init(["profile", "name"], csv: "name", required: true),
       .init(["profile", "description"], csv: "description")]
    case .groupMembers:
      [.init(["groupId"], csv: "groupId", required: true), .init(["userId"], csv: "userId", required: true)]
    case .appUsers:
      [.init(["id"], csv: "userId", required: true), .init(["scope"], csv: "scope")]
    case .appGroups:
      [.init(["id"], csv: "groupId", required: true)]
    }
  }
}

/// One field a record kind reads.
struct FieldSpec: Sendable {
  var path: [String]
  var csvColumn: String
  var isRequired: Bool

  init(_ path: [String], csv: String, required: Bool = false) {
    self.path = path
    self.csvColumn = csv
    self.isRequired = required
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
