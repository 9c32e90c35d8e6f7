import Foundation

/// Writes a generated company as an Okta export folder in one of the three formats, or as
/// `proxysync fetch` saves Okta's API pages (`fetched`).
struct ExportWriter {
  let format: String
  let folder: URL

  func write(_ company: Company) throws {
    if format == "fetched" { return try FetchedExportWriter(folder: folder).write(company) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let people = company.people.filter { !$0.removed }
    try stream("users") { emit in
      if format == "csv" { emit("id,status,login,email,firstName,lastName,mobilePhone,title,department,employeeNumber,created\n") }
      for person in people { emit(user(person)) }
    }
    try stream("groups") { emit in
      if format == "csv" { emit("id,type,name,description\n") }
      for group in company.groups {
        emit(record(json: Self.json(group), csv: "\(group.id),OKTA_GROUP,\(group.name),Generated team \(group.index)"))
      }
    }
    try stream("group-members") { emit in
      if format == "csv" { emit("groupId,userId\n") }
      for person in people {
        for group in company.memberships[person.index] {
          let groupID = company.groups[group].id
          emit(record(json: #"{"groupId":"\#(groupID)","userId":"\#(person.id)"}"#, csv: "\(groupID),\(person.id)"))
        }
      }
    }
    try stream("app-users") { emit in
      if format == "csv" { emit("userId,scope,status\n") }
      for person in people where person.assigned {
        emit(record(json: Self.json(appUser: person), csv: "\(person.id),USER,PROVISIONED"))
      }
    }
    try stream("app-groups") { emit in
      if format == "csv" { emit("groupId,priority\n") }
      for group in company.groups where group.assigned {
        emit(record(json: Self.json(appGroup: group), csv: "\(group.id),\(group.index)"))
      }
    }
  }

  private func user(_ p: Company.Person) -> String {
    record(json: Self.json(p), csv: "\(p.id),\(p.status),\(p.email),\(p.email),\(p.firstName),\(p.lastName),\(p.phone),\(p.title),\(p.department),\(100000 + p.index),2025-03-02T17:21:09.000Z")
  }

  /// A full Okta User object, about 1 KB, as the Users API returns it.
  static func json(_ p: Company.Person) -> String {
    #"{"id":"\#(p.id)","status":"\#(p.status)","created":"2025-03-02T17:21:09.000Z","activated":"2025-03-02T17:21:10.000Z","statusChanged":"2025-03-02T17:21:10.000Z","lastLogin":"2026-11-27T08:14:51.000Z","lastUpdated":"2026-11-20T10:02:33.000Z","passwordChanged":"2025-03-02T17:30:00.000Z","type":{"id":"otyb1f0eqrJ4E5q0o5d7"},"profile":{"firstName":"\#(p.firstName)","lastName":"\#(p.lastName)","mobilePhone":"\#(p.phone)","secondEmail":null,"login":"\#(p.email)","email":"\#(p.email)","title":"\#(p.title)","department":"\#(p.department)","employeeNumber":"\#(100000 + p.index)","locale":"en_US","timezone":"America/Los_Angeles","costCenter":"CC-\#(p.index % 97)"},"credentials":{"password":{},"recovery_question":{"question":"What is the name of your first pet?"},"provider":{"type":"OKTA","name":"OKTA"}},"_links":{"self":{"href":"https://bench.okta.com/api/v1/users/\#(p.id)"},"schema":{"href":"https://bench.okta.com/api/v1/meta/schemas/user/oscb1f0eqrJ4E5q0o5d7"},"type":{"href":"https://bench.okta.com/api/v1/meta/types/user/otyb1f0eqrJ4E5q0o5d7"}}}"#
  }

  /// A Group object as the Groups API returns it.
  static func json(_ group: Company.Group) -> String {
    #"{"id":"\#(group.id)","created":"2025-01-10T09:00:00.000Z","lastUpdated":"2026-10-01T09:00:00.000Z","objectClass":["okta:user_group"],"type":"OKTA_GROUP","profile":{"name":"\#(group.name)","description":"Generated team \#(group.index)"},"_links":{"users":{"href":"https://bench.okta.com/api/v1/groups/\#(group.id)/users"}}}"#
  }

  /// An AppUser object as the app's user listing returns it.
  static func json(appUser person: Company.Person) -> String {
    #"{"id":"\#(person.id)","externalId":null,"created":"2025-03-02T17:25:00.000Z","scope":"USER","status":"PROVISIONED","syncState":"SYNCHRONIZED","credentials":{"userName":"\#(person.email)"},"profile":{},"_links":{"user":{"href":"https://bench.okta.com/api/v1/users/\#(person.id)"}}}"#
  }

  /// An app's group assignment.
  static func json(appGroup group: Company.Group) -> String {
    #"{"id":"\#(group.id)","lastUpdated":"2026-11-01T09:00:00.000Z","priority":\#(group.index),"profile":{}}"#
  }

  private func record(json: String, csv: String) -> String {
    format == "csv" ? csv + "\n" : json
  }

  /// Streams records to `NAME.FORMAT` through a buffer, never holding the whole file.
  private func stream(_ name: String, _ body: ((String) -> Void) -> Void) throws {
    let url = folder.appendingPathComponent("\(name).\(format)")
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)  // opening it below says why, if it failed
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var buffer = Data()
    buffer.reserveCapacity(1 << 22)
    var first = true
    if format == "json" { buffer.append(contentsOf: Array("[\n".utf8)) }
    body { text in
      if format == "json" {
        if !first { buffer.append(contentsOf: Array(",\n".utf8)) }
        buffer.append(contentsOf: Array(text.utf8))
      } else {
        buffer.append(contentsOf: Array(text.utf8))
        if format == "ndjson" { buffer.append(0x0A) }
      }
      first = false
      if buffer.count >= 1 << 22 {
        handle.write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    if format == "json" { buffer.append(contentsOf: Array("\n]\n".utf8)) }
    handle.write(buffer)
  }
}
