/// Catches files in the wrong encoding before a parser trips over them with a vaguer message.
enum EncodingCheck {
  /// 3 when the file starts with a UTF-8 byte-order mark (tolerated), else 0.
  static func bomLength(_ bytes: UnsafeRawBufferPointer) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// A message when the file is UTF-16 or UTF-32 (by BOM or by NUL bytes in the first bytes).
  static func problem(in bytes: UnsafeRawBufferPointer) -> String? {
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
      return "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
    }
    if bytes.count >= 4, bytes[0] == 0 || bytes[1] == 0, bytes[2] == 0 || bytes[3] == 0 {
      return "the file looks like UTF-16 or UTF-32 (NUL bytes between characters); save it as UTF-8"
    }
    return nil
  }
}
