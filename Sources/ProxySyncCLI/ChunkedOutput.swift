import ProxySyncCore

/// Standard output written in chunks as it is made, so a long listing holds one chunk at a time.
final class ChunkedOutput {
  private let console: Console
  private var buffer: [UInt8] = []

  init(_ console: Console) {
    self.console = console
    buffer.reserveCapacity(1 << 16 + 4096)
  }

  func write(_ text: String) {
    buffer += text
    flushIfFull()
  }

  /// A JSON value as it stands `indent` spaces deep, written as bytes with no string between.
  func write(_ value: JSONValue, indent: Int) {
    value.append(to: &buffer, indent: indent)
    flushIfFull()
  }

  func flush() {
    guard !buffer.isEmpty else { return }
    console.out(String(decoding: buffer, as: UTF8.self))
    buffer.removeAll(keepingCapacity: true)
  }

  private func flushIfFull() {
    if buffer.count >= 1 << 16 { flush() }
  }
}
