import Foundation
import TestSupport
import Testing

/// The same export as JSON, CSV, NDJSON or pages must give the identical plan.
@Suite struct ExportShapeTests {
  static let samples = repositoryRoot.appendingPathComponent("samples").path

  @Test(arguments: ["okta-csv", "okta-ndjson", "okta-paged", "okta-api"])
  func everyShapeGivesTheSamePlanAsJSON(shape: String) {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let json = cli.run("plan", "--source", "\(Self.samples)/okta-json/day2", "--format", "json")
    let other = cli.run("plan", "--source", "\(Self.samples)/\(shape)/day2", "--format", "json")
    #expect(json.status == 0 && other.status == 0, "\(other.err)")
    #expect(other.out == json.out)
    #expect(json.out.contains("\"changes\": 19"))
  }

  @Test(arguments: ["okta-csv", "okta-ndjson"])
  func everyDayOfEveryShapeSyncsLikeJSON(shape: String) {
    let viaJSON = CLIHarness()
    let viaOther = CLIHarness()
    for (cli, folder) in [(viaJSON, "okta-json"), (viaOther, shape)] {
      cli.run("org", "create", "acme")
      cli.environment["PROXYSYNC_ORG"] = "acme"
      for day in ["day1", "day2", "day3"] {
        #expect(cli.run("sync", "--source", "\(Self.samples)/\(folder)/\(day)", "--force").status == 0)
      }
    }
    #expect(viaOther.run("people", "list", "--format", "json").out == viaJSON.run("people", "list", "--format", "json").out)
    #expect(viaOther.run("groups", "list", "--format", "json").out == viaJSON.run("groups", "list", "--format", "json").out)
  }
}
