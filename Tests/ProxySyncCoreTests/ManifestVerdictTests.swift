import ProxySyncCore
import Testing

@Suite struct ManifestVerdictTests {
  let manifest = ExportManifest(oktaOrg: "acme.okta.com", appID: "0oa1", exportedAt: "2026-11-28T02:00:00Z")

  @Test func firstManifestBindsTheOrganization() {
    #expect(ManifestVerdict.judge(manifest, binding: TenantBinding(), requireManifest: false, force: false) == .accept(binds: true))
  }

  @Test func sameTenantAndNewerExportIsAccepted() {
    let binding = TenantBinding(oktaOrg: "acme.okta.com", appID: "0oa1", lastExportedAt: "2026-11-27T02:00:00Z")
    #expect(ManifestVerdict.judge(manifest, binding: binding, requireManifest: false, force: false) == .accept(binds: false))
  }

  @Test func anotherOktaOrgOrAppIsRefusedEvenWithForce() {
    for binding in [TenantBinding(oktaOrg: "globex.okta.com", appID: "0oa1"), TenantBinding(oktaOrg: "acme.okta.com", appID: "0oa9")] {
      guard case .refuse = ManifestVerdict.judge(manifest, binding: binding, requireManifest: false, force: true) else {
        Issue.record("expected a refusal for \(binding)")
        continue
      }
    }
  }

  @Test func olderExportIsStaleUnlessForced() {
    let binding = TenantBinding(oktaOrg: "acme.okta.com", appID: "0oa1", lastExportedAt: "2026-11-29T02:00:00Z")
    #expect(ManifestVerdict.judge(manifest, binding: binding, requireManifest: false, force: false)
      == .refuse("the export was taken at 2026-11-28T02:00:00Z, before the last one applied (2026-11-29T02:00:00Z); it is stale. Use --force to apply it anyway"))
    #expect(ManifestVerdict.judge(manifest, binding: binding, requireManifest: false, force: true) == .accept(binds: false))
  }

  @Test func missingManifestWarnsOrIsRefusedWhenRequired() {
    #expect(ManifestVerdict.judge(nil, binding: TenantBinding(), requireManifest: false, force: false)
      == .warn("the export has no manifest.json: the tenant and freshness checks were skipped"))
    guard case .refuse = ManifestVerdict.judge(nil, binding: TenantBinding(), requireManifest: true, force: true) else {
      Issue.record("a required manifest must be refused when missing")
      return
    }
  }
}
