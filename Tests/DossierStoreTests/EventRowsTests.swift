import DossierModel
@testable import DossierStore
import Foundation
import Testing

/// Events given as `EventRows` are written straight from the rows: the records must be exactly those `ItemCodec`
/// writes for the events the rows stand for, and a stream of rows must commit, check and audit like one of events.
@Suite struct EventRowsTests {
    let t = TimePoint(unixSeconds: 1_700_000_000)

    /// Rows covering every field: no end / an end, no place / a place, zero to three participants with repeated and
    /// non-ASCII roles, amounts (negative, other currency), non-ASCII summaries and attributes, a second kind.
    func sampleRows(meta: ItemMeta) -> EventRows {
        var rows = EventRows(meta: meta)
        let call = rows.kindIndex(.call), odd = rows.kindIndex(EventKind(rawValue: "überweisung-转账"))
        let caller = rows.roleIndex(.caller), receiver = rows.roleIndex(.receiver)
        let odd2 = rows.roleIndex(ParticipantRole(rawValue: "получатель"))
        var rng = SeededGenerator(seed: 9)
        func id() -> ItemID { ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng) }
        let a = id(), b = id(), cell = id()
        rows.addParticipant(a, role: caller)
        rows.addParticipant(b, role: receiver)
        rows.append(id: id(), kind: call, start: t, end: TimePoint(utcMicros: t.utcMicros + 853_000_000), place: cell)
        rows.append(id: id(), kind: call, start: TimePoint(utcMicros: -5, offsetMinutes: -330, precision: .microsecond), end: nil,
                    place: nil)
        rows.addParticipant(b, role: odd2)
        rows.addParticipant(a, role: caller)
        rows.addParticipant(cell, role: odd2)
        rows.append(id: id(), kind: odd, start: TimePoint(utcMicros: Int64.max / 2, offsetMinutes: 840, precision: .day),
                    end: TimePoint(utcMicros: Int64.min / 2), place: a, amount: Money(tenThousandths: -12_345_678, currency: "RON"),
                    summary: "Überweisung für Ольга 王静 🚗", attributes: [Attribute("ref", "äöü"), Attribute("", "")])
        rows.addParticipant(a, role: receiver)
        rows.append(id: id(), kind: call, start: t, end: t, place: nil, summary: "x")
        rows.append(id: id(), kind: odd, start: t, end: nil, place: nil, attributes: [Attribute("k", "v")])
        rows.append(id: id(), kind: call, start: t, end: nil, place: nil, amount: Money(tenThousandths: 0, currency: ""))
        return rows
    }

    @Test func recordsAreByteForByteThoseOfTheEvents() throws {
        var rng = SeededGenerator(seed: 4)
        let c1 = ItemID(millisecondsSinceEpoch: 1, using: &rng), c2 = ItemID(millisecondsSinceEpoch: 2, using: &rng)
        let plain = ItemMeta(id: c1, cases: [c1], source: c2, analyst: "anna", at: t)
        var rich = ItemMeta(id: c1, cases: [c1, c2], source: nil, analyst: "Zoë Ηλέκτρα", at: t, tags: ["a", "ß"],
                            grading: Grading("B2"), handling: HandlingCode("H3", conditions: "no onward sharing ✓"),
                            reviewed: true, flagged: true)
        rich.modifiedBy = "李"
        rich.modifiedAt = TimePoint(utcMicros: 7, offsetMinutes: 60, precision: .minute)
        #expect(rich.grading != nil && rich.handling != nil)
        for meta in [plain, rich] {
            let rows = sampleRows(meta: meta)
            let encoder = EventRecordEncoder(rows)
            #expect(rows.count == 6)
            for i in 0..<rows.count {
                var w = ByteWriter()
                encoder.encode(rows, i, into: &w)
                let event = rows.event(at: i)
                #expect(w.bytes == ItemCodec.encode(.event(event)), "row \(i)")
                #expect(try ItemCodec.decode(w.bytes) == .event(event))
            }
        }
        // The rows' events are what the rows say.
        let e = sampleRows(meta: plain).event(at: 2)
        #expect(e.meta.id != c1 && e.meta.cases == [c1] && e.meta.source == c2)
        #expect(e.kind.rawValue == "überweisung-转账")
        #expect(e.participants.map(\.role.rawValue) == ["получатель", "caller", "получатель"])
        #expect(e.amount == Money(tenThousandths: -12_345_678, currency: "RON"))
        #expect(e.summary == "Überweisung für Ольга 王静 🚗")
    }

    @Test func takeRowsKeepsTheTables() {
        var rows = EventRows(meta: ItemMeta(id: ItemID(high: 1, low: 1), analyst: "a", at: t))
        let k = rows.kindIndex(.call), r = rows.roleIndex(.caller)
        rows.addParticipant(ItemID(high: 1, low: 2), role: r)
        rows.append(id: ItemID(high: 1, low: 3), kind: k, start: t, end: nil, place: nil)
        let taken = rows.takeRows()
        #expect(taken.count == 1 && rows.isEmpty)
        #expect(rows.kindIndex(.call) == k && rows.roleIndex(.caller) == r)
        rows.addParticipant(ItemID(high: 1, low: 4), role: r)
        rows.append(id: ItemID(high: 1, low: 5), kind: k, start: t, end: nil, place: nil)
        #expect(rows.event(at: 0).participants == [Participant(ItemID(high: 1, low: 4), role: .caller)])
        #expect(taken.event(at: 0).participants == [Participant(ItemID(high: 1, low: 2), role: .caller)])
    }

    /// A stream of rows commits the events the rows stand for, in the case's index, the time index and the audit entry;
    /// encrypted too.
    @Test(arguments: [false, true]) func streamedRowsCommitAsTheirEvents(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let options = encrypted ? WorkspaceOptions(encrypted: true, passphrase: "correct horse", scryptLogN: 10) : WorkspaceOptions()
        let ws = try Workspace.create(at: dir.sub("ws"), options: options)
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "op")]))
        let caseID = Fixture.id(1)
        let base = sampleRows(meta: ItemMeta(id: caseID, cases: [caseID], analyst: "anna", at: t))
        // More rows than one part of the encoder, in two hand-overs, with a plain change between them.
        var rows = EventRows(meta: base.meta)
        var rng = SeededGenerator(seed: 5)
        var expected: [Event] = []
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import calls.csv", chunkSize: 1000)
        let person = Fixture.entity(2, "Ольга", cases: [caseID])
        for round in 0..<2 {
            let call = rows.kindIndex(.call), caller = rows.roleIndex(.caller)
            for k in 0..<(FrameEncoder.partSize + 7) {
                rows.addParticipant(person.id, role: caller)
                rows.append(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + UInt64(round * 100_000 + k), using: &rng),
                            kind: call, start: TimePoint(unixSeconds: 1_700_000_000 + Int64(k)), end: nil, place: nil,
                            summary: k % 1000 == 0 ? "звонок \(k)" : "")
            }
            let chunk = rows.takeRows()
            expected += chunk.events
            try stream.add(chunk)
            if round == 0 { try stream.put(person) }
        }
        #expect(stream.count == expected.count + 1)
        try stream.finish()
        #expect(ws.count(.event, inCase: caseID) == expected.count)
        for i in [0, 1, FrameEncoder.partSize, expected.count - 1] { #expect(ws.item(expected[i].meta.id) == .event(expected[i])) }
        let first = expected[0].start.utcMicros
        #expect(ws.events(inTime: first...first, inCase: caseID).count == 2)
        let entry = try #require(try ws.readAudit().records.compactMap(\.entry).last)
        #expect(entry.items.count == expected.count + 1)
        #expect(Set(entry.items) == Set(expected.map(\.meta.id) + [person.id]))
        #expect(entry.cases == [caseID])
        ws.close()
        let again = try Workspace.open(at: dir.sub("ws"), passphrase: encrypted ? "correct horse" : nil)
        defer { again.close() }
        #expect(again.fsck().isClean)
        #expect(again.item(expected[FrameEncoder.partSize + 3].meta.id) == .event(expected[FrameEncoder.partSize + 3]))
    }

    /// A viewer's rows are refused like a viewer's events: nothing is written, the refusal is audited with every row.
    @Test func rowsAreCheckedByTheAccessPolicy() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        defer { ws.close() }
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "op"),
                                     .analyst(Analyst(meta: Fixture.meta(5), name: "anna", role: .supervisor)),
                                     .analyst(Analyst(meta: Fixture.meta(6), name: "vic", role: .viewer))], action: "setup"))
        let version = ws.version
        let rows = sampleRows(meta: ItemMeta(id: Fixture.id(1), cases: [Fixture.id(1)], analyst: "vic", at: t))
        let stream = try ws.beginCommitStream(analyst: "vic", time: t, action: "import calls.csv")
        try stream.add(rows)
        #expect(throws: StoreError.self) { try stream.finish() }
        #expect(ws.version == version)
        #expect(ws.item(rows.rows[0].id) == nil)
        let denied = try #require(try ws.readAudit().records.compactMap(\.entry).last)
        #expect(denied.action == .denied)
        #expect(Array(denied.items) == rows.rows.map(\.id))
    }

    /// Rows whose ids come out of order (or are stored already) take the general way and commit all the same; a row
    /// whose id another change of the transaction also uses is refused at the commit, leaving the workspace as it was.
    @Test func rowsOutOfOrderCommitAndClashingIdsAreRefused() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        defer { ws.close() }
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "op")]))
        let caseID = Fixture.id(1)
        func rows(_ ids: [UInt64]) -> EventRows {
            var r = EventRows(meta: ItemMeta(id: caseID, cases: [caseID], analyst: "anna", at: t))
            let call = r.kindIndex(.call)
            for n in ids {
                r.append(id: ItemID(high: 0x0190_0000_0000_0000 + n, low: n), kind: call, start: TimePoint(unixSeconds: Int64(n)),
                         end: nil, place: nil)
            }
            return r
        }
        let later = rows([10, 11, 12]), earlier = rows([3, 1, 2])
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import")
        try stream.add(later)
        try stream.add(earlier)
        try stream.finish()
        #expect(ws.count(.event, inCase: caseID) == 6)
        for r in [later, earlier] { for i in 0..<r.count { #expect(ws.item(r.rows[i].id) == .event(r.event(at: i))) } }
        #expect(ws.events(inTime: 1_000_000...3_000_000, inCase: caseID).map(\.meta.id) == [1, 2, 3].map { ItemID(high: 0x0190_0000_0000_0000 + $0, low: $0) })

        let version = ws.version
        let clash = rows([20, 21])
        let again = try ws.beginCommitStream(analyst: "anna", time: t, action: "import")
        try again.add(clash)
        try again.put(.event(clash.event(at: 1)))
        #expect(throws: StoreError.self) { try again.finish() }
        #expect(ws.version == version)
        #expect(ws.item(clash.rows[0].id) == nil)
        #expect(ws.fsck().isClean)
    }
}
