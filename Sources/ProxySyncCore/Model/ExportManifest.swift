/// What an export says about where it came from (`manifest.json`).
package struct ExportManifest: Hashable, Sendable {
  /// The Okta org's domain, e.g. `acme.okta.com`.
  package var oktaOrg: String
  /// The Proxy app's id in that Okta org.
  package var appID: String
  /// When the export was taken, ISO 8601 in UTC (compared as text, so it must be normalised).
  package var exportedAt: String

  package init(oktaOrg: String, appID: String, exportedAt: String) {
    self.oktaOrg = oktaOrg
    self.appID = appID
    self.exportedAt = exportedAt
  }
}

/// The Okta tenant an organization is bound to, and the newest export it applied.
package struct TenantBinding: Hashable, Sendable {
  package var oktaOrg: String?
  package var appID: String?
  package var lastExportedAt: String?

  package init(oktaOrg: String? = nil, appID: String? = nil, lastExportedAt: String? = nil) {
    self.oktaOrg = oktaOrg
    self.appID = appID
    self.lastExportedAt = lastExportedAt
  }
}

/// The verdict on an export's manifest, before anything is read from the store's people.
package enum ManifestVerdict: Equatable, Sendable {
  /// Proceed; `binds` when this run binds the organization to the manifest's tenant.
  case accept(binds: Bool)
  /// Proceed, but say that the checks were skipped.
  case warn(String)
  /// Refuse the run.
  case refuse(String)
}

extension ManifestVerdict {
  /// The rules: an export fed to the wrong company must never deactivate anyone, and an export
  /// older than the last applied one must not roll the directory back.
  package static func judge(
    _ manifest: ExportManifest?, binding: TenantBinding, requireManifest: Bool, force: Bool
  ) -> ManifestVerdict {
    guard let manifest else {
      return requireManifest
        ? .refuse("the export has no manifest.json and the configuration requires one")
        : .warn("the export has no manifest.json: the tenant and freshness checks were skipped")
    }
    if let bound = binding.oktaOrg, bound != manifest.oktaOrg {
      return .refuse("the export comes from Okta org \"\(manifest.oktaOrg)\" but this organization is bound to \"\(bound)\"; check --source and --org")
    }
    if let bound = binding.appID, bound != manifest.appID {
      return .refuse("the export is for app \"\(manifest.appID)\" but this organization is bound to app \"\(bound)\"; check --source and --org")
    }
    if let last = binding.lastExportedAt, manifest.exportedAt < last, !force {
      return .refuse("the export was taken at \(manifest.exportedAt), before the last one applied (\(last)); it is stale. Use --force to apply it anyway")
    }
    return .accept(binds: binding.oktaOrg == nil)
  }
}
