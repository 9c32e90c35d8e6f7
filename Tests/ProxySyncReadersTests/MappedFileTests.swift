import Foundation
@testable import ProxySyncReaders
import TestSupport
import Testing

@Suite struct MappedFileTests {
  /// Pages handed back behind the reader must still read right if anything looks again, and
  /// the bytes ahead must be untouched: a file large enough for several release steps.
  @Test func releasedPagesStillReadTheFile() throws {
    let directory = TemporaryDirectory()
    let size = 72 << 20  // the pages go back 32 MB at a time
    var content = [UInt8](repeating: 0, count: size)
    for index in stride(from: 0, to: size, by: 4_093) { content[index] = UInt8(truncatingIfNeeded: index / 4_093 + 1) }
    let path = directory.file("big.bin")
    try Data(content).write(to: URL(fileURLWithPath: path))
    let mapped = try MappedFile(path: path)
    #expect(mapped.bytes.count == size)
    for offset in stride(from: 0, to: size, by: 8 << 20) { mapped.release(before: offset) }
    mapped.release(before: size)
    #expect(content.withUnsafeBytes { memcmp($0.baseAddress!, mapped.bytes.baseAddress!, size) } == 0)
  }

  @Test func emptyFileMapsToNoBytesAndAMissingOneSaysWhy() throws {
    let directory = TemporaryDirectory()
    let path = directory.write("empty.json", "")
    #expect(try MappedFile(path: path).bytes.isEmpty)
    #expect(throws: MappedFileError.self) { try MappedFile(path: directory.file("none.json")) }
    do {
      _ = try MappedFile(path: directory.file("none.json"))
    } catch {
      #expect(error.reason == "cannot read the file: No such file or directory")
    }
  }
}
