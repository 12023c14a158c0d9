import DossierModel
@testable import DossierStore
import Foundation
import Testing

@Suite struct RecoveryTests {
    /// Three committed transactions; returns the segment bytes and where the third one starts.
    func threeTransactions(_ path: String) throws -> (segment: String, bytes: [UInt8], secondStart: Int, thirdStart: Int) {
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "nord"), Fixture.entity(2, "Ана", cases: [Fixture.id(1)])]))
        let secondStart = Disk.read(Disk.segments(path)[0]).count
        try ws.commit(Fixture.batch([Fixture.event(3, at: 100, cases: [Fixture.id(1)], participants: [Fixture.id(2)])]))
        let segment = Disk.segments(path)[0]
        let thirdStart = Disk.read(segment).count
        var third = Fixture.batch([Fixture.entity(4, "第三 🚀"), Fixture.event(5, at: 200)])
        third.delete(Fixture.id(3), reason: "wrong")
        try ws.commit(third)
        ws.close()
        return (segment, Disk.read(segment), secondStart, thirdStart)
    }

    func expectFirstTwo(_ ws: Workspace) {
        #expect(ws.version == 2)
        #expect(ws.item(Fixture.id(2))?.displayName == "Ана")
        #expect(ws.item(Fixture.id(3)) != nil)
        #expect(ws.item(Fixture.id(4)) == nil)
        #expect(ws.item(Fixture.id(5)) == nil)
        #expect(ws.count(.entity, inCase: nil) == 1)
        #expect(ws.events(inTime: 0...1_000_000_000, inCase: nil).map(\.meta.id) == [Fixture.id(3)])
    }

    @Test func truncatingTheLastTransactionAtEveryByteKeepsExactlyTheEarlierOnes() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let (segment, bytes, _, thirdStart) = try threeTransactions(path)
        #expect(bytes.count - thirdStart > 100)
        for cut in thirdStart..<bytes.count {
            for extra in Disk.segments(path) where extra != segment { try FileManager.default.removeItem(atPath: extra) }
            Disk.write(segment, Array(bytes[..<cut]))
            let reader = try Workspace.open(at: path, mode: .readOnly)
            expectFirstTwo(reader)
            reader.close()
            let writer = try Workspace.open(at: path)
            expectFirstTwo(writer)
            if cut > thirdStart {
                #expect(writer.openReport.count == 1)
                #expect(writer.openReport.first?.hasPrefix("cut \(cut - thirdStart) bytes of an unfinished transaction at segments/00000001.seg byte \(thirdStart)") == true)
            }
            #expect(!writer.isReadOnly)
            writer.close()
            #expect(Disk.read(segment).count == thirdStart)
        }
        // After a cut the writer continues in a new segment, and everything stays consistent.
        let w = try Workspace.open(at: path)
        try w.commit(Fixture.batch([Fixture.entity(6, "later")]))
        #expect(w.fsck().isClean)
        w.close()
        #expect(Disk.segments(path).count == 2)
    }

    @Test func aSegmentWhoseHeaderNeverGotWrittenIsCutAndReplaced() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.entity(1, "kept")]))
        ws.close()
        // A crash while creating the next segment: its size reached 32 bytes but the bytes are zeros.
        Disk.write(path + "/segments/00000002.seg", [UInt8](repeating: 0, count: 32))
        let reader = try Workspace.open(at: path, mode: .readOnly)
        #expect(!reader.openReport.isEmpty)
        #expect(reader.resolve("kept") == Fixture.id(1))
        reader.close()
        let writer = try Workspace.open(at: path)
        #expect(writer.openReport == ["cut 32 bytes of an unfinished transaction at segments/00000002.seg byte 0 (not a segment file (bad magic))"])
        #expect(!writer.isReadOnly)
        try writer.commit(Fixture.batch([Fixture.entity(2, "next")]))
        #expect(writer.fsck().isClean)
        writer.close()
        #expect(Disk.read(path + "/segments/00000002.seg").isEmpty)
        #expect(Disk.segments(path).count == 3)
    }

    @Test func aFlippedByteInTheMiddleIsReportedWithItsOffsetAndOpensReadOnly() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let (segment, bytes, firstEnd, thirdStart) = try threeTransactions(path)
        // A byte inside the second transaction's first record (committed data follows it).
        var damaged = bytes
        damaged[firstEnd + 20] ^= 0x01
        Disk.write(segment, damaged)
        #expect(thirdStart > firstEnd)
        let ws = try Workspace.open(at: path)
        #expect(ws.isReadOnly)
        #expect(ws.openReport == [
            "segments/00000001.seg: damaged record at byte \(firstEnd) (checksum mismatch); committed data follows it",
            "opened read-only because of the damage above; nothing was changed",
        ])
        #expect(throws: StoreError.self) { try ws.commit(Fixture.batch([Fixture.entity(9, "x")])) }
        let report = ws.fsck()
        #expect(report.problems.first == "segments/00000001.seg: damaged record at byte \(firstEnd) (checksum mismatch); committed data follows it")
        ws.close()
        #expect(Disk.read(segment) == damaged)  // nothing was changed
    }

    @Test func aSecondWriterIsRefusedNamingTheHolder() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        #expect {
            try Workspace.open(at: path)
        } throws: { error in
            "\(error)".contains("is being changed by another writer (pid \(getpid()))")
        }
        let reader = try Workspace.open(at: path, mode: .readOnly)
        reader.close()
        ws.close()
        let next = try Workspace.open(at: path)
        next.close()
    }

    @Test func aReaderDuringAWriteSeesOnlyCommittedData() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.entity(1, "committed")]))
        // A writer half-way through its next transaction: data frames on disk, no commit record yet.
        let segment = Disk.segments(path)[0]
        let before = Disk.read(segment)
        try ws.commit(Fixture.batch([Fixture.entity(2, "in flight"), Fixture.entity(3, "in flight 2")]))
        let after = Disk.read(segment)
        let fd = open(segment, O_WRONLY)
        ftruncate(fd, off_t(before.count))
        close(fd)
        // The reader opens while "the writer works": the partial transaction is present but not committed.
        Disk.write(segment, Array(after[..<(after.count - 10)]))
        let reader = try Workspace.open(at: path, mode: .readOnly)
        #expect(reader.item(Fixture.id(1)) != nil)
        #expect(reader.item(Fixture.id(2)) == nil)
        #expect(reader.item(Fixture.id(3)) == nil)
        #expect(reader.version == 1)
        #expect(Disk.read(segment).count == after.count - 10)  // a reader never changes files
        reader.close()
        ws.close()
    }

    @Test func aReaderOpenedBeforeACommitKeepsItsViewAndANewReaderSeesTheCommit() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        try ws.commit(Fixture.batch([Fixture.entity(1, "first")]))
        let early = try Workspace.open(at: path, mode: .readOnly)
        try ws.commit(Fixture.batch([Fixture.entity(2, "second")]))
        #expect(early.item(Fixture.id(2)) == nil)
        #expect(early.item(Fixture.id(1)) != nil)
        let late = try Workspace.open(at: path, mode: .readOnly)
        #expect(late.item(Fixture.id(2)) != nil)
        early.close()
        late.close()
        ws.close()
    }
}
