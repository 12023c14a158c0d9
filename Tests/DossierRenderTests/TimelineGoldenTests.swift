import Testing
import DossierModel
@testable import DossierRender

@Suite struct TimelineGoldenTests {
    static let small = TimelineData.build(from: Fixtures.smallWorld(), caseID: Fixtures.caseID)

    static func dense() -> TimelineData {
        var dense = TimelineData(lanes: [.init(id: nil, label: "通話 burst", kind: .phone), .init(id: nil, label: "b", kind: .person)])
        let base: Int64 = 1_710_000_000_000_000
        for i in 0..<1500 { dense.append(start: base + Int64(i) * 1_000_000, lane: 0, toLane: i % 100 == 0 ? 1 : -1, label: "x") }
        for i in 0..<5 { dense.append(start: base + 3_600_000_000 + Int64(i) * 600_000_000, lane: 1, label: "meet \(i)") }
        dense.append(start: base + 1_800_000_000, end: base + 2_700_000_000, lane: 1, label: "stay")
        return dense
    }

    /// Calls both ways with arrowheads at the receiver, a transfer crossing a lane, a day-precision seizure drawn
    /// as a span, CJK and emoji lane names and labels.
    @Test func smallCaseUnicode() {
        let view = TimelineView(data: Self.small)
        #expect(view.rendered(width: 72, height: view.preferredHeight).lines() == [
            "Timeline  2024-03-01 09:00 → 2024-03-04 23:59 UTC · 4 events            ",
            "events    █                    █            █         █                 ",
            "max 1     █                    █            █         █                 ",
            "UTC       ──┬───────┬────────┬───────┬────────┬───────┬────────┬────────",
            "            12:00   03-02    12:00   03-03    12:00   03-04    12:00    ",
            "李小龍    ☎────────────────────☎────────────¤─────────┣━━━━━━━━━━━━━━━━┫",
            "          ▼ call 2m            ▲            ▲          押収 🚢          ",
            "Ana 📱    ☎────────────────────☎────────────┼───────────────────────────",
            "                                call        │                           ",
            "NL91 ABNA ──────────────────────────────────¤───────────────────────────",
            "                                             wire 9500.00 EUR           ",
            "☎ call  ¤ transaction                                                   ",
            "2-9 events  ░▒▓ 10+/100+/1000+  ┣━┫ day/month known  ▼ call/payment to  ",
        ])
    }

    @Test func smallCaseASCII() {
        let view = TimelineView(data: Self.small)
        #expect(view.rendered(width: 60, height: view.preferredHeight, context: .ascii).lines() == [
            "Timeline  2024-03-01 -> 2024-03-04 UTC | 4 events           ",
            "events    #               #           #       #             ",
            "max 1     #               #           #       #             ",
            "UTC       --------+-------------+-------------+-------------",
            "                  03-02         03-03         03-04         ",
            "李小龍    c---------------c-----------$-------[============]",
            "          v call 2m       ^           ^        押収 🚢      ",
            "Ana 📱    c---------------c-----------+---------------------",
            "                           call       |                     ",
            "NL91 ABNA ----------------------------$---------------------",
            "                                       wire 9500.00 EUR     ",
            "c call  $ transaction                                       ",
            "2-9 events  .:# 10+/100+/1000+  [=] day/month known  v call~",
        ])
    }

    /// 1,500 calls in 25 minutes collapse into a density shade; the histogram shows the burst; counts 2-9 as
    /// digits; labels only where there is room; the axis is labelled in UTC+02:00.
    @Test func denseBurstCollapses() {
        let view = TimelineView(data: Self.dense(), offsetMinutes: 120)
        #expect(view.rendered(width: 50, height: view.preferredHeight).lines() == [
            "Timeline  2024-03-09 18:00 → 2024-03-09 19:40 UTC…",
            "events     █████████▄                             ",
            "max 154    ██████████ ▁           ▁   ▁   ▁   ▁  ▁",
            "UTC+02:00  ┬──────────┬───────────┬───────────┬───",
            "           18:00      18:30       19:00           ",
            "通話 burst ▒▒▒▒▒▒▒▒▒▒─────────────────────────────",
            "           ▼▼▼▼▼▼▼▼▼▼                             ",
            "b          22●2●2●2●●─┣━━━━━┫─────●───●───●───●──●",
            "                       stay        meet 0  meet 2 ",
            "● event                                           ",
            "2-9 events  ░▒▓ 10+/100+/1000+  ┣━┫ day/month kno…",
        ])
    }

    /// Each event kind has its own one-column glyph in both sets, drawn on the lane and named in the legend.
    @Test func everyEventKindHasItsOwnGlyph() {
        for glyphs in [GlyphSet.unicode, .ascii] {
            let marks = TimelineEventKind.allCases.map { $0.glyph(glyphs) }
            #expect(Set(marks).count == marks.count)
            #expect(marks.allSatisfy { DisplayWidth.of($0) == 1 })
        }
        var data = TimelineData(lanes: [.init(id: nil, label: "lane", kind: .person)])
        for (i, k) in TimelineEventKind.allCases.reversed().enumerated() {
            data.append(start: Int64(i) * 600_000_000, lane: 0, kind: k)
        }
        let view = TimelineView(data: data, range: 0...5_999_999_999)
        let lines = view.rendered(width: 110, height: view.preferredHeight).lines(trimmingTrailingSpaces: true)
        #expect(lines[5].filter { $0 != "─" && $0 != " " } == "lane⋈⌨⊠⊗◉✈¤✉☎●")
        #expect(lines[7] == "☎ call  ✉ message  ¤ transaction  ✈ travel  ◉ sighting  ⊗ seizure  ⊠ arrest  ⌨ login  ⋈ meeting  ● event")
        let ascii = view.rendered(width: 110, height: view.preferredHeight, context: .ascii).lines(trimmingTrailingSpaces: true)
        #expect(ascii[5].filter { $0 != "-" && $0 != " " } == "lane&lax" + "st$mco")
        #expect(ascii[7] == "c call  m message  $ transaction  t travel  s sighting  x seizure  a arrest  l login  & meeting  o event")
        #expect(TimelineEventKind(.call) == .call && TimelineEventKind(.sale) == .transaction
                && TimelineEventKind(.theft) == .other && TimelineEventKind("boarding") == .other)
    }

    @Test func fewLanesFitTheAreaAndTheRestAreCounted() {
        let view = TimelineView(data: Self.small, showLegend: false)
        let lines = view.rendered(width: 40, height: 7).lines()
        #expect(lines.count == 7)
        #expect(lines[0] == "Timeline  2024-03-01 → 2024-03-04 UTC ·…")
        #expect(lines[5].hasPrefix("李小龍 "))
        #expect(!lines.joined().contains("NL91"))
    }

    @Test func emptyTimelineSaysSo() {
        let view = TimelineView(data: TimelineData(), range: 0...3_599_999_999, histogramHeight: 1, showLegend: false)
        #expect(view.rendered(width: 40, height: 6).lines(trimmingTrailingSpaces: true) == [
            "Timeline  1970-01-01 00:00 → 1970-01-01…",
            "max 0",
            "UTC    ┬───────┬───────┬───────┬────────",
            "       01-01   00:15   00:30   00:45",
            "       no events in this range",
            "",
        ])
    }
}

