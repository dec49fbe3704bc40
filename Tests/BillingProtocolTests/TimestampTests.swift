import Testing
@testable import BillingProtocol

@Suite struct TimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp(milliseconds: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: 1_795_996_800_123).rfc3339 == "2026-11-30T00:00:00.123Z")
        #expect(Timestamp(milliseconds: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
    }

    @Test(arguments: [
        ("2026-11-24T10:00:00.000Z", "2026-11-24T10:00:00.000Z"),
        ("2026-11-24T10:00:00Z", "2026-11-24T10:00:00.000Z"),
        ("2026-11-24T12:00:00.5+02:00", "2026-11-24T10:00:00.500Z"),
        ("2026-11-24T05:30:00.123456-04:30", "2026-11-24T10:00:00.123Z"),
        ("2024-02-29t00:00:00z", "2024-02-29T00:00:00.000Z"),
    ])
    func parsesAnyOffset(_ text: String, _ utc: String) throws {
        #expect(try #require(Timestamp(rfc3339: text)).rfc3339 == utc)
    }

    @Test(arguments: ["2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-24 10:00:00Z", "2026-11-24T10:00:00",
                      "2026-11-24T24:00:00Z", "yesterday", "2026-11-24T10:00:00.Z", "2026-11-24T10:00:00+2:00"])
    func rejectsNonRFC3339(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    /// Regression: an offset could move a 4-digit year to year -1 or 10000, which was accepted
    /// and then written back as `00-1-12-31T23:00:00.000Z` or a 5-digit year (not RFC 3339).
    @Test(arguments: ["0000-01-01T00:00:00+01:00", "0000-01-01T00:59:59.999+01:00", "9999-12-31T23:30:00-01:00"])
    func rejectsOffsetsThatLeaveTheFourDigitYears(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test(arguments: ["0000-01-01T00:00:00.000Z", "0000-01-01T01:00:00+01:00", "9999-12-31T23:59:59.999Z", "9999-12-31T22:59:59.999-01:00"])
    func theEdgesOfTheFourDigitYearsRoundTrip(_ text: String) throws {
        let time = try #require(Timestamp(rfc3339: text))
        #expect(Timestamp(rfc3339: time.rfc3339) == time)
        #expect(time.rfc3339.count == "0000-01-01T00:00:00.000Z".count)
    }

    @Test func calendarStepsClampTheDay() throws {
        let jan31 = try #require(Timestamp(rfc3339: "2026-01-31T10:00:00.000Z"))
        #expect(jan31.adding(.month).rfc3339 == "2026-02-28T10:00:00.000Z")
        #expect(try #require(Timestamp(rfc3339: "2024-01-31T00:00:00Z")).adding(.month).rfc3339 == "2024-02-29T00:00:00.000Z")
        #expect(jan31.adding(.month, count: 12).rfc3339 == "2027-01-31T10:00:00.000Z")
        #expect(jan31.adding(.year).rfc3339 == "2027-01-31T10:00:00.000Z")
        #expect(jan31.adding(.week).rfc3339 == "2026-02-07T10:00:00.000Z")
        #expect(jan31.adding(.day).rfc3339 == "2026-02-01T10:00:00.000Z")
        #expect(try #require(Timestamp(rfc3339: "2026-12-15T00:00:00Z")).adding(.month).rfc3339 == "2027-01-15T00:00:00.000Z")
    }
}
