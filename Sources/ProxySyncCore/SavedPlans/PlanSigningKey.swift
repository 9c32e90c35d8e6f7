/// The secret a store signs its saved plans with: 32 random bytes, made when the store is
/// created (or first opened by a proxysync that signs plans), kept in the store and nowhere else.
///
/// A plan signed with it can only have been written by someone who could read the store, so an
/// edited file, or one made against another store, is refused. Never printed: its description
/// says only that it is a key.
package struct PlanSigningKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
  package let bytes: [UInt8]

  package init?(hex: String) {
    let digits = Array(hex.utf8)
    guard digits.count == 64 else { return nil }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: 64, by: 2) {
      guard let high = Self.value(digits[index]), let low = Self.value(digits[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
    }
    self.bytes = bytes
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// A new key from the system's secure random source (getrandom on Linux).
  package static func generate() -> PlanSigningKey {
    var generator = SystemRandomNumberGenerator()
    return PlanSigningKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
  }

  /// As the store keeps it.
  package var hex: String { SHA256.hex(digits: bytes) }

  package var description: String { "PlanSigningKey(secret)" }
  package var debugDescription: String { description }

  private static func value(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}

/// HMAC-SHA256 (RFC 2104), fed incrementally like `SHA256`: a saved plan of a million people is
/// signed as it is written and checked as it is read.
package struct HMACSHA256: Sendable {
  private var inner = SHA256()
  private var outerPad: [UInt8]

  package init(key: PlanSigningKey) {
    // Keys longer than a block would be hashed first; ours are 32 bytes, shorter than 64.
    var block = key.bytes
    block += [UInt8](repeating: 0, count: 64 - block.count)
    outerPad = block.map { $0 ^ 0x5c }
    inner.update(block.map { $0 ^ 0x36 })
  }

  package mutating func update(_ bytes: UnsafeRawBufferPointer) { inner.update(bytes) }
  package mutating func update(_ text: String) { inner.update(text) }

  /// The signature as 64 lower-case hex digits.
  package consuming func finalize() -> String {
    var outer = SHA256()
    outer.update(outerPad)
    outer.update(inner.finalizeBytes())
    return outer.finalize()
  }
}
