import Foundation

/// A deterministic pseudo-random source (SplitMix64): the same seed always gives the same export.
struct SeededRandom {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) < probability * 1_000_000 }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A generated company: people, groups, memberships and app assignments, as plain values.
struct Company {
  struct Person {
    var index: Int
    var status: String
    var firstName: String
    var lastName: String
    var email: String
    var title: String
    var department: String
    var phone: String
    var assigned: Bool
    var removed = false
    var id: String { "00u" + Company.code(index, length: 17) }
  }

  struct Group {
    var index: Int
    var name: String
    var assigned: Bool
    var id: String { "00g" + Company.code(index, length: 17) }
  }

  var people: [Person] = []
  var groups: [Group] = []
  /// Group indexes per person (about five each).
  var memberships: [[Int]] = []

  static let firstNames = ["Ann", "Bob", "Cara", "Dan", "Eve", "Finn", "Gia", "Hal", "Ida", "Jon", "Kim", "Lou", "Max", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tia"]
  static let lastNames = ["Lee", "Ng", "Diaz", "Fox", "Moss", "Ode", "Park", "Quinn", "Ruiz", "Sato", "Tran", "Vega", "Wu", "Xu", "Yilmaz", "Zhou", "Berg", "Costa", "Dubois", "Eriksen"]
  static let titles = ["Engineer", "Senior Engineer", "Manager", "Designer", "Analyst", "Technician", "Recruiter", "Account Executive"]
  static let departments = ["Engineering", "Sales", "Operations", "Design", "Support", "Finance", "People", "IT"]
  static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

  /// Okta-looking ids: a fixed-width base-62 code.
  static func code(_ value: Int, length: Int) -> String {
    var characters = Array(repeating: Character("0"), count: length)
    var rest = value
    for position in stride(from: length - 1, through: 0, by: -1) {
      characters[position] = digits[rest % 62]
      rest /= 62
    }
    return String(characters)
  }

  static func person(_ index: Int, random: inout SeededRandom) -> Person {
    let first = random.pick(firstNames)
    let last = random.pick(lastNames)
    let roll = random.below(1000)
    let status = roll < 960 ? "ACTIVE" : roll < 975 ? "PROVISIONED" : roll < 985 ? "SUSPENDED" : roll < 990 ? "STAGED" : roll < 995 ? "LOCKED_OUT" : "PASSWORD_EXPIRED"
    return Person(
      index: index, status: status, firstName: first, lastName: last,
      email: "\(first.lowercased()).\(last.lowercased()).\(index)@bench.example", title: random.pick(titles),
      department: random.pick(departments), phone: "+1 555 \(100 + random.below(900)) \(1000 + random.below(9000))",
      assigned: random.chance(0.8))
  }

  /// Day one: `size` people, one group per 50, about five memberships each, ~90% assigned.
  init(size: Int, seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let groupCount = max(1, size / 50)
    people = (0..<size).map { Company.person($0, random: &random) }
    groups = (0..<groupCount).map { Group(index: $0, name: "Team \($0)", assigned: random.chance(0.5)) }
    memberships = (0..<size).map { _ in
      var set = Set<Int>()
      while set.count < min(5, groupCount) { set.insert(random.below(groupCount)) }
      return set.sorted()
    }
  }

  /// The next day, with `churn` of the people touched in each way an HR system touches them.
  func nextDay(churn: Double, seed: UInt64) -> Company {
    var next = self
    var random = SeededRandom(seed: seed &+ 1)
    let touched = max(1, Int(Double(people.count) * churn))
    for _ in 0..<touched {
      let index = random.below(people.count)
      switch random.below(8) {
      case 0: next.people[index].title = random.pick(Company.titles) + " II"  // profile change
      case 1: next.people[index].email = "renamed.\(index)@bench.example"  // email change
      case 2: next.people[index].status = "SUSPENDED"
      case 3: next.people[index].removed = true  // deactivated in Okta: gone from the listing
      case 4: next.people[index].assigned = false
      case 5: next.people[index].status = "ACTIVE"; next.people[index].assigned = true  // reactivation
      case 6: next.memberships[index] = [random.below(groups.count)]  // membership move
      default: next.people[index].department = random.pick(Company.departments)
      }
    }
    for offset in 0..<touched {  // new hires
      next.people.append(Company.person(people.count + offset, random: &random))
      next.memberships.append(Array(Set([random.below(groups.count), random.below(groups.count)])).sorted())
    }
    for _ in 0..<max(1, Int(Double(groups.count) * churn)) {  // group renames
      let index = random.below(groups.count)
      next.groups[index].name += " (renamed)"
    }
    return next
  }
}
