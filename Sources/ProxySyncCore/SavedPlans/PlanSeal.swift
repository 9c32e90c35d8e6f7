/// How a saved plan's text ends, proving it is whole and unchanged.
///
/// A file (`plan --out`) can be edited by anyone who can write it, and a plain digest can be
/// recomputed by them too: files are signed with the store's key (`{"signature": HMAC-SHA256}`),
/// so only someone who can read the store can make one that applies. Texts the store keeps
/// itself (a run's held operations) need only show they are whole: `{"checksum": SHA-256}`.
package enum PlanSeal: Sendable {
  case signature(PlanSigningKey)
  case checksum

  /// The last line's field.
  package var field: String {
    switch self {
    case .signature: "signature"
    case .checksum: "checksum"
    }
  }

  package func makeHasher() -> Hasher {
    switch self {
    case .signature(let key): Hasher(state: .hmac(HMACSHA256(key: key)))
    case .checksum: Hasher(state: .digest(SHA256()))
    }
  }

  /// The seal's value, worked out a piece at a time.
  package struct Hasher: Sendable {
    fileprivate enum State: Sendable {
      case hmac(HMACSHA256)
      case digest(SHA256)
    }
    fileprivate var state: State

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
      switch state {
      case .hmac(var hasher):
        hasher.update(bytes)
        state = .hmac(hasher)
      case .digest(var hasher):
        hasher.update(bytes)
        state = .digest(hasher)
      }
    }

    package mutating func update(_ text: String) {
      var text = text
      text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    package consuming func finalize() -> String {
      switch state {
      case .hmac(let hasher): hasher.finalize()
      case .digest(let hasher): hasher.finalize()
      }
    }
  }
}
