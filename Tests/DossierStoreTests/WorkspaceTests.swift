import DossierModel
@testable import DossierStore
import Foundation
import Testing

@Suite struct WorkspaceTests {
    @Test func committedItemsSurviveReopenWithAndWithoutSnapshot() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let items = Fixture.everyType()
        let ws = try Workspace.create(at: path)
        #expect(try ws.commit(Fixture.batch(items)) == 1)
        #expect(ws.version == 1)
        for item in items { #expect(ws.item(item.id) == item) }
        ws.close()
        #expect(FileManager.default.fileExists(atPath: path + "/index/snapshot.idx"))

        for removeSnapshot in [false, true] {
            if removeSnapshot { try FileManager.default.removeItem(atPath: path + "/index/snapshot.idx") }
            let again = try Workspace.open(at: path, mode: .readOnly)
            #expect(again.openReport == [])
            #expect(again.version == 1)
            for item in items { #expect(again.item(item.id) == item) }
            #expect(again.count(.entity, inCase: nil) == 2)
            #expect(again.count(.entity, inCase: Fixture.id(1)) == 1)
            #expect(again.cases.map(\.name) == ["дело-東京"])
            again.close()
        }
    }

    @Test func indexesAnswerByIdentifierCaseKindTimeAndName() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        let c = Fixture.id(1)
        let phone = Identifier(scheme: .phone, normalized: "+447700900123")
        var items: [Item] = [Fixture.caseItem(1, "nord")]
        items.append(Fixture.entity(10, "Anna Berg", cases: [c], identifiers: [phone]))
        items.append(Fixture.entity(11, "Bo Ek", cases: [c]))
        items.append(Fixture.entity(12, "Anna Berg"))
        for i in 0..<20 { items.append(Fixture.event(100 + UInt64(i), at: 1_000 + Int64(i) * 10, cases: i % 2 == 0 ? [c] : [])) }
        try ws.commit(Fixture.batch(items))

        #expect(ws.entities(withIdentifier: phone) == [Fixture.id(10)])
        #expect(ws.entities(withIdentifier: Identifier(scheme: .phone, normalized: "+447700900124")) == [])
        #expect(ws.count(.event, inCase: nil) == 20)
        #expect(ws.count(.event, inCase: c) == 10)
        let evs = ws.events(inTime: 1_050_000_000...1_100_000_000, inCase: nil)
        #expect(evs.map(\.start.unixSeconds) == [1050, 1060, 1070, 1080, 1090, 1100])
        #expect(ws.events(inTime: 1_050_000_000...1_100_000_000, inCase: c).map(\.start.unixSeconds) == [1060, 1080, 1100])
        var seen: [ItemID] = []
        ws.forEach(.entity, inCase: c) { seen.append($0.id); return true }
        #expect(seen == [Fixture.id(10), Fixture.id(11)].sorted())

        #expect(ws.resolve("nord") == c)
        #expect(ws.resolve("Bo Ek") == Fixture.id(11))
        #expect(ws.resolve("Anna Berg") == nil)  // two entities share the name
        #expect(ws.candidates(for: "Anna Berg").count == 2)
        let full = Fixture.id(11).description
        #expect(ws.resolve(full) == Fixture.id(11))
        #expect(ws.resolve(String(full.prefix(3))) == nil)  // too short
        // Ids minted a millisecond apart share a long prefix; the shortest unique one resolves.
        let unique = (4...26).map { String(full.prefix($0)) }.first { ws.candidates(for: $0).count == 1 }
        #expect(unique.flatMap { ws.resolve($0) } == Fixture.id(11))
        ws.close()
    }

