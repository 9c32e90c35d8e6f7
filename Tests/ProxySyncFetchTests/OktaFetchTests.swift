import Foundation
import ProxySyncCore
import ProxySyncFetch
import ProxySyncReaders
import TestSupport
import Testing

/// A clock that moves only when the fetch sleeps: waits are recorded, never slept.
final class FakeTime: @unchecked Sendable {
  private let lock = NSLock()
  private var now = Date(timeIntervalSince1970: 1_800_000_000)
  private(set) var waits: [Double] = []

  func clock() -> Date { lock.withLock { now } }
  func sleep(_ seconds: Double) {
    lock.withLock {
      waits.append(seconds)
      now = now.addingTimeInterval(seconds)
    }
  }
  var slept: [Double] { lock.withLock { waits } }
}

@Suite struct OktaFetchTests {
  struct Fetched {
    var result: Result<OktaFetch.Summary, FetchError>
    var out: String
    var time: FakeTime
  }

  /// Fetches `okta` into `DIRECTORY/export` with a fake clock.
  func fetch(
    _ okta: FakeOkta, into directory: TemporaryDirectory, replace: Bool = false, maxWait: Double = 600,
    settings change: (inout OktaClient.Settings) -> Void = { _ in }
  ) throws -> Fetched {
    let out = directory.file("export")
    let time = FakeTime()
    var settings = OktaClient.Settings()
    settings.maxWait = maxWait
    change(&settings)
    let client = OktaClient(org: try OktaURL(okta.url), token: FakeOkta.token, settings: settings, sleep: time.sleep, clock: time.clock)
    let writer = try ExportFolderWriter(destination: out, replace: replace)
    let request = OktaFetch.Request(org: try OktaURL(okta.url), appID: okta.appID, parallel: 4, startedAt: Date(timeIntervalSince1970: 1_800_000_000))
    do throws(FetchError) {
      let summary = try OktaFetch.run(request, client: client, writer: writer)
      try writer.commit()
      return Fetched(result: .success(summary), out: out, time: time)
    } catch {
      writer.abandon()
      return Fetched(result: .failure(error), out: out, time: time)
    }
  }

  func plan(_ folder: String) throws -> String {
    let read = ExportReader.read(folder: folder)
    let snapshot = try #require(read.snapshot, "\(read.diagnostics.rendered())")
    #expect(read.diagnostics.errors.isEmpty)
    return makePlan(desired: snapshot, current: StoreSnapshot()).json(organization: "acme").rendered()
  }

  @Test func aFetchedExportPlansExactlyAsTheSameOrgExportedByHand() throws {
    let okta = try FakeOkta()
    let directory = TemporaryDirectory()
    let fetched = try fetch(okta, into: directory)
    let summary = try fetched.result.get()
    #expect(summary.users + summary.deprovisioned == okta.users.count)
    #expect(summary.deprovisioned == okta.users.filter { $0.status == "DEPROVISIONED" }.count)
    #expect(summary.memberListings == 6)  // every group but the built-in Everyone, which assigns nothing
    try okta.writeHandMadeExport(to: directory.file("by-hand"))
    let fetchedPlan = try plan(fetched.out)
    #expect(fetchedPlan == (try plan(directory.file("by-hand"))))
    #expect(fetchedPlan.contains("createUser"))
    // Several pages per listing, followed by their Link headers; only GET requests.
    let pages = try FileManager.default.contentsOfDirectory(atPath: "\(fetched.out)/users").sorted()
    #expect(pages.filter { $0.hasPrefix("page-") }.count == Int((Double(summary.users) / 37).rounded(.up)))
    #expect(okta.requests.allSatisfy { $0.method == "GET" })
    #expect(!FileManager.default.fileExists(atPath: "\(fetched.out)/group-push-mappings.json"))
    let manifest = try String(contentsOfFile: "\(fetched.out)/manifest.json", encoding: .utf8)
    #expect(manifest.contains(#""appId":"0oaProxyApp000000001""#) && manifest.contains(#""oktaOrg":"127.0.0.1""#))
    #expect(manifest.contains(#""exportedAt":"2027-01-15T08:00:00Z""#))
  }

  @Test func aRateLimitIsWaitedOutUntilItsResetAndAServerErrorTriedAgain() throws {
    let okta = try FakeOkta(people: 60)
    okta.queue(.status(429, summary: "API call exceeded rate limit due to too many requests.", resetIn: 7), for: "/api/v1/groups")
    okta.queue(.status(500), for: "/api/v1/apps/\(okta.appID)/users")
    let fetched = try fetch(okta, into: TemporaryDirectory())
    _ = try fetched.result.get()
    // Until Okta's reset (by its Date header), plus a second; then 1 s before the retry.
    #expect(fetched.time.slept.contains { (7.0...9.0).contains($0) }, "\(fetched.time.slept)")
    #expect(fetched.time.slept.contains(1))
    #expect(okta.requests.filter { $0.path == "/api/v1/groups" }.count == 2)
  }

