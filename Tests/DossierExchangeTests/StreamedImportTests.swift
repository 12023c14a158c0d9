import Testing
import DossierModel
@testable import DossierExchange

@Suite struct StreamedImportTests {
    /// 9,000 call rows over 40 phones: enough rows for several hand-overs of events to the stream.
    static func calls() -> String {
        var out = "caller,callee,start,duration,cell,lat,lon\n"
        for i in 0..<9000 {
            let a = 900_100 + i % 40, b = 900_100 + (i * 7 + 3) % 40
            out += "+447700\(a),+447700\(b),0\(1 + i % 9)/03/2026 10:\(10 + i % 50):00,\(i % 600),C-\(i % 5),51.5,-0.12\n"
        }
        return out
    }

    func run(stream: (([Change]) throws -> Void)?) throws -> ImportResult {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("calls.csv", StreamedImportTests.calls())
        let s = try ImportSpec.parse(CSVImportTests.spec, file: "calls.toml")
        return try CSVImporter.run(path: p, spec: s, specName: "calls.toml", reader: InMemoryItems(),
                                   context: context(), stream: stream, handOverEvery: 4096)
    }

    /// Streaming hands the events over as rows come and leaves the rest in the batch: the same items either way.
    @Test func streamedEventsPlusTheBatchAreTheWholeImport() throws {
        let whole = try run(stream: nil)
        var streamed: [[Change]] = []
        let rest = try run(stream: { streamed.append($0) })
        #expect(streamed.count == 3)  // after rows 4,096 and 8,192, then the remainder
        let made = streamed.flatMap { $0 }
        let events = made.filter { if case .put(.event) = $0 { true } else { false } }
        #expect(events.count == 9000)
        #expect(made.count == 9000 + 40)  // and the phones (see below)
        #expect(rest.batch.changes.allSatisfy { if case .put(.event) = $0 { false } else { true } })
        #expect(Set(made + rest.batch.changes) == Set(whole.batch.changes))
        #expect(made.count + rest.batch.changes.count == whole.batch.changes.count)
        #expect(rest.summary == whole.summary)
    }

    /// With a spec that maps identifiers only (no coordinates for the cells here), entities are complete when made:
    /// they go out with the streamed changes as rows make them, and the batch keeps none.
    @Test func identifierOnlySpecsStreamTheirEntities() throws {
        let d = TempDir(); defer { d.cleanup() }
        let p = d.write("calls.csv", StreamedImportTests.calls())
        let spec = try ImportSpec.parse(CSVImportTests.spec.replacingOccurrences(of: "latitude = \"lat\"\nlongitude = \"lon\"\n", with: ""),
                                        file: "calls.toml")
        func run(_ stream: (([Change]) throws -> Void)?) throws -> ImportResult {
            try CSVImporter.run(path: p, spec: spec, specName: "calls.toml", reader: InMemoryItems(), context: context(),
                                stream: stream, handOverEvery: 4096)
        }
        let whole = try run(nil)
        #expect(whole.summary.entitiesCreated == 45)
        var streamed: [[Change]] = []
        let rest = try run { streamed.append($0) }
        let entities = streamed.flatMap { $0 }.filter { if case .put(.entity) = $0 { true } else { false } }
        #expect(entities.count == 45)
        // Every phone and cell turns up in the first 4,096 rows, so the first hand-over carries them all.
        #expect(streamed[0].count == 4096 + 45)
        // Left for the end: the case, the source and the calls' links (one per pair, their weight still growing).
        let kinds: [ItemKind?] = rest.batch.changes.map { change -> ItemKind? in if case .put(let i) = change { i.kind } else { nil } }
        #expect(kinds == [.case, .source] + Array(repeating: .link, count: 40))
        #expect(Set(streamed.flatMap { $0 } + rest.batch.changes) == Set(whole.batch.changes))
        #expect(rest.summary == whole.summary)
    }

    /// A spec whose cells take coordinates streams its phones all the same (no row can add to a phone: the only
    /// entity taking more than its identifier has another scheme) and keeps the five cells for the end.
    @Test func phonesStreamBesideCellsWithCoordinates() throws {
        let whole = try run(stream: nil)
        var streamed: [[Change]] = []
        let rest = try run(stream: { streamed.append($0) })
        func kinds(_ changes: [Change]) -> [EntityKind] { changes.compactMap { if case .put(.entity(let e)) = $0 { e.kind } else { nil } } }
        #expect(kinds(streamed.flatMap { $0 }) == Array(repeating: .phone, count: 40))
        #expect(kinds(rest.batch.changes) == Array(repeating: EntityKind(rawValue: "cell-site"), count: 5))
        #expect(Set(streamed.flatMap { $0 } + rest.batch.changes) == Set(whole.batch.changes))
        #expect(rest.summary == whole.summary)
    }

    /// Ids of one import increase in the order they are made and share the import's millisecond.
    @Test func importIDsAreMonotonic() throws {
        let r = try run(stream: nil)
        let events = r.batch.changes.compactMap { if case .put(.event(let e)) = $0 { e.meta.id } else { nil } }
        #expect(events.count == 9000)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0 < $1 })
        let ms = context().time.utcMicros / 1000
        #expect(events.allSatisfy { Int64($0.high >> 16) == ms })
        // Counted up one by one: the import's events and entities together are one run of ids (what its audit entry
        // names), the case and source two more.
        let all = ItemIDRuns(r.batch.changes.compactMap { if case .put(let item) = $0 { item.id } else { nil } })
        #expect(all.count == r.batch.changes.count)
        #expect(all.count == 9000 + r.summary.entitiesCreated + r.summary.linksCreated + 2)
        #expect(all.sortedUnique().runs.map(\.count).sorted() == [1, 1, UInt64(all.count - 2)])
    }

