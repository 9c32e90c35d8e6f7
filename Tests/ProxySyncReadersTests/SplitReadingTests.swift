import Foundation
import ProxySyncCore
@testable import ProxySyncReaders
import TestSupport
import Testing

/// An export is read in two runs of files, one per core, merged in file order: what comes out
/// must not depend on where the cut fell.
@Suite struct SplitReadingTests {
  func files(_ names: [String]) -> [ExportFile] {
    names.map { ExportFile(kind: $0.hasPrefix("users") ? .users : .groupMembers, format: .json, name: $0, url: URL(fileURLWithPath: "/\($0)")) }
  }

  /// The two runs the reader would read `directory` in.
  func runs(of directory: TemporaryDirectory) -> [[ExportFile]] {
    let located = RecordKind.allCases.flatMap { kind in (try? ExportFile.locate(kind, in: directory.url).get()) ?? [] }
    return ExportReader.halves(of: located, sizes: located.map(\.byteCount))
  }

  @Test func theFilesAreCutWhereTheTwoRunsBytesComeClosest() {
    // A flat export: the users file is most of it and is read alone.
    let flat = files(["users.json", "groups.json", "group-members.json", "app-users.json"])
    #expect(ExportReader.halves(of: flat, sizes: [1_060, 6, 340, 250]).map { $0.map(\.name) } == [["users.json"], ["groups.json", "group-members.json", "app-users.json"]])
    // A fetched one: member listings are most of it, cut among their pages.
    let fetched = files(["users/page-1.json"] + (1...6).map { "group-members/00g1/page-\($0).json" })
    #expect(ExportReader.halves(of: fetched, sizes: [20] + Array(repeating: 10, count: 6)).map(\.count) == [3, 4])
    #expect(ExportReader.halves(of: [], sizes: []).map(\.count) == [0, 0])
  }

  /// Parts are handed over, not shared: once the merger lets go of a part nothing else holds it,
  /// so the arrays it took whole grow in place instead of being copied on the next append.
  @Test func takenPartsAreHeldByTheTakerAlone() {
    final class Part {}
    let parts = ParallelParts<Part>(count: 2)
    parts.set(1, Part())
    parts.set(0, Part())
    var taken = parts.take()
    weak let first = taken[0]
    #expect(taken.count == 2 && parts.take().isEmpty)
    taken.removeAll()
    #expect(first == nil)
  }

  /// Rows from several files, merged after any row, name every row's file and line as rows
  /// appended one by one do.
  @Test func mergedRowSourcesNameTheSameLines() {
    var generator = SplitMix(seed: 11)
    var sources: [SourceLine] = []
    for page in 0..<40 {
      for line in 0..<Int(generator.next() % 5) {
        // A one-line page names its records by number.
        let onOneLine = page % 2 == 0
        sources.append(SourceLine(file: "users/page-\(page / 3).json", line: onOneLine ? 1 : line + 1, record: onOneLine ? line + 1 : nil))
      }
    }
    var whole = RowSources()
    for source in sources { whole.append(source) }
    for cut in stride(from: 0, through: sources.count, by: 7) {
      var (first, second) = (RowSources(), RowSources())
      for source in sources[..<cut] { first.append(source) }
      for source in sources[cut...] { second.append(source) }
      first.append(contentsOf: second)
      #expect(first.count == sources.count)
      #expect((0..<sources.count).allSatisfy { first[$0] == sources[$0] && whole[$0] == sources[$0] }, "cut at \(cut)")
    }
  }

  /// Two parts' membership rows merged number their ids and pair them as one part reading
  /// every row would; so do app assignments.
  @Test func mergedRowsNumberIdsAsOneReadingWould() {
    var generator = SplitMix(seed: 5)
    let rows = (0..<600).map { _ in (group: "00g\(generator.next() % 30)", user: "00u\(generator.next() % 200)", line: Int(generator.next() % 1_000)) }
    func memberships(_ slice: ArraySlice<(group: String, user: String, line: Int)>) -> MembershipRows {
      var result = MembershipRows()
      for row in slice {
        var (group, user) = (row.group, row.user)
        group.withUTF8 { group in
          user.withUTF8 { result.append(group: UnsafeRawBufferPointer(group), user: UnsafeRawBufferPointer($0), source: SourceLine(file: "m.json", line: row.line)) }
        }
      }
      return result
    }
    func assignments(_ slice: ArraySlice<(group: String, user: String, line: Int)>) -> AssignmentRows {
      var result = AssignmentRows()
      for row in slice {
        var user = row.user
        user.withUTF8 { result.append(id: UnsafeRawBufferPointer($0), source: SourceLine(file: "a.json", line: row.line)) }
      }
      return result
    }
    let whole = memberships(rows[...])
    let wholeAssignments = assignments(rows[...])
    for cut in [1, 250, 599] {
      var merged = memberships(rows[..<cut])
      merged.merge(memberships(rows[cut...]))
      #expect(merged.pairs == whole.pairs, "cut at \(cut)")
      #expect(merged.users.strings() == whole.users.strings())
      #expect(merged.groups.strings() == whole.groups.strings())
      #expect((0..<rows.count).allSatisfy { merged.source(of: $0) == whole.source(of: $0) })
      var mergedAssignments = assignments(rows[..<cut])
      mergedAssignments.merge(assignments(rows[cut...]))
      #expect(mergedAssignments.numbers == wholeAssignments.numbers)
      #expect(mergedAssignments.ids.strings() == wholeAssignments.ids.strings())
    }
  }

