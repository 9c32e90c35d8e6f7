import ProxySyncCore
import TestSupport
import Testing

@Suite struct RenderingSafetyTests {
  let hostile = "\u{1B}[31mEvil\u{1B}[0m\u{7}"

  @Test func textPlanShowsControlCharactersEscapedNeverRaw() {
    let plan = makePlan(desired: .directory { $0.user("ann", firstName: hostile) }, current: .store { _ in })
    let text = plan.text(organization: "acme\u{1B}]0;pwned\u{7}")
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(text.contains(#""\e[31mEvil\e[0m\u{7} Example""#))
  }

  @Test(arguments: [
    ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
    ("+1 415 555 0101", "'+1 415 555 0101"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("plain, with comma", "\"plain, with comma\""), ("Ann", "Ann"),
  ])
  func csvCellsNeutraliseFormulasAndQuote(value: String, cell: String) {
    #expect(CSVCell.escape(value) == cell)
  }

  @Test func csvPlanHasOneRowPerChangedFieldAndPerSkip() {
    let plan = makePlan(
      desired: .directory { $0.user("ann", firstName: "=cmd", title: "CTO"); $0.user("bob", status: .suspended) },
      current: .store { $0.person("ann"); $0.person("bob", status: .pending) })
    #expect(plan.csv() == """
      op,userId,groupId,email,name,field,old,new,cause,reason\r
      updateUser,00u-ann,,ann@example.com,,firstName,Ann,'=cmd,,\r
      updateUser,00u-ann,,ann@example.com,,title,,CTO,,\r
      deactivateUser,00u-bob,,bob@example.com,,,,,suspended,pending\r

      """)
  }

  /// What a terminal would act on is escaped at every edge of printable ASCII (the common case
  /// is passed whole after a check of its bytes) and beyond it; everything else is left as it is.
  @Test func terminalEscapingCatchesEveryControlAndOverrideAndLeavesTheRest() {
    #expect("Ann O'Neil ~ {x}".escapingControlCharacters() == "Ann O'Neil ~ {x}")
    #expect("ñ東é".escapingControlCharacters() == "ñ東é")
    #expect("a\u{1F}b".escapingControlCharacters() == "a\\u{1F}b")
    #expect("a\u{7F}b".escapingControlCharacters() == "a\\u{7F}b")
    #expect("é\u{9B}31m".escapingControlCharacters() == "é\\u{9B}31m")
    #expect("abc\u{202E}def".escapingControlCharacters() == "abc\\u{202E}def")
    #expect("a\tb\u{1B}".escapingControlCharacters() == "a\\tb\\e")
  }

  @Test func jsonEscapesEveryControlCharacter() {
    #expect(JSONValue.string("a\u{1B}b\u{0}\"\\\n").rendered() == #""a\u001bb\u0000\"\\\n""#)
  }
}

@Suite struct DiagnosticRenderingTests {
  @Test func floodIsCutAfterFiftyWithACount() {
    let diagnostics = (1...60).map { (index: Int) in Diagnostic.error("users.json", line: index, "bad \(index)") }
    let lines = diagnostics.rendered().split(separator: "\n")
    #expect(lines.count == 51)
    #expect(lines[49] == "users.json:50: error: bad 50")
    #expect(lines[50] == "… and 10 more")
  }

  @Test func fileLevelProblemsHaveNoLine() {
    #expect(Diagnostic.error("users.json", "missing file").description == "users.json: error: missing file")
  }
}
