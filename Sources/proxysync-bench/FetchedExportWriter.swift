import Foundation
import ProxySyncFetch

/// Writes a generated company as `proxysync fetch` saves it: Okta's API pages, each one line,
/// at the page sizes the fetch asks for, and every group's member listing as pages of whole User
/// objects (five per person). The shape a nightly run fed by `fetch` reads.
struct FetchedExportWriter {
  let folder: URL

  func write(_ company: Company) throws {
    let people = company.people.filter { !$0.removed }
    try pages("users", perPage: 200, people.map { ExportWriter.json($0) })
    try pages("groups", perPage: 1_000, company.groups.map { ExportWriter.json($0) })
    var members = [[Int]](repeating: [], count: company.groups.count)
    for person in people {
      for group in company.memberships[person.index] { members[group].append(person.index) }
    }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("group-members"), withIntermediateDirectories: true)
    for group in company.groups where !members[group.index].isEmpty {
      try pages("group-members/\(group.id)", perPage: 1_000, members[group.index].lazy.map { ExportWriter.json(company.people[$0]) })
    }
    try pages("app-users", perPage: 500, people.filter(\.assigned).map { ExportWriter.json(appUser: $0) })
    try pages("app-groups", perPage: 200, company.groups.filter(\.assigned).map { ExportWriter.json(appGroup: $0) })
  }

  /// `name/page-NNNNNN.json`, named as the fetch names them, `perPage` records each; one empty page when there are none, as Okta
  /// answers an empty listing.
  private func pages<Records: Collection<String>>(_ name: String, perPage: Int, _ records: Records) throws {
    let pageFolder = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: pageFolder, withIntermediateDirectories: true)
    var (page, start) = (1, records.startIndex)
    repeat {
      let end = records.index(start, offsetBy: perPage, limitedBy: records.endIndex) ?? records.endIndex
      var text = "["
      text += records[start..<end].joined(separator: ",")
      text += "]"
      try Data(text.utf8).write(to: pageFolder.appendingPathComponent(OktaFetch.pageName("page", page)))
      (page, start) = (page + 1, end)
    } while start != records.endIndex
  }
}
