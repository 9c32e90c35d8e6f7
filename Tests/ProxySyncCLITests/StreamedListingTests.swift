import Foundation
import TestSupport
import Testing

@testable import ProxySyncCLI

/// Listings go from the store to the output as they are read: the text table takes its widths
/// from the first rows and never holds the rest; JSON is written a person at a time.
@Suite struct StreamedListingTests {
  @Test func aTableWritesEachRowPastItsSampleAtOnceAndNeverCutsALongerCell() {
    var written: [String] = []
    var table = StreamedTable(["NAME", "TITLE"], sample: 3) { written.append($0) }
    for (name, title) in [("ann", "Analyst"), ("bob", "Engineer"), ("cy", "Ops")] { table.add([name, title]) }
    // The sample is full: the header and the three rows are out, aligned to them.
    #expect(written == ["NAME  TITLE\n", "ann   Analyst\n", "bob   Engineer\n", "cy    Ops\n"])
    table.add(["dominique-longer-than-the-column", "Director\u{1B}[2J"])
    #expect(written.count == 5, "the row after the sample waited for the end")
    #expect(written.last == "dominique-longer-than-the-column  Director\\e[2J\n")
    table.finish()
    #expect(written.count == 5)
  }

  @Test func aShortTableIsAlignedOnAllItsRows() {
    var text = ""
    var table = StreamedTable(["EMAIL", "STATUS"]) { text += $0 }
    table.add(["a-long-address@example.com", "active"])
    table.add(["b@example.com", "pending"])
    #expect(text.isEmpty, "a table shorter than its sample waits for its end")
    table.finish()
    #expect(text == "EMAIL                       STATUS\na-long-address@example.com  active\nb@example.com               pending\n")
  }

  @Test func peopleListStreamsThousandsOfPeopleInEmailOrderAsOneDocument() throws {
    let cli = CLIHarness()
    cli.run("org", "create", "acme")
    cli.environment["PROXYSYNC_ORG"] = "acme"
    let count = 2_500  // more than the table's sample and more than one 64 KB chunk of JSON
    let users = (0..<count).map { index in
      let title = index == 2_222 ? String(repeating: "Principal ", count: 8) + "\"Engineer\"" : "Analyst"
      return #"{"id": "00u\#(index)", "status": "ACTIVE", "profile": {"email": "p\#(index)@example.com", "firstName": "P", "title": "\#(title.replacingOccurrences(of: "\"", with: "\\\""))"}}"#
    }
    cli.directory.write("export/users.json", "[" + users.joined(separator: ",") + "]")
    cli.directory.write("export/app-users.json", "[" + (0..<count).map { #"{"id": "00u\#($0)"}"# }.joined(separator: ",") + "]")
    for file in ["groups", "group-members", "app-groups"] { cli.directory.write("export/\(file).json", "[]") }
    #expect(cli.run("import", "--source", cli.directory.file("export")).status == 0)

    let json = cli.run("people", "list", "--format", "json").out
    let people = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    let emails = people.compactMap { $0["email"] as? String }
    #expect(emails.count == count)
    #expect(emails == emails.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(people.first { $0["email"] as? String == "p2222@example.com" }?["title"] as? String
      == String(repeating: "Principal ", count: 8) + "\"Engineer\"")

    let lines = cli.run("people", "list").out.split(separator: "\n")
    #expect(lines.count == count + 1)
    #expect(lines.contains { $0.contains("p2222@example.com") && $0.contains(String(repeating: "Principal ", count: 8) + "\"Engineer\"") })
    #expect(cli.run("people", "list", "--status", "inactive").out == "no people\n")
    #expect(cli.run("people", "list", "--status", "inactive", "--format", "json").out == "[]\n")
  }
}
