import Dispatch
import ProxySyncCore

/// Saved-plan format 2 (see `SavedPlan.writeLines`), read a line at a time: the plan is built
/// as lines are read, and the file's pages are handed back behind the reader.
enum PlanLines {
  static func isFormatTwo(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let prefix = #"{"formatVersion":2,"#.utf8
    return bytes.count >= prefix.count && zip(bytes, prefix).allSatisfy { $0 == $1 }
  }

  /// A plan file of an older format (1: one pretty-printed document, never signed).
  static func isOlderFormat(_ bytes: UnsafeRawBufferPointer) -> Bool {
    String(decoding: bytes.prefix(4_096), as: UTF8.self).contains("\"\(SavedPlan.kind)\"")
  }

  /// - Parameters:
  ///   - seal: what the last line must hold: a signature for files, a checksum for texts the
  ///     store keeps.
  ///   - release: told the offset before which bytes will not be read again.
  static func read(
    _ bytes: UnsafeRawBufferPointer, name: String, seal: PlanSeal, release: (Int) -> Void
  ) throws(ProxySyncError) -> SavedPlan {
    // The seal is the last line; everything before it is hashed on another core while the
    // lines are read here.
    var last = bytes.count
    if last > 0, bytes[last - 1] == 0x0A { last -= 1 }
    let body = (bytes[..<last].lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0
    let digest = BackgroundDigest(UnsafeRawBufferPointer(rebasing: bytes[..<body]), seal: seal)
    let sealLine = try? JSONTree.parse(UnsafeRawBufferPointer(rebasing: bytes[body...]), line: 0)
    let stated = sealLine?[seal.field]?.string

    var builder = PlanLineBuilder()
    var header: JSONTree?
    /// The first line that could not be read: reported only if the checksum holds (else the
    /// file was damaged, and that is what to say).
    var problem: String?
    var offset = 0
    var lineNumber = 0
    while offset < body, problem == nil {
      lineNumber += 1
      let end = bytes[offset..<body].firstIndex(of: 0x0A) ?? body
      let line = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
      offset = end + 1
      release(offset)
      do {
        if header == nil {
          header = try JSONTree.parse(line, line: lineNumber)
        } else if let refusal = try builder.add(line, lineNumber: lineNumber) {
          problem = "line \(lineNumber): \(refusal)"
        }
      } catch {
        problem = "line \(lineNumber): \(error.message)"
      }
    }
    // Always waited for: the other thread reads bytes that are gone once this returns.
    let actual = digest.wait()
    if stated == nil, case .signature = seal, sealLine?["checksum"]?.string != nil { throw SavedPlanReader.unsigned(name) }
    guard let stated, stated == actual else { throw SavedPlanReader.edited(name, seal) }
    if let problem { throw ProxySyncError(.stalePlan, "\(name): \(problem); make a new plan") }
    guard let header, header["kind"]?.string == SavedPlan.kind, let organization = header["organization"]?.string,
      let revision = header["revision"]?.int, let command = header["command"]?.string
    else {
      throw ProxySyncError(.stalePlan, "\(name) is not a proxysync plan file (format 2)")
    }
    let plan = builder.finish(guardCheck: SavedOperation.guardCheck(header["guard"]))
    guard plan.operations.count == header["changes"]?.int else {
      throw ProxySyncError(.stalePlan, "\(name) holds \(plan.operations.count) operations but says \(header["changes"]?.int ?? 0); make a new plan")
    }
    return SavedPlan(
      organization: organization, revision: Int64(revision), createdAt: header["createdAt"]?.string ?? "",
      source: header["source"]?.string ?? "", manifest: SavedOperation.manifest(header["manifest"]), plan: plan,
      checksum: stated, command: command)
  }
}

/// The seal of some bytes, worked out on another thread; the bytes must stay valid until
/// `wait` has returned, and `wait` must be called.
private final class BackgroundDigest: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var digest = ""
  private let bytes: UnsafeRawBufferPointer

  init(_ bytes: UnsafeRawBufferPointer, seal: PlanSeal) {
    self.bytes = bytes
    DispatchQueue.global().async { [self] in
      var hasher = seal.makeHasher()
      hasher.update(self.bytes)
      digest = hasher.finalize()
      done.signal()
    }
  }

  func wait() -> String {
    done.wait()
    return digest
  }
}

/// Collects a format 2 plan's operations in plan order, refusing lines out of order.
struct PlanLineBuilder {
  private var leading: [Operation] = []
  private var trailing: [Operation] = []
  private var memberships = MembershipChanges()
  private var groups: [GroupRef: UInt32] = [:]
  /// Each person the memberships name, once: by Okta id, or by email when not linked.
  private var people: [String: UInt32] = [:]
  private var lastKind = OperationKind.createGroup

  /// Adds one line's operations; what is wrong with it otherwise.
  mutating func add(_ bytes: UnsafeRawBufferPointer, lineNumber: Int) throws(JSONSyntaxError) -> String? {
    let line = try JSONTree.parse(bytes, line: lineNumber)
    guard let kind = line["op"]?.string.flatMap(OperationKind.init(rawValue:)) else { return "not an operation" }
    guard kind >= lastKind else { return "\(kind.rawValue) after \(lastKind.rawValue): the operations are out of order" }
    lastKind = kind
    if kind == .addMember || kind == .removeMember { return addMembers(line, kind) }
    guard let operation = SavedOperation.decode(line) else { return "a \(kind.rawValue) that cannot be read" }
    if kind < .addMember { leading.append(operation) } else { trailing.append(operation) }
    return nil
  }

  private mutating func addMembers(_ line: JSONTree, _ kind: OperationKind) -> String? {
    guard let id = line["groupId"]?.string, let name = line["groupName"]?.string, let members = line["members"]?.array else {
      return "a \(kind.rawValue) without its group or members"
    }
    let group = GroupRef(groupID: OktaGroupID(id), name: name)
    let groupIndex = groups[group] ?? memberships.add(group)
    groups[group] = groupIndex
    for member in members {
      guard let pair = member.array, pair.count == 2, let emailText = pair[1].string, pair[0].isNull || pair[0].string != nil else {
        return "a member that is not [userId, email]"
      }
      let userID = pair[0].string
      let key = userID ?? emailText
      let personIndex: UInt32
      if let known = people[key], memberships.people[Int(known)].email.rawValue == emailText,
        memberships.people[Int(known)].userID?.rawValue == userID
      {
        personIndex = known
      } else {
        guard let email = EmailAddress(emailText) else { return "a member whose email is not an address" }
        personIndex = memberships.add(UserRef(userID: userID.map(OktaUserID.init), email: email))
        people[key] = personIndex
      }
      memberships.append(kind, group: groupIndex, person: personIndex)
    }
    return nil
  }

  consuming func finish(guardCheck: GuardCheck) -> Plan {
    Plan(
      ordered: PlanOperations(leading: leading, memberships: memberships, trailing: trailing), skipped: [],
      orphanedGroups: [], guardCheck: guardCheck)
  }
}
