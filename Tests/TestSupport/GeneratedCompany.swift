import Foundation

/// A company of `people` generated from a seed, as two nights of Okta export (flat JSON files):
/// the second night moves some people (titles, names, emails), lets some leave and others join,
/// renames a group and reshuffles memberships. The same seed gives the same files.
package struct GeneratedCompany {
  package let people: Int
  package let seed: UInt64

  package init(people: Int, seed: UInt64 = 42) {
    self.people = people
    self.seed = seed
  }

  /// Writes `night` (1 or 2) into `folder`.
  package func write(night: Int, to folder: String) throws {
    var random = SplitMix(seed: seed)
    let groups = max(4, people / 250)
    var users: [String] = []
    var members: [String] = []
    var assigned: [String] = []
    for index in 0..<(people + people / 50) {
      // Every draw first: the nights must see the same numbers for the same person.
      let joinsTonight = index >= people
      let roll = random.next() % 1_000
      let home = Int(random.next() % UInt64(groups))
      if joinsTonight && night == 1 { continue }
      if night == 2 && roll < 10 { continue }  // left: no longer exported
      let id = String(format: "00u%017d", index)
      let moved = night == 2 && roll >= 10 && roll < 30
      let status = roll % 97 == 0 ? "SUSPENDED" : roll % 89 == 0 ? "PROVISIONED" : "ACTIVE"
      let email = moved && roll % 3 == 0 ? "p\(index).moved@example.com" : "p\(index)@example.com"
      let title = moved ? "Senior \(["Engineer", "Analyst", "Designer"][Int(roll % 3)])" : ["Engineer", "Analyst", "Designer"][Int(roll % 3)]
      users.append(#"{"id":"\#(id)","status":"\#(status)","profile":{"login":"\#(email)","email":"\#(email)","firstName":"Person\#(index)","lastName":"\#(moved && roll % 5 == 0 ? "Newname" : "Example")","title":"\#(title)","department":"Dept\#(index % 17)"}}"#)
      if roll % 7 != 0 { assigned.append(#"{"id":"\#(id)"}"#) }
      let shuffled = night == 2 && roll % 11 == 0 ? (home + 1) % groups : home
      members.append(#"{"groupId":"\#(groupID(shuffled))","userId":"\#(id)"}"#)
      if roll % 4 == 0 { members.append(#"{"groupId":"\#(groupID((home + 2) % groups))","userId":"\#(id)"}"#) }
    }
    let groupRecords = (0..<groups).map { index in
      let name = night == 2 && index == 1 ? "Team 1 (renamed)" : "Team \(index)"
      return #"{"id":"\#(groupID(index))","type":"OKTA_GROUP","profile":{"name":"\#(name)","description":"Group \#(index)"}}"#
    }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for (name, records) in [("users", users), ("groups", groupRecords), ("group-members", members), ("app-users", assigned), ("app-groups", [])] {
      try Data(("[" + records.joined(separator: ",\n") + "]\n").utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).json"))
    }
  }

  private func groupID(_ index: Int) -> String { String(format: "00g%017d", index) }
}

/// A small, fast, seedable generator (SplitMix64).
package struct SplitMix {
  private var state: UInt64
  package init(seed: UInt64) { state = seed }
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