  /// Users pages cut between the two runs are numbered together: a user id repeated across the
  /// cut is still refused, at its second page, naming the first.
  @Test func usersCutBetweenTheRunsAreCheckedTogether() throws {
    let directory = TemporaryDirectory()
    let padding = String(repeating: "x", count: 2_000)
    func user(_ id: String) -> String {
      #"{"id":"\#(id)","status":"ACTIVE","profile":{"email":"\#(id.lowercased())@example.com","login":"\#(id)","title":"\#(padding)"}}"#
    }
    for page in 1...4 {
      // Page 4 repeats page 1's first user.
      let ids = page == 4 ? ["00u1a", "00u4b"] : ["00u\(page)a", "00u\(page)b"]
      directory.write("users/page-00000\(page).json", "[" + ids.map(user).joined(separator: ",") + "]")
    }
    directory.write("groups.json", "[]")
    directory.write("group-members.json", "[]")
    directory.write("app-users.json", "[]")
    directory.write("app-groups.json", "[]")
    #expect(runs(of: directory).map { $0.filter { $0.kind == .users }.count } == [2, 2], "the cut falls among users pages")

    let result = ExportReader.read(folder: directory.path)
    #expect(result.diagnostics.rendered() == #"users/page-000004.json:1: error: record 1: duplicate user id "00u1a" (first seen in users/page-000001.json:1 record 1)"#)
    #expect(result.partialSnapshot.users.map(\.id.rawValue) == ["00u1b", "00u2a", "00u2b", "00u3a", "00u3b", "00u4b"])
  }

  /// A fetched export whose member listings are cut between the two runs reads as it would in
  /// one: every membership in page order, and each page's problem at its own page, in order.
  @Test func aFetchedExportCutAmongMemberPagesReadsAsOne() throws {
    let directory = TemporaryDirectory()
    let padding = String(repeating: "x", count: 2_000)
    // Member listings' User objects carry their links, the users file's do not: most bytes are
    // member pages.
    func user(_ id: String, links: String = "") -> String {
      #"{"id":"\#(id)","status":"ACTIVE","profile":{"email":"\#(id.lowercased())@example.com","login":"\#(id)"},"_links":{"self":{"href":"\#(links)"}}}"#
    }
    let ids = (0..<12).map { "00u\($0)" }
    directory.write("users/page-1.json", "[" + ids.map { user($0) }.joined(separator: ",") + "]")
    directory.write("groups.json", #"[{"id":"00gEng","profile":{"name":"Eng"}}]"#)
    for page in 1...6 {
      // Pages 2 and 5 each hold a member that is not an object.
      let members = [user(ids[2 * page - 2], links: padding), user(ids[2 * page - 1], links: padding)] + (page == 2 || page == 5 ? ["7"] : [])
      directory.write("group-members/00gEng/page-\(page).json", "[" + members.joined(separator: ",") + "]")
    }
    directory.write("app-users.json", "[]")
    directory.write("app-groups.json", #"[{"id":"00gEng"}]"#)

    let runs = runs(of: directory)
    #expect(runs[0].last?.name.hasPrefix("group-members/") == true && runs[1].first?.name.hasPrefix("group-members/") == true, "the cut falls among member pages")

    let result = ExportReader.read(folder: directory.path)
    #expect(result.diagnostics.map(\.file) == ["group-members/00gEng/page-2.json", "group-members/00gEng/page-5.json"])
    #expect(result.partialSnapshot.memberships.map(\.userID.rawValue) == ids)
  }
}
