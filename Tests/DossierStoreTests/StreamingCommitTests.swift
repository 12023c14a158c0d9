import DossierModel
@testable import DossierStore
import Foundation
import Testing

@Suite struct StreamingCommitTests {
    let t = TimePoint(unixSeconds: 1_700_000_000)

    /// `count` people with deterministic ids, named `prefix-0` ...
    func people(_ prefix: String, _ count: Int, seed: UInt64, cases: [ItemID] = []) -> [Item] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { k in
            .entity(Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + UInt64(k), using: &rng), cases: cases,
                                          analyst: "anna", at: t), kind: .person, name: "\(prefix)-\(k)"))
        }
    }

    func segmentBytes(_ path: String) -> Int {
        Disk.segments(path).reduce(0) { $0 + Disk.read($1).count }
    }

    @Test func finishCommitsEverythingAsOneAuditedTransaction() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "op")]))
        let caseID = Fixture.id(1)
        let items = people("p", 1000, seed: 3, cases: [caseID])
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import people.csv", chunkSize: 100)
        for item in items { try stream.put(item) }
        #expect(stream.count == 1000)
        let version = try stream.finish()
        #expect(version == 2)
        #expect(ws.version == 2)
        #expect(ws.count(.entity, inCase: caseID) == 1000)
        #expect(ws.item(items[999].id) == items[999])
        let entries = try ws.readAudit().records.compactMap(\.entry)
        let last = try #require(entries.last)
        #expect(last.action == .import)
        #expect(last.commit == 2)
        #expect(Array(last.items) == items.map(\.id))
        #expect(last.cases == [caseID])
        #expect(last.detail == "import people.csv")
        ws.close()
        let again = try Workspace.open(at: dir.sub("ws"))
        defer { again.close() }
        #expect(again.openReport.isEmpty)
        #expect(again.version == 2)
        #expect(again.count(.entity, inCase: caseID) == 1000)
        #expect(again.fsck().isClean)
    }

    @Test func abandonLeavesTheStoreExactlyAsItWas() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        let before = people("old", 3, seed: 1)
        try ws.commit(Fixture.batch(before))
        let bytesBefore = segmentBytes(path)
        let auditBefore = try ws.readAudit().records.count
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import big.csv", chunkSize: 64)
        let streamed = people("new", 500, seed: 2)
        for item in streamed { try stream.put(item) }
        #expect(segmentBytes(path) > bytesBefore + 500 * 20)  // the chunks are on disk ...
        #expect(ws.item(streamed[0].id) == nil)  // ... and invisible
        #expect(throws: StoreError.self) { try ws.commit(Fixture.batch([Fixture.entity(90, "blocked")])) }
        stream.abandon()
        #expect(throws: StoreError.self) { try stream.put(streamed[0]) }
        #expect(segmentBytes(path) == bytesBefore)
        #expect(ws.version == 1)
        #expect(ws.count(.entity, inCase: nil) == 3)
        #expect(try ws.readAudit().records.count == auditBefore)
        // The workspace takes commits again, and reopens clean with nothing to cut.
        try ws.commit(Fixture.batch([Fixture.entity(91, "after")]))
        ws.close()
        let again = try Workspace.open(at: path)
        defer { again.close() }
        #expect(again.openReport.isEmpty)
        #expect(again.version == 2)
        #expect(again.resolve("new-0") == nil)
        #expect(again.resolve("after") == Fixture.id(91))
        #expect(again.fsck().isClean)
    }

    @Test func droppingAStreamAbandonsIt() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        defer { ws.close() }
        try ws.commit(Fixture.batch(people("old", 2, seed: 1)))
        let bytesBefore = segmentBytes(path)
        do {
            let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 10)
            for item in people("new", 50, seed: 2) { try stream.put(item) }
        }
        #expect(segmentBytes(path) == bytesBefore)
        try ws.commit(Fixture.batch([Fixture.entity(91, "after")]))
        #expect(ws.version == 2)
    }

    @Test func readersDuringAStreamSeeOnlyCommittedData() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        defer { ws.close() }
        let committed = people("old", 5, seed: 1)
        try ws.commit(Fixture.batch(committed))
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 50)
        let streamed = people("new", 300, seed: 2)
        for item in streamed { try stream.put(item) }
        try stream.flush()
        // Another reader opening now (as another process would) sees the committed data and ignores the open tail.
        let reader = try Workspace.open(at: path, mode: .readOnly)
        #expect(reader.version == 1)
        #expect(reader.count(.entity, inCase: nil) == 5)
        #expect(reader.resolve("new-0") == nil)
        #expect(reader.openReport.contains { $0.hasPrefix("ignored ") && $0.contains("unfinished transaction") })
        reader.close()
        #expect(ws.count(.entity, inCase: nil) == 5)
        #expect(ws.item(streamed[299].id) == nil)
        try stream.finish()
        #expect(ws.count(.entity, inCase: nil) == 305)
        let after = try Workspace.open(at: path, mode: .readOnly)
        defer { after.close() }
        #expect(after.version == 2)
        #expect(after.item(streamed[299].id) == streamed[299])
        #expect(after.openReport.isEmpty)
    }

    /// The state a crash mid-stream leaves (a copy of the files while a large stream is open): the next writer cuts
    /// the whole uncommitted tail and holds exactly what was committed.
    @Test func recoveryCutsALargeUncommittedTail() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws"), crashed = dir.sub("crashed")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch(people("old", 4, seed: 1)))
        let committedBytes = segmentBytes(path)
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 4096)
        for item in people("new", 40_000, seed: 2) { try stream.put(item) }
        try stream.flush()
        try FileManager.default.copyItem(atPath: path, toPath: crashed)
        stream.abandon()
        ws.close()
        #expect(segmentBytes(crashed) > committedBytes + 1_000_000)
        let recovered = try Workspace.open(at: crashed)
        #expect(recovered.openReport.contains { $0.hasPrefix("cut ") && $0.contains("unfinished transaction") },
                "\(recovered.openReport)")
        #expect(recovered.version == 1)
        #expect(recovered.count(.entity, inCase: nil) == 4)
        #expect(recovered.resolve("new-0") == nil)
        #expect(recovered.fsck().isClean)
        try recovered.commit(Fixture.batch([Fixture.entity(91, "after")]))
        recovered.close()
        let again = try Workspace.open(at: crashed)
        defer { again.close() }
        #expect(again.openReport.isEmpty)
        #expect(again.version == 2)
    }

    @Test func anEncryptedStreamNeverReusesTheCutPositions() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let options = WorkspaceOptions(encrypted: true, passphrase: "correct horse", scryptLogN: 10)
        let ws = try Workspace.create(at: path, options: options)
        try ws.commit(Fixture.batch(people("old", 2, seed: 1)))
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 16)
        for item in people("gone", 40, seed: 2) { try stream.put(item) }
        stream.abandon()
        let kept = people("kept", 40, seed: 3)
        let second = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 16)
        for item in kept { try second.put(item) }
        try second.finish()
        #expect(Disk.segments(path).count == 2)  // continued in a new segment after the abandoned one
        ws.close()
        let again = try Workspace.open(at: path, passphrase: "correct horse")
        defer { again.close() }
        #expect(again.count(.entity, inCase: nil) == 42)
        #expect(again.item(kept[39].id) == kept[39])
        #expect(again.fsck().isClean)
        for file in Disk.segments(path) {
            #expect(!String(decoding: Disk.read(file), as: UTF8.self).contains("kept-"))
        }
    }

    @Test func aRefusedChunkAbandonsTheStream() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        defer { ws.close() }
        var rng = SeededGenerator(seed: 9)
        func meta() -> ItemMeta { ItemMeta(id: ItemID(millisecondsSinceEpoch: 1, using: &rng), analyst: "anna", at: t) }
        try ws.commit(ChangeBatch(changes: [.put(.analyst(Analyst(meta: meta(), name: "anna", role: .supervisor))),
                                            .put(.analyst(Analyst(meta: meta(), name: "vera", role: .viewer)))],
                                  analyst: "anna", time: t, action: "analyst add"))
        let bytesBefore = segmentBytes(path)
        let stream = try ws.beginCommitStream(analyst: "vera", time: t, action: "import", chunkSize: 8)
        #expect(throws: StoreError.self) {
            for item in people("p", 20, seed: 2) { try stream.put(item) }
        }
        #expect(segmentBytes(path) == bytesBefore)
        #expect(ws.version == 1)
        let last = try #require(try ws.readAudit().records.compactMap(\.entry).last)
        #expect(last.action == .denied)
        try ws.commit(Fixture.batch([Fixture.entity(91, "after")], action: "add"))
    }

    /// A child streaming transactions of 2,000 items in chunks is killed with SIGKILL at random moments, mid-stream
    /// included: after each kill the store opens, fsck is clean, every transaction the child reported committed is
    /// there, and every transaction is there whole or not at all.
    @Test func killedStreamsLeaveWholeTransactionsOrNothing() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        guard let (child, path) = try CommittingChild.withNewWorkspace(in: dir) else { return }
        var rng = SeededGenerator(seed: 4242)
        var next = 1
        var reported = 0
        var cut = 0
        for round in 0..<12 {
            let text = CommittingChild.killMidStream(child, workspace: path, first: next, delayMicros: UInt32(rng.next() % 60_000),
                                                     command: "stream-child", waitFor: "streamed ")
            for line in text.split(separator: "\n") where line.hasPrefix("committed ") {
                if let n = Int(line.dropFirst(10)) { reported = max(reported, n) }
            }
            let ws = try Workspace.open(at: path)
            #expect(!ws.isReadOnly, "round \(round): \(ws.openReport)")
            if ws.openReport.contains(where: { $0.hasPrefix("cut ") }) { cut += 1 }
            #expect(ws.fsck().isClean, "round \(round)")
            var n = next
            while ws.resolve("s-\(n)-0") != nil || ws.resolve("s-\(n)-1999") != nil {
                #expect(ws.resolve("s-\(n)-0") != nil && ws.resolve("s-\(n)-1999") != nil, "round \(round): stream \(n) in part")
                n += 1
            }
            #expect(n > reported, "round \(round): reported stream \(reported) lost")
            #expect(ws.count(.entity, inCase: nil) == (n - 1) * 2000, "round \(round)")
            #expect(try ws.readAudit().isIntact)
            next = n
            ws.close()
        }
        #expect(cut > 0)  // at least one kill landed mid-stream
    }

    /// Runs as a streamed import leaves them (one long run of events, short runs of case, source and entities, an id
    /// put twice) come out in id order, the later op for an id after the earlier, whichever side of a merge is shorter.
    @Test func indexOpRunsMergeInPlaceInIDOrder() {
        func op(_ n: UInt64, _ tag: UInt32) -> IndexOp {
            IndexOp(id: ItemID(high: 1, low: n), ref: RecordRef(segment: 0, offset: tag, length: 1), keys: nil)
        }
        let lows: [UInt64] = [10, 20, 30, 40, 50, 60, 70, 80] + [5] + [15, 35, 36, 90] + [1, 2, 40]
        var ops = lows.enumerated().map { op($0.element, UInt32($0.offset)) }
        IndexOpOrder.sortRuns(&ops)
        #expect(ops.map(\.id.low) == [1, 2, 5, 10, 15, 20, 30, 35, 36, 40, 40, 50, 60, 70, 80, 90])
        // The 40 of the last run (op 15) stays after the 40 of the first (op 3).
        #expect(ops.filter { $0.id.low == 40 }.map { $0.ref!.offset } == [3, 15])
        // A short run first, then a long one: the short side is the one copied aside.
        var other = ([7, 8] + Array(1...6) + [9]).enumerated().map { op(UInt64($0.element), UInt32($0.offset)) }
        IndexOpOrder.sortRuns(&other)
        #expect(other.map(\.id.low) == Array(1...9).map(UInt64.init))
    }

    /// Hand-overs of about a chunk are taken whole, larger ones item by item; both commit every change in order.
    @Test func handOversOfAnySizeCommitEverything() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        defer { ws.close() }
        let items = people("h", 700, seed: 77)
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import", chunkSize: 100)
        try stream.add(contentsOf: Array(items[0..<150]).map { .put($0) })   // taken whole, written at once
        try stream.add(contentsOf: Array(items[150..<160]).map { .put($0) }) // taken whole, buffered
        try stream.add(contentsOf: Array(items[160..<700]).map { .put($0) }) // added one by one
        #expect(stream.count == 700)
        try stream.finish()
        #expect(ws.count(.entity, inCase: nil) == 700)
        #expect(items.allSatisfy { ws.item($0.id) == $0 })
    }

    /// Links, events and notes put in chunks with new, increasing ids take the rows' way to the index (entries made as
    /// their chunk is written); entities, the case and an id that comes again take the general way. Either way the
    /// commit holds exactly what was put, indexed by id, time and case, also after reopening; a second put of an id
    /// that went the fresh way is refused at the commit, leaving the workspace as it was.
    @Test func newLinksEventsAndNotesIndexAsTheyAreWritten() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        let caseID = ItemID(high: 1, low: 1)
        var next: UInt64 = 100
        func id() -> ItemID { next += 1; return ItemID(high: 0x0190_0000_0000_0000, low: next) }
        func meta() -> ItemMeta { ItemMeta(id: id(), cases: [caseID], analyst: "anna", at: t) }
        let a = Entity(meta: meta(), kind: .phone, name: "+447700900001")
        let b = Entity(meta: meta(), kind: .phone, name: "+447700900002")
        var items: [Item] = [.case(Case(meta: ItemMeta(id: caseID, analyst: "anna", at: t), name: "op")), .entity(a), .entity(b)]
        for k in 0..<250 {
            let start = TimePoint(unixSeconds: 1_700_000_000 + Int64(k) * 60)
            items.append(.event(Event(meta: meta(), kind: .call, start: start, participants: [Participant(a.meta.id, role: .caller)])))
            if k % 10 == 0 { items.append(.link(Link(meta: meta(), type: .called, from: a.meta.id, to: b.meta.id, directed: true))) }
            if k % 50 == 0 { items.append(.note(Note(meta: meta(), about: [a.meta.id], text: "note \(k)"))) }
        }
        let stream = try ws.beginCommitStream(analyst: "anna", time: t, action: "import calls.json", chunkSize: 64)
        for item in items { try stream.put(item) }
        try stream.flush()
        let state = try #require(ws.stream)
        #expect(state.fresh.count == 250 + 25 + 5)
        #expect(state.ops.count == 3)
        try stream.finish()
        func check(_ w: Workspace) throws {
            #expect(w.count(.event, inCase: caseID) == 250)
            #expect(w.count(.link, inCase: caseID) == 25)
            #expect(w.count(.note, inCase: caseID) == 5)
            #expect(w.count(.entity, inCase: caseID) == 2)
            #expect(items.allSatisfy { w.item($0.id) == $0 })
            let hour = w.events(inTime: 1_700_000_000_000_000...1_700_003_540_000_000, inCase: caseID)
            #expect(hour.count == 60)
            let entry = try #require(try w.readAudit().records.compactMap(\.entry).last)
            #expect(entry.items == ItemIDRuns(items.map(\.id)).sortedUnique())
        }
        try check(ws)
        ws.close()
        let again = try Workspace.open(at: dir.sub("ws"))
        try check(again)

        // A note put fresh and then again (changed) in the same stream: refused at the commit, nothing changes.
        let version = again.version
        var note = Note(meta: meta(), about: [], text: "first")
        let twice = try again.beginCommitStream(analyst: "anna", time: t, action: "notes", chunkSize: 1)
        try twice.put(.note(note))
        note.text = "second"
        try twice.put(.note(note))
        #expect(throws: StoreError.self) { try twice.finish() }
        #expect(again.version == version)
        #expect(again.item(note.meta.id) == nil)
        again.close()
    }
}