    @Test func cellCacheFindsEveryKeyAndGrows() {
        let cache = CellCache<Int>(capacity: 4)
        // Keys longer than 16 bytes that share their first 16 are told apart by their full text.
        let keys = (0..<5000).map { "+4477009\($0)" } + ["Ж", "東京", "e\u{301}", "é", ""]
            + (0..<300).map { "a long shared prefix \($0)" } + ["a long shared prefix", "a long shared pre"]
        for (i, k) in keys.enumerated() { cache.set(i, for: k) }
        #expect(cache.count == keys.count)
        #expect(keys.enumerated().allSatisfy { cache.value(for: $0.element) == $0.offset })
        #expect(cache.value(for: "+44770095000") == nil)
        cache.set(-1, for: "Ж")
        #expect(cache.value(for: "Ж") == -1)
        #expect(cache.count == keys.count)
        // Ids kept with keys survive growth; a key without one has none, an unknown key cannot take one.
        let id = ItemID(high: 7, low: 9)
        #expect(cache.id(for: "+4477009123") == nil)
        cache.setID(id, for: "+4477009123")
        cache.setID(id, for: "not a key")
        for (i, k) in (0..<5000).map({ "+4488009\($0)" }).enumerated() { cache.set(i, for: k) }
        #expect(cache.id(for: "+4477009123") == id)
        #expect(cache.value(for: "+4477009123") == 123)
        #expect(cache.id(for: "+4477009124") == nil)
        #expect(cache.id(for: "not a key") == nil)
        #expect(cache.value(for: "not a key") == nil)
        cache.removeAll()
        #expect(cache.count == 0)
        #expect(cache.id(for: "+4477009123") == nil)
        #expect(cache.value(for: "+44770090") == nil)
    }

    /// The allocation-free reading of whole UTC seconds gives exactly what the general parser gives, and leaves every
    /// other text (24:00, leap seconds, bad days, offsets, fractions) to it.
    @Test func utcSecondsMatchTheGeneralParser() {
        let accepted = ["2025-01-01T00:00:05Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                        "2100-12-31T12:30:45Z"]
        for text in accepted {
            #expect(TimeFormat.utcSeconds(text) != nil, "\(text)")
            #expect(TimeFormat.utcSeconds(text) == TimePoint.parse(text), "\(text)")
        }
        let declined = ["2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z", "2025-06-30T23:59:60Z",
                        "2025-01-01T00:60:00Z", "2025-01-01T00:00:00+", "2025-01-01 00:00:00Z", "2025-01-01T00:00:0xZ",
                        "2025-01-01T00:00:00.5Z", "2025-00-10T00:00:00Z", "2025-01-00T00:00:00Z"]
        for text in declined { #expect(TimeFormat.utcSeconds(text) == nil, "\(text)") }
        // Through the spec's parser, both ways agree for every zone.
        for zone in [TimeZoneSpec.fixed(minutes: 60), .named("Europe/Paris")] {
            #expect(TimeFormat.iso8601.parse("2024-02-29T23:59:59Z", zone: zone) == TimePoint.parse("2024-02-29T23:59:59Z"))
            #expect(TimeFormat.iso8601.parse("2025-01-01T24:00:00Z", zone: zone) == TimePoint.parse("2025-01-01T24:00:00Z"))
        }
    }

    /// The record pipe hands every record over in file order with its line, an error after the records before it, and
    /// can be closed early with the reader blocked on a full queue.
    @Test func recordPipeKeepsOrderErrorsAndStopsEarly() throws {
        let d = TempDir(); defer { d.cleanup() }
        var text = "a,b\n"
        for i in 0..<1000 { text += "\(i),x\n" }
        let good = d.write("p.csv", text)
        let pipe = RecordPipe(try CSVReader(path: good), batchSize: 7, depth: 2)
        var seen: [Int] = [], lines: [Int] = []
        while let batch = pipe.next() {
            #expect(batch.error == nil)
            #expect(batch.rows.count == 7 || batch.isLast)
            for row in batch.rows { seen.append(Int(row.fields[0]) ?? -1); lines.append(row.line) }
            pipe.recycle(batch)
        }
        pipe.close()
        #expect(seen == Array(0..<1000))
        #expect(lines == Array(2...1001))

        let bad = d.write("q.csv", text + "1001,\"open\n1002,y\n")
        let broken = RecordPipe(try CSVReader(path: bad), batchSize: 300, depth: 2)
        var count = 0
        var failure: (any Error)?
        while let batch = broken.next() {
            count += batch.rows.count
            if let e = batch.error { failure = e }
        }
        broken.close()
        #expect(count == 1000)
        #expect(failure as? ExchangeError == ExchangeError(file: "q.csv", line: 1002, "unclosed quote"))

        let early = RecordPipe(try CSVReader(path: good), batchSize: 10, depth: 2)
        #expect(early.next()?.rows.first?.fields == ["0", "x"])
        early.close()  // the reader had filled the queue and waits: it stops, nothing is left waiting
    }
}
