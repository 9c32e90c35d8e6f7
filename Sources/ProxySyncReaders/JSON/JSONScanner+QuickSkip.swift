extension JSONScanner {
  /// What the quick skip expects next.
  private enum Expected { case value, valueOrEnd, keyOrEnd, key, colon, commaOrEnd }

  /// Steps over the object or array at `offset` (nested at `depth`) when it is plain: ASCII
  /// strings without escapes, `true`, `false`, `null`, white space and well-formed structure.
  /// Returns false, with `offset` and `line` as they were, at anything else (a number, an
  /// escape, a non-ASCII byte, a mistake, deep nesting): the careful `skipValue` then reads the
  /// value from its start, so every message stays the careful path's own.
  ///
  /// Most of a user record is objects nobody reads (`credentials`, `_links`); stepping over them
  /// here, one loop and no call per token, is where the reader spends less per byte.
  mutating func skipPlainContainer(depth: Int) -> Bool {
    let (startOffset, startLine) = (offset, line)
    func giveUp() -> Bool {
      (offset, line) = (startOffset, startLine)
      return false
    }
    // One bit per open container, set for objects; the careful path's depth limit applies to
    // every value, so nesting that would come near it is left to that path.
    var objects: UInt64 = 0
    var level = 0
    let maxLevel = min(63, Self.maxDepth - 1 - depth)
    var expected = Expected.value
    let count = bytes.count
    while offset < count {
      let byte = bytes[offset]
      if byte <= 0x20 {
        switch byte {
        case 0x0A: line += 1
        case 0x20, 0x09, 0x0D: break
        default: return giveUp()
        }
        offset += 1
        continue
      }
      switch expected {
      case .value, .valueOrEnd:
        switch byte {
        case UInt8(ascii: "\""):
          guard skipPlainString() else { return giveUp() }
          expected = .commaOrEnd
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          guard level < maxLevel else { return giveUp() }
          let isObject = byte == UInt8(ascii: "{")
          objects = objects << 1 | (isObject ? 1 : 0)
          level += 1
          expected = isObject ? .keyOrEnd : .valueOrEnd
        case UInt8(ascii: "]") where expected == .valueOrEnd:
          if close() { return true }
          expected = .commaOrEnd
        case UInt8(ascii: "t"): guard skipWord("true") else { return giveUp() }; expected = .commaOrEnd; continue
        case UInt8(ascii: "f"): guard skipWord("false") else { return giveUp() }; expected = .commaOrEnd; continue
        case UInt8(ascii: "n"): guard skipWord("null") else { return giveUp() }; expected = .commaOrEnd; continue
        default: return giveUp()
        }
      case .keyOrEnd, .key:
        if byte == UInt8(ascii: "}"), expected == .keyOrEnd {
          if close() { return true }
          expected = .commaOrEnd
        } else {
          guard byte == UInt8(ascii: "\""), skipPlainString() else { return giveUp() }
          expected = .colon
          continue
        }
      case .colon:
        guard byte == UInt8(ascii: ":") else { return giveUp() }
        expected = .value
      case .commaOrEnd:
        let inObject = objects & 1 == 1
        switch byte {
        case UInt8(ascii: ","): expected = inObject ? .key : .value
        case UInt8(ascii: "}") where inObject, UInt8(ascii: "]") where !inObject:
          if close() { return true }
        default: return giveUp()
        }
      }
      offset += 1
    }
    return giveUp()

    /// Closes the innermost container; true when it was the one this skip began with.
    func close() -> Bool {
      objects >>= 1
      level -= 1
      guard level == 0 else { return false }
      offset += 1
      return true
    }
  }

  /// The next key of compact JSON in one step (`"key":` first, `,"key":` after), when it is
  /// plain ASCII without escapes; nil, with nothing consumed, for anything else (white space,
  /// the object's end, a mistake), which `nextKeyBytes` then reads the careful way.
  @inline(__always)
  mutating func nextPlainKey(_ container: inout Container) -> UnsafeRawBufferPointer? {
    var start = offset
    if !container.isFirst {
      guard start < bytes.count, bytes[start] == UInt8(ascii: ",") else { return nil }
      start += 1
    }
    guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
    let before = offset
    offset = start
    guard skipPlainString(), offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
      offset = before
      return nil
    }
    container.isFirst = false
    offset += 1
    return UnsafeRawBufferPointer(rebasing: bytes[start + 1..<offset - 2])
  }

  /// Steps over `word` if it stands at `offset`.
  mutating func skipWord(_ word: StaticString) -> Bool {
    let length = word.utf8CodeUnitCount
    guard offset + length <= bytes.count else { return false }
    for index in 0..<length where bytes[offset + index] != word.utf8Start[index] { return false }
    offset += length
    return true
  }

  /// Steps over the string at `offset` when it is plain ASCII without escapes or control
  /// characters, eight bytes at a time; false (offset anywhere) otherwise.
  @inline(__always)
  mutating func skipPlainString() -> Bool {
    offset += 1
    while offset + 8 <= bytes.count {
      let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      // Also a stop: any byte from 0x80 (its own high bit).
      let special = Self.stringStops(in: word) | (word & 0x8080_8080_8080_8080)
      if special != 0 {
        // The lowest flag is exact: every byte before it is plain.
        offset += special.trailingZeroBitCount / 8
        guard bytes[offset] == UInt8(ascii: "\"") else { return false }
        offset += 1
        return true
      }
      offset += 8
    }
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        offset += 1
        return true
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return false }
      offset += 1
    }
    return false
  }
}
