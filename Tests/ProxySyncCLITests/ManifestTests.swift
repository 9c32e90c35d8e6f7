import Foundation
import TestSupport
import Testing

@Suite struct ManifestCLITests {
  /// Day 2 of the samples with a manifest of our choosing.
  func export(_ cli: CLIHarness, _ name: String, manifest: String?) -> String {
    let folder = cli.directory.url.appendingPathComponent(name).path
    try? FileManager.default.copyItem(atPath: "\(CLIHarness.samples)/day2", toPath: folder)
    try? FileManager.default.removeItem(atPath: "\(folder)/manifest.json")
    if let manifest { cli.directory.write("\(name)/manifest.json", manifest) }
    return folder
  }

  func manifest(org: String = "acme.okta.com", app: String = "0oa1proxyapp9xYz4d7", at time: String) -> String {
    #"{"oktaOrg": "\#(org)", "appId": "\#(app)", "exportedAt": "\#(time)"}"#
  }

  @Test func exportFromAnotherTenantIsRefusedAndTouchesNobody() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let people = cli.run("people", "list", "--format", "json").out
    let wrong = cli.run("sync", "--source", export(cli, "wrong", manifest: manifest(org: "globex.okta.com", at: "2026-11-30T02:00:00Z")))
    #expect(wrong.status == 4)
    #expect(wrong.err.contains(#"comes from Okta org "globex.okta.com" but this organization is bound to "acme.okta.com""#))
    #expect(cli.run("people", "list", "--format", "json").out == people)
    #expect(cli.run("plan", "--source", export(cli, "wrong-plan", manifest: manifest(org: "globex.okta.com", at: "2026-11-30T02:00:00Z"))).status == 4)
  }

  @Test func staleExportIsRefusedUnlessForced() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let stale = export(cli, "stale", manifest: manifest(at: "2026-11-01T02:00:00Z"))
    let refused = cli.run("sync", "--source", stale)
    #expect(refused.status == 4)
    #expect(refused.err.contains("it is stale"))
    #expect(cli.run("sync", "--source", stale, "--force").status == 0)
  }

  @Test func missingManifestWarnsAndCanBeRequired() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let bare = export(cli, "bare", manifest: nil)
    #expect(cli.run("plan", "--source", bare).err.contains("warning: the export has no manifest.json"))
    #expect(cli.run("sync", "--source", bare, "--require-manifest").status == 4)
  }

  @Test func brokenManifestIsInvalidInput() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    let result = cli.run("sync", "--source", export(cli, "broken", manifest: #"{"oktaOrg": "acme.okta.com", "exportedAt": "yesterday"}"#))
    #expect(result.status == 1)
    #expect(result.err.contains(#"manifest.json: error: missing or empty "appId""#))
  }

  @Test func runRecordsTheManifest() {
    let cli = CLIHarness()
    cli.prepareSampleCompany()
    #expect(cli.run("runs", "show", "run-5").out.contains("manifest: acme.okta.com app 0oa1proxyapp9xYz4d7 exported 2026-11-27T02:00:00Z"))
  }
}
