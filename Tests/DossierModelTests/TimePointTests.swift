import Testing
@testable import DossierModel

@Suite struct TimePointTests {
    @Test func parsesEachPrecisionAndKeepsIt() throws {
        let cases: [(String, TimePrecision, String)] = [
            ("2019", .year, "2019"),
            ("2019-05", .month, "2019-05"),
            ("2019-05-03", .day, "2019-05-03"),
            ("2019-05-03T10:20", .minute, "2019-05-03T10:20Z"),
            ("2019-05-03T10:20:30Z", .second, "2019-05-03T10:20:30Z"),
            ("2019-05-03 10:20:30+02:00", .second, "2019-05-03T10:20:30+02:00"),
            ("2019-05-03T10:20:30.250-0530", .microsecond, "2019-05-03T10:20:30.250000-05:30"),
            ("20190503", .day, "2019-05-03"),
        ]
        for (text, precision, formatted) in cases {
            let t = try #require(TimePoint.parse(text), "\(text)")
            #expect(t.precision == precision, "\(text)")
            #expect(t.description == formatted, "\(text)")
        }
    }

    @Test func storesUTCAndKeepsOriginalOffset() throws {
        let t = try #require(TimePoint.parse("2024-01-15T10:00:00+02:00"))
        #expect(t.utcMicros == 1_705_305_600_000_000)
        #expect(t.offsetMinutes == 120)
        #expect(t.utcISO8601 == "2024-01-15T08:00:00Z")
    }

    @Test func aYearIsNotItsFirstSecond() throws {
        let year = try #require(TimePoint.parse("2019"))
        let instant = try #require(TimePoint.parse("2019-01-01T00:00:00Z"))
        #expect(year != instant)
        #expect(year.interval.lowerBound == instant.utcMicros)
        #expect(year.interval.upperBound == TimePoint.parse("2019-12-31T23:59:59.999999Z")!.utcMicros)
        let leapFebruary = try #require(TimePoint.parse("2024-02"))
        #expect(leapFebruary.interval.upperBound - leapFebruary.interval.lowerBound + 1 == 29 * 86_400_000_000)
    }

    @Test func rejectsImpossibleTimes() {
        for bad in ["", "19", "2019-13", "2019-02-30", "2023-02-29", "2019-05-03T25:00", "2019-05-03T10:61",
                    "2019-05-03T10:20:30+19:00", "2019-05-03T10:20:30 junk", "2019-5-3", "abcd"] {
            #expect(TimePoint.parse(bad) == nil, "\(bad)")
        }
        #expect(TimePoint.parse("2024-02-29") != nil)
    }

    @Test func civilRoundTripAcrossCenturiesAndBeforeEpoch() {
        for days: Int64 in [-719_468, -1, 0, 1, 10_957, 11_016, 19_782, 2_932_896] {
            let c = CivilTime(localMicros: days * 86_400_000_000 + 3_723_000_004)
            #expect(c.daysSinceEpoch == days)
            #expect((c.hour, c.minute, c.second, c.micro) == (1, 2, 3, 4))
        }
        #expect(CivilTime(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(CivilTime(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(CivilTime(year: 2024, month: 1, day: 15).weekdayFromMonday == 0)  // a Monday
    }

    @Test func defaultOffsetAppliesOnlyWithoutAnExplicitOne() throws {
        let local = try #require(TimePoint.parse("2024-06-01T12:00", defaultOffsetMinutes: 60))
        #expect(local.utcISO8601 == "2024-06-01T11:00:00Z")
        let explicit = try #require(TimePoint.parse("2024-06-01T12:00Z", defaultOffsetMinutes: 60))
        #expect(explicit.utcISO8601 == "2024-06-01T12:00:00Z")
    }
}
