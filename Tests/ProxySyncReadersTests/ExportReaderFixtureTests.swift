import Foundation
import ProxySyncCore
import ProxySyncReaders
import TestSupport
import Testing

/// Every folder under `Fixtures/invalid` is a broken export with the exact diagnostics it must
/// produce in `expected.txt`; every folder under `Fixtures/valid` reads without errors.
@Suite struct ExportReaderFixtureTests {
  static let fixtures = repositoryRoot.appendingPathComponent("Tests/ProxySyncReadersTests/Fixtures")

  static func cases(_ kind: String) -> [String] {
    let folder = fixtures.appendingPathComponent(kind).path
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  @Test(arguments: cases("invalid"))
  func brokenExportIsRefusedWithTheExactMessages(name: String) {
    let folder = Self.fixtures.appendingPathComponent("invalid/\(name)")
    let result = ExportReader.read(folder: folder.path)
    #expect(result.snapshot == nil, "a broken export must not produce a snapshot")
    let rendered = result.diagnostics.rendered() + "\n"
    let expected = golden(folder.appendingPathComponent("expected.txt").path, rendered)
    #expect(rendered == expected)
  }

  @Test(arguments: cases("valid"))
  func validExportReadsWithoutErrors(name: String) {
    let folder = Self.fixtures.appendingPathComponent("valid/\(name)")
    let result = ExportReader.read(folder: folder.path)
    #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.rendered())")
    #expect(result.snapshot != nil)
  }

  @Test func invalidCorpusIsNotEmpty() {
    #expect(Self.cases("invalid").count >= 15)
  }
}
