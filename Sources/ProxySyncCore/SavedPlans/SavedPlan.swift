/// A plan written to a file for review now and `apply` later, with what it was computed against.
package struct SavedPlan: Sendable {
  package var organization: String
  /// The organization's revision when planned: `apply` refuses if it moved since.
  package var revision: Int64
  package var createdAt: String
  package var source: String
  package var manifest: ExportManifest?
  package var plan: Plan
  /// The file's seal (`PlanSeal`): its signature, or for a text the store keeps its SHA-256.
  /// Also what names the plan once applied, so it is never applied twice.
  package var checksum: String
  /// The command whose plan this is: `sync`, or `import` (additive: no deactivations).
  package var command: String

  package init(
    organization: String, revision: Int64, createdAt: String, source: String, manifest: ExportManifest?, plan: Plan,
    checksum: String = "", command: String = "sync"
  ) {
    self.command = command
    self.organization = organization
    self.revision = revision
    self.createdAt = createdAt
    self.source = source
    self.manifest = manifest
    self.plan = plan
    self.checksum = checksum
  }

  package static let kind = "proxysync-saved-plan"
}
