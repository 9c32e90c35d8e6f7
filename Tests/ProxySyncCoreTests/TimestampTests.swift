import ProxySyncCore
import Testing

@Suite struct TimestampTests {
  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"), (1_800_000_000, "2027-01-15T08:00:00Z"),
    (1_764_554_400, "2025-12-01T02:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
  ])
  func timestampsAreISO8601InUTC(seconds: Int64, text: String) {
    #expect(Timestamp.iso8601(secondsSince1970: seconds) == text)
  }
}