  @Test func aRateLimitResettingLaterThanMaxWaitFailsTheFetch() throws {
    let okta = try FakeOkta(people: 10)
    okta.queue(.status(429, summary: "rate limit", resetIn: 900), for: "/api/v1/groups")
    let fetched = try fetch(okta, into: TemporaryDirectory(), maxWait: 60)
    guard case .failure(let error) = fetched.result else { return #expect(Bool(false)) }
    #expect(error.message.hasPrefix("/api/v1/groups: Okta's rate limit is spent and resets in 90"), "\(error.message)")
    #expect(error.message.hasSuffix("more than --max-wait 60 allows"))
  }

  @Test func aListingThatFailsForGoodFailsTheFetchLeavingNothingAndTheOldExportUntouched() throws {
    let okta = try FakeOkta(people: 80)
    let directory = TemporaryDirectory()
    directory.write("export/users.json", "[]")
    okta.fail("/api/v1/groups/\(okta.groupIDs[3])/users", status: 403, summary: "You do not have permission to perform the requested action")
    let fetched = try fetch(okta, into: directory, replace: true)
    guard case .failure(let error) = fetched.result else { return #expect(Bool(false)) }
    #expect(error.message == "/api/v1/groups/\(okta.groupIDs[3])/users: HTTP 403: You do not have permission to perform the requested action (E0000006)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: fetched.out) == ["users.json"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["export"])
  }

  @Test func serverErrorsPastTheRetriesFailTheFetch() throws {
    let okta = try FakeOkta(people: 10)
    for _ in 0..<6 { okta.queue(.status(503, summary: "Service unavailable"), for: "/api/v1/groups") }
    let fetched = try fetch(okta, into: TemporaryDirectory())
    guard case .failure(let error) = fetched.result else { return #expect(Bool(false)) }
    #expect(error.message == "/api/v1/groups: HTTP 503, 6 times; giving up")
    #expect(fetched.time.slept.filter { $0 >= 1 }.prefix(5) == [1, 2, 4, 8, 16])
    #expect(!FileManager.default.fileExists(atPath: fetched.out))
  }

  @Test func groupPushMappingsAreWrittenOnlyWhenTheAppHasSomeAndNarrowTheMemberListings() throws {
    let okta = try FakeOkta(people: 40)
    okta.mappings = [(okta.groupIDs[2], "ACTIVE"), (okta.groupIDs[3], "INACTIVE")]
    let directory = TemporaryDirectory()
    let fetched = try fetch(okta, into: directory)
    let summary = try fetched.result.get()
    #expect(summary.hasPushMappings)
    // Sales (mapped ACTIVE) and Engineering (assigns the app); nothing else can matter.
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(fetched.out)/group-members").sorted() == [okta.groupIDs[1], okta.groupIDs[2]])
    try okta.writeHandMadeExport(to: directory.file("by-hand"))
    #expect(try plan(fetched.out) == (try plan(directory.file("by-hand"))))
  }

  @Test func anExistingExportIsRefusedWithoutReplaceAndSwappedOnlyWhenTheNewOneIsComplete() throws {
    let okta = try FakeOkta(people: 10)
    let directory = TemporaryDirectory()
    directory.write("export/users.json", "[]")
    #expect(throws: FetchError.self) { try ExportFolderWriter(destination: directory.file("export"), replace: false) }
    let fetched = try fetch(okta, into: directory, replace: true)
    _ = try fetched.result.get()
    #expect(!FileManager.default.fileExists(atPath: "\(fetched.out)/users.json"))
    #expect(FileManager.default.fileExists(atPath: "\(fetched.out)/manifest.json"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["export"])
  }

  @Test func aPartialFolderLeftByAKilledFetchIsRemovedByTheNextOne() throws {
    let directory = TemporaryDirectory()
    // A pid that cannot be running: the kernel's maximum is far below it.
    directory.write(".export.partial-2147483000-a1B2c3/users/page-000001.json", "[]")
    let okta = try FakeOkta(people: 5)
    _ = try fetch(okta, into: directory).result.get()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["export"])
  }

  /// The old scheme's name (`.NAME.partial-PID`) could be planted, with a file readable by all
  /// waiting inside for the users page.
  @Test func aPlantedPartialFolderIsNeitherUsedNorRemoved() throws {
    let directory = TemporaryDirectory()
    let planted = ".export.partial-\(getpid())"
    let trap = directory.write("\(planted)/users/page-000001.json", "")
    chmod(directory.file(planted), 0o777)
    chmod(trap, 0o666)
    let okta = try FakeOkta(people: 5)
    let fetched = try fetch(okta, into: directory)
    _ = try fetched.result.get()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [planted, "export"])
    #expect(FileManager.default.contents(atPath: trap) == Data())
    #expect(FileManager.default.fileExists(atPath: "\(fetched.out)/users/page-000001.json"))
  }

  @Test func aLinkPlantedAtTheDestinationIsRefusedEvenWithReplace() throws {
    let directory = TemporaryDirectory()
    let elsewhere = directory.file("elsewhere")
    directory.write("elsewhere/keep.txt", "mine")
    #expect(symlink(elsewhere, directory.file("export")) == 0)
    #expect(throws: FetchError.self) { try ExportFolderWriter(destination: directory.file("export"), replace: true) }
    #expect(FileManager.default.contents(atPath: "\(elsewhere)/keep.txt") == Data("mine".utf8))
  }
}