    @Test func updatesAndDeletesReplaceIndexEntries() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        let old = Identifier(scheme: .email, normalized: "a@b.example")
        let new = Identifier(scheme: .email, normalized: "c@d.example")
        try ws.commit(Fixture.batch([Fixture.entity(1, "Anna", identifiers: [old]), Fixture.event(2, at: 500)]))
        var changed = ChangeBatch(analyst: "bo", time: Fixture.time, action: "edit")
        changed.put(Fixture.entity(1, "Anna Maria", identifiers: [new]))
        changed.delete(Fixture.id(2), reason: "duplicate")
        try ws.commit(changed)
        for reopened in [false, true] {
            let w = reopened ? try Workspace.open(at: path, mode: .readOnly) : ws
            #expect(w.entities(withIdentifier: old) == [])
            #expect(w.entities(withIdentifier: new) == [Fixture.id(1)])
            #expect(w.item(Fixture.id(2)) == nil)
            #expect(w.events(inTime: 0...1_000_000_000, inCase: nil) == [])
            #expect(w.resolve("Anna Maria") == Fixture.id(1))
            #expect(w.resolve("Anna") == nil)
            #expect(w.count(.event, inCase: nil) == 0)
            if reopened { w.close() } else { ws.close() }
        }
    }

    @Test func deletingAnUnknownItemIsRefusedAndNothingIsWritten() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let ws = try Workspace.create(at: dir.sub("ws"))
        try ws.commit(Fixture.batch([Fixture.entity(1, "A")]))
        var bad = Fixture.batch([Fixture.entity(2, "B")])
        bad.delete(Fixture.id(99), reason: "x")
        #expect(throws: StoreError.self) { try ws.commit(bad) }
        #expect(ws.item(Fixture.id(2)) == nil)
        #expect(ws.version == 1)
        ws.close()
    }

    @Test func compactKeepsLiveItemsAndDropsTheRest() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        for i in 0..<10 { try ws.commit(Fixture.batch([Fixture.entity(UInt64(i), "v1-\(i)")])) }
        for i in 0..<10 { try ws.commit(Fixture.batch([Fixture.entity(UInt64(i), "v2-\(i)")])) }
        var del = ChangeBatch(analyst: "anna", time: Fixture.time, action: "delete")
        del.delete(Fixture.id(0), reason: "wrong")
        try ws.commit(del)
        let report = try ws.compact()
        #expect(report.liveItems == 9)
        #expect(report.bytesAfter < report.bytesBefore)
        #expect(ws.item(Fixture.id(3))?.displayName == "v2-3")
        try ws.commit(Fixture.batch([Fixture.entity(50, "after")]))
        ws.close()
        let again = try Workspace.open(at: path)
        #expect(again.openReport == [])
        #expect(again.count(.entity, inCase: nil) == 10)
        #expect(again.item(Fixture.id(0)) == nil)
        #expect(again.item(Fixture.id(5))?.displayName == "v2-5")
        #expect(again.resolve("after") == Fixture.id(50))
        #expect(again.version == 22)
        #expect(again.fsck().isClean)
        #expect(Disk.segments(path).count == 1)
        again.close()
    }

    @Test func anInterruptedCompactionLeavesTheOldState() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.entity(1, "kept")]))
        ws.close()
        // A compaction that died before its rename leaves a .tmp segment behind.
        Disk.write(path + "/segments/00000002.seg.tmp", [1, 2, 3, 4, 5])
        let again = try Workspace.open(at: path)
        #expect(again.openReport == ["discarded an unfinished compaction (segments/00000002.seg.tmp)"])
        #expect(again.resolve("kept") == Fixture.id(1))
        try again.commit(Fixture.batch([Fixture.entity(2, "new")]))
        again.close()
        // Segment number 2 stays used (empty) so it is never reused for other data.
        #expect(Disk.segments(path).map { String($0.suffix(12)) } == ["00000001.seg", "00000002.seg", "00000003.seg"])
        let third = try Workspace.open(at: path, mode: .readOnly)
        #expect(third.count(.entity, inCase: nil) == 2)
        #expect(third.fsck().isClean)
        third.close()
    }

    @Test func aStaleOrDamagedSnapshotIsRebuiltFromTheLog() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.entity(1, "one")]))
        ws.close()
        let snap = path + "/index/snapshot.idx"
        let first = Disk.read(snap)
        let w2 = try Workspace.open(at: path)
        try w2.commit(Fixture.batch([Fixture.entity(2, "two")]))
        w2.close()
        // An older snapshot: the log tail after it is replayed.
        Disk.write(snap, first)
        let r1 = try Workspace.open(at: path, mode: .readOnly)
        #expect(r1.resolve("two") == Fixture.id(2))
        #expect(r1.fsck().notes.contains("index snapshot is 1 transaction(s) behind the log (replayed on open)"))
        r1.close()
        // A damaged snapshot is not trusted.
        var bad = Disk.read(snap)
        bad[bad.count - 20] ^= 0x40
        Disk.write(snap, bad)
        let r2 = try Workspace.open(at: path, mode: .readOnly)
        #expect(r2.openReport == ["index snapshot checksum mismatch; index rebuilt from the log"])
        #expect(r2.resolve("one") == Fixture.id(1))
        #expect(r2.resolve("two") == Fixture.id(2))
        #expect(r2.fsck().problems == ["index/snapshot.idx: index snapshot checksum mismatch (a writer rebuilds it on open)"])
        r2.close()
    }

    @Test func createRefusesAnExistingDirectoryWithContent() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        Disk.write(dir.sub("file"), [1])
        #expect(throws: StoreError.self) { try Workspace.create(at: dir.path) }
        #expect(throws: StoreError.self) { try Workspace.open(at: dir.path) }
    }
}
