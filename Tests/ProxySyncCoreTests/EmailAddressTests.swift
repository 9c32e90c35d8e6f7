import ProxySyncCore
import Testing

@Suite struct EmailAddressTests {
  @Test func addressesAreNFCLowerCaseAndTrimmedOfUnicodeWhiteSpace() throws {
    let composed = try #require(EmailAddress("jos\u{E9}@example.com"))
    #expect(EmailAddress("JOSE\u{301}@Example.com") == composed)
    #expect(Array(composed.rawValue.utf8) == Array("jos\u{E9}@example.com".utf8))
    #expect(EmailAddress("\u{A0}ann@example.com\u{3000}")?.rawValue == "ann@example.com")
    #expect(EmailAddress(" \u{C5}SA@example.com\t")?.rawValue == "\u{E5}sa@example.com")
    #expect(EmailAddress("ann\u{A0}lee@example.com") == nil)
  }

  @Test(arguments: [0x200B, 0x200D, 0x200E, 0x202E, 0x2066, 0xFEFF, 0x00AD] as [UInt32])
  func anAddressWithAnInvisibleCharacterIsRefusedNamingIt(code: UInt32) throws {
    let scalar = try #require(Unicode.Scalar(code))
    let text = "ann\(Character(scalar))@example.com"
    #expect(EmailAddress.parse(text) == .failure(.invisibleCharacter(scalar)))
    guard case .failure(let problem) = EmailAddress.parse(text) else { return }
    #expect(problem.describe("x").contains("U+\(String(code, radix: 16, uppercase: true).count < 4 ? "00" : "")\(String(code, radix: 16, uppercase: true))"))
  }

  /// Addresses as exports hold them: plain, upper case, padded, non-ASCII, invisible characters,
  /// and text that is no address at all.
  static let samples = [
    "finn.eriksen@bench.example", "Finn.Eriksen@Bench.EXAMPLE", "ZZ@AA.ZZ", "a@b", "@b.c", "a@", "a@@b.c",
    "a@b..c", "a@.b", "a@b.", "a b@c.d", "a,b@c.d", "<a@b.c>", " a@b.c", "a@b.c ", "\ta@b.c\r\n", " ", "x",
    "José@Example.com", "jose\u{301}@example.com", "a\u{200B}@b.c", "\u{FEFF}a@b.c", "a@b.c\u{A0}", "İ@x.tr",
    "a\u{7F}@b.c", "a\u{1}@b.c", "[@]\u{5E}_`{|}~@b.c", String(repeating: "a", count: 320) + "@b.c",
  ]

  /// The byte path is a shortcut, not a second rule: every sample gets the same answer, address
  /// or problem, as the same text parsed as a string.
  @Test(arguments: samples)
  func bytesParseLikeText(text: String) {
    var copy = text
    let fromBytes = copy.withUTF8 { EmailAddress.parse(utf8: UnsafeRawBufferPointer($0)) }
    #expect(fromBytes == EmailAddress.parse(text))
  }

  /// The shape rule, spelled out: one `@` with something on each side, no empty label in the
  /// domain, no white space, control character, DEL, `<`, `>` or `,`, at most 320 bytes.
  @Test func shapesAreJudgedByTheRule() {
    let addresses = ["a@b", "a.b@c.d", "a..b@c.d", "x+tag@sub.example.org", "o'neil@x.ie", "ü@x.de", "\(String(repeating: "a", count: 316))@b.c"]
    let notAddresses = [
      "", "@", "a@", "@b", "a@@b", "a@b@c", "a@.b", "a@b.", "a@b..c", "a b@c", "a\u{7F}@b", "a\u{1F}@b", "<a@b>", "a,b@c",
      "\(String(repeating: "a", count: 317))@b.c",
    ]
    for text in addresses { #expect(EmailAddress(text) != nil, "\(text)") }
    for text in notAddresses { #expect(EmailAddress(text) == nil, "\(text)") }
  }

  @Test func upperCaseASCIIIsLoweredFromTheBytes() throws {
    var text = "Finn.Eriksen@Bench.EXAMPLE"
    let parsed = try text.withUTF8 { try EmailAddress.parse(utf8: UnsafeRawBufferPointer($0)).get() }
    #expect(parsed.rawValue == "finn.eriksen@bench.example")
  }
}