@Suite struct TimeAxisTests {
    static let day: Int64 = 86_400_000_000
    static let jan2024: Int64 = 1_704_067_200_000_000  // 2024-01-01T00:00:00Z

    @Test(arguments: [
        (Int64(60_000_000), TimeAxis.Step(unit: .second, count: 10)),          // a minute
        (Int64(3_600_000_000), TimeAxis.Step(unit: .minute, count: 5)),        // an hour: 8.3 columns per 5 min
        (day, TimeAxis.Step(unit: .hour, count: 2)),                           // a day
        (30 * day, TimeAxis.Step(unit: .day, count: 7)),                       // a month: 2 days is only 6.7 columns
        (365 * day, TimeAxis.Step(unit: .month, count: 3)),                    // a year: "2024-03" needs 9 columns
        (3650 * day, TimeAxis.Step(unit: .year, count: 1)),                    // a decade
        (36500 * day, TimeAxis.Step(unit: .year, count: 10)),                  // a century
    ])
    func stepAdaptsToTheSpan(span: Int64, expected: TimeAxis.Step) {
        let axis = TimeAxis(range: Self.jan2024...(Self.jan2024 + span - 1), columns: 100)
        #expect(axis.step == expected)
        // Labels never collide.
        for (a, b) in zip(axis.ticks, axis.ticks.dropFirst()) { #expect(b.column - a.column >= a.label.count + 1) }
    }

    @Test func ticksSitOnCalendarBoundariesInTheStatedZone() {
        let axis = TimeAxis(range: Self.jan2024...(Self.jan2024 + Self.day - 1), columns: 96, offsetMinutes: 60)
        #expect(axis.zoneName == "UTC+01:00")
        #expect(axis.ticks.map(\.label) == ["02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00", "01-02"])
        #expect(axis.ticks.map(\.column) == [4, 12, 20, 28, 36, 44, 52, 60, 68, 76, 84, 92])
        #expect(TimeAxis.zoneName(-330) == "UTC-05:30")
        let months = TimeAxis(range: Self.jan2024...(Self.jan2024 + 366 * Self.day - 1), columns: 120)
        #expect(months.ticks.map(\.label).prefix(3) == ["2024-01", "2024-02", "2024-03"])
    }

    @Test func monthPrecisionEventIsASpan() {
        var items = Fixtures.smallWorld()
        items.put(.event(Event(meta: Fixtures.meta(200, cases: [Fixtures.caseID]), kind: .meeting,
                               start: Fixtures.time("2024-02"), participants: [Participant(Fixtures.ana)])))
        let data = TimelineData.build(from: items, caseID: Fixtures.caseID, entities: [Fixtures.ana])
        let feb = data.start.indices.first { data.start[$0] == 1_706_745_600_000_000 }
        #expect(feb != nil)
        if let feb { #expect(data.end[feb] == 1_709_251_200_000_000 - 1) }  // through 2024-02-29T23:59:59.999999Z
        let bins = TimelineBins(data: data, range: 1_706_745_600_000_000...1_709_856_000_000_000 - 1, columns: 36,
                                lanes: 1)
        #expect(bins.spans.prefix(29).allSatisfy { $0 == 1 })
        #expect(bins.spanEdges[0] == 1)
    }

    @Test func binningCountsEveryEventOnce() {
        var data = TimelineData(lanes: [.init(id: nil, label: "a", kind: .person), .init(id: nil, label: "b", kind: .person)])
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<100_000 {
            let t = Int64.random(in: 0..<1_000_000_000, using: &rng)
            data.append(start: t, lane: Int.random(in: -1...1, using: &rng), toLane: Int.random(in: -1...1, using: &rng))
        }
        let bins = TimelineBins(data: data, range: 0...999_999_999, columns: 200, lanes: 2)
        #expect(bins.histogram.reduce(0) { $0 + Int($1) } == 100_000)
        #expect(bins.drawnRecords == data.lane.filter { $0 >= 0 }.count)
    }
}
