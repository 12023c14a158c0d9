import DossierModel
@testable import DossierStore
import Foundation
import Testing

/// The index snapshot (version 2: arrays used in place from a mapping, block checksums; sealed in chunks when
/// encrypted) and the read side around it. The log is the truth: every damaged or cut snapshot is rebuilt.
@Suite struct SnapshotTests {
    static let passphrase = "snapshot test passphrase"

    /// A closed workspace with a case, 30 phones and 300 calls (10 a minute apart per phone pair), snapshot written.
    func build(_ path: String, encrypted: Bool) throws {
        let ws = try Workspace.create(at: path, options: WorkspaceOptions(encrypted: encrypted, passphrase: Self.passphrase,
                                                                             scryptLogN: 10))
        var items: [Item] = [Fixture.caseItem(1, "op")]
        for p in 0..<30 {
            items.append(Fixture.entity(100 + UInt64(p), "phone \(p)", kind: .phone, cases: [Fixture.id(1)],
                                        identifiers: [Identifier(scheme: .phone, normalized: "+4477009000\(10 + p)")]))
        }
        for e in 0..<300 {
            items.append(Fixture.event(1000 + UInt64(e), at: 1_700_000_000 + Int64(e) * 60, cases: e % 2 == 0 ? [Fixture.id(1)] : [],
                                       participants: [Fixture.id(100 + UInt64(e % 30)), Fixture.id(100 + UInt64((e + 1) % 30))]))
        }
        try ws.commit(Fixture.batch(items))
        ws.close()
    }

    /// What a reader must see in the workspace built by `build`.
    func expectContent(_ ws: Workspace, _ where_: String) {
        #expect(ws.count(.event, inCase: nil) == 300, "\(where_)")
        #expect(ws.count(.event, inCase: Fixture.id(1)) == 150, "\(where_)")
        #expect(ws.entities(withIdentifier: Identifier(scheme: .phone, normalized: "+447700900017")) == [Fixture.id(107)], "\(where_)")
        #expect(ws.resolve("phone 3") == Fixture.id(103), "\(where_)")
        let range = ws.events(inTime: (1_700_000_000 + 60) * 1_000_000...(1_700_000_000 + 120) * 1_000_000, inCase: nil)
        #expect(range.map(\.meta.id) == [Fixture.id(1001), Fixture.id(1002)], "\(where_)")
        #expect(ws.cases.map(\.name) == ["op"], "\(where_)")
    }

    @Test(arguments: [false, true]) func theSnapshotIsUsedInPlaceAndChangesCopyIt(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try build(path, encrypted: encrypted)
        let pass = encrypted ? Self.passphrase : nil
        let r = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
        #expect(r.openReport == [])
        expectContent(r, "from the snapshot")
        // All events in start order, decoded in parallel and joined in order.
        let all = r.events(inTime: Int64.min...Int64.max, inCase: nil)
        #expect(all.map(\.meta.id) == (0..<300).map { Fixture.id(1000 + UInt64($0)) })
        #expect(all[7].participants.map(\.role) == [.caller, .caller])
        #expect(r.fsck().problems == [])
        r.close()

        // A writer changes the index it opened from the snapshot: the mapped arrays are copied, never written.
        let w = try Workspace.open(at: path, passphrase: pass)
        try w.commit(ChangeBatch(changes: [.delete(Fixture.id(1005), reason: "wrong"), .put(Fixture.event(1003, at: 1_600_000_000))],
                                 analyst: "anna", time: Fixture.time, action: "fix"))
        #expect(w.count(.event, inCase: nil) == 299)
        #expect(w.events(inTime: Int64.min...Int64.max, inCase: nil).first?.meta.id == Fixture.id(1003))
        w.close()
        let again = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
        #expect(again.openReport == [])
        #expect(again.count(.event, inCase: nil) == 299)
        #expect(again.item(Fixture.id(1005)) == nil)
        #expect(again.events(inTime: Int64.min...Int64.max, inCase: nil).first?.meta.id == Fixture.id(1003))
        #expect(again.fsck().problems == [])
        again.close()
    }

    /// A snapshot larger than the pieces it is written in (and, encrypted, than one sealed chunk): every piece's
    /// block checksums and every chunk must come out as one file that opens in place.
    @Test(arguments: [false, true]) func aSnapshotOfSeveralPiecesIsUsedInPlace(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let pass = encrypted ? Self.passphrase : nil
        let ws = try Workspace.create(at: path, options: WorkspaceOptions(encrypted: encrypted, passphrase: Self.passphrase,
                                                                             scryptLogN: 10))
        let n = 50_000  // 112 index bytes each: more than one 4 MiB piece
        var items: [Item] = [Fixture.caseItem(1, "op")]
        for e in 0..<n { items.append(Fixture.event(1000 + UInt64(e), at: 1_700_000_000 + Int64(e) * 60, cases: [Fixture.id(1)])) }
        try ws.commit(Fixture.batch(items))
        ws.close()
        #expect(IndexSnapshot.pieceSize < n * 112)
        let r = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
        #expect(r.openReport == [])
        #expect(r.count(.event, inCase: nil) == n)
        #expect(r.count(.event, inCase: Fixture.id(1)) == n)
        let last = r.events(inTime: (1_700_000_000 + Int64(n - 2) * 60) * 1_000_000...Int64.max, inCase: nil)
        #expect(last.map(\.meta.id) == [Fixture.id(1000 + UInt64(n - 2)), Fixture.id(1000 + UInt64(n - 1))])
        #expect(r.item(Fixture.id(1000 + 31_337))?.event?.start == TimePoint(unixSeconds: 1_700_000_000 + 31_337 * 60))
        r.close()
    }

    @Test(arguments: [false, true]) func everyFlippedByteOrCutOfTheSnapshotIsDetectedAndRebuilt(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try build(path, encrypted: encrypted)
        let pass = encrypted ? Self.passphrase : nil
        let snap = path + "/index/snapshot.idx"
        let good = Disk.read(snap)
        #expect(good.count > 20_000)
        // Every byte of the header and trailer, and every 97th byte in between (all of them are covered by a checksum
        // or a GCM tag; the stride keeps the test quick).
        var positions = Array(0..<512) + Array(stride(from: 512, to: good.count - 512, by: 97)) + Array((good.count - 512)..<good.count)
        positions = Array(Set(positions)).sorted()
        var undetected: [Int] = []
        for p in positions {
            var bad = good
            bad[p] ^= 0x10
            Disk.write(snap, bad)
            let r = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
            if r.openReport.count != 1 || !r.openReport[0].hasSuffix("; index rebuilt from the log") { undetected.append(p) }
            if p % 4000 < 97 { expectContent(r, "flipped byte \(p)") }
            r.close()
        }
        #expect(undetected == [])
        for cut in [0, 1, 39, 40, 100, good.count / 2, good.count - 17, good.count - 1] {
            Disk.write(snap, Array(good[0..<cut]))
            let r = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
            #expect(r.openReport.count == 1 && r.openReport[0].hasSuffix("index rebuilt from the log"), "cut at \(cut)")
            expectContent(r, "cut at \(cut)")
            r.close()
        }
        // A writer that had to rebuild the index writes a good snapshot again when it closes.
        Disk.write(snap, Array(good[0..<100]))
        try Workspace.open(at: path, passphrase: pass).close()
        let healed = try Workspace.open(at: path, mode: .readOnly, passphrase: pass)
        #expect(healed.openReport == [])
        expectContent(healed, "after a writer rebuilt the snapshot")
        healed.close()
    }

    @Test func anEncryptedSnapshotHoldsNoPlaintextAndTheWrongKeyIsRefused() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try build(path, encrypted: true)
        let sealed = Disk.read(path + "/index/snapshot.idx")
        #expect(Array(sealed[0..<4]) == Array("DIXS".utf8))
        // The plain layout's magic and the phone's key hash must not appear.
        let key = KeyHash.identifier(Identifier(scheme: .phone, normalized: "+447700900017"))
        let keyBytes = withUnsafeBytes(of: key) { Array($0) }
        #expect(!contains(sealed, keyBytes))
        #expect(!contains(sealed, Array("DIDX".utf8)))
        let other = RecordCipher(dataKey: .init(size: .bits256))
        guard case .failure(let e) = IndexSnapshot.read(from: path + "/index/snapshot.idx", cipher: other) else {
            Issue.record("a snapshot opened with another key")
            return
        }
        #expect(e.description == "dossier index snapshot does not decrypt (wrong key or damaged file)")
    }

    func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return true }
        return false
    }

    @Test func fsckVerifiesTheAuditTrailsHashChain() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let ws = try Workspace.create(at: path)
        for n in 1...3 { try ws.commit(Fixture.batch([Fixture.entity(UInt64(n), "p\(n)")])) }
        ws.close()
        let r = try Workspace.open(at: path, mode: .readOnly)
        let clean = r.fsck()
        #expect(clean.problems == [])
        let head = try r.readAudit().head
        #expect(clean.notes.contains("audit trail: 3 entries, hash chain intact, head \(head)"))
        r.close()

        // Change one byte inside the second entry: fsck names that entry and its offset.
        let trail = path + "/" + AuditTrail.fileName
        var bytes = Disk.read(trail)
        let second = entryOffsets(bytes)[1]
        bytes[second + 100] ^= 0x01
        Disk.write(trail, bytes)
        let damaged = try Workspace.open(at: path, mode: .readOnly)
        let report = damaged.fsck()
        #expect(!report.isClean)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix("audit.log: hash chain broken at entry 1 (byte offset \(second)): ") == true)
        #expect(report.problems.first?.hasSuffix("; 1 entries before it verified") == true)
        damaged.close()
    }

    /// Byte offsets of a journal's entries (header 32 bytes; frame = 88 bytes + the payload length stored at +4).
    func entryOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var o = 32
        while o + 8 <= bytes.count {
            offsets.append(o)
            let length = Int(bytes[o + 4]) | Int(bytes[o + 5]) << 8 | Int(bytes[o + 6]) << 16 | Int(bytes[o + 7]) << 24
            o += 88 + length
        }
        return offsets
    }

    @Test func keysAreReadOnAReadOnlyOpenBesideAWriter() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        let writer = try Workspace.create(at: path)
        defer { writer.close() }
        let before = try Workspace.open(at: path, mode: .readOnly)
        #expect(try before.existingKeys() == nil)
        before.close()
        let made = try writer.keys(analyst: "anna")
        // The writer still holds the lock: a reader gets the same keys, and generates nothing.
        let reader = try Workspace.open(at: path, mode: .readOnly)
        let read = try reader.existingKeys()
        #expect(read?.signingKey == made.signingKey)
        #expect(read?.agreementKey == made.agreementKey)
        #expect(reader.isReadOnly)
        reader.close()
    }

    @Test(arguments: [false, true]) func aRecordDamagedAfterOpeningIsNeverReturned(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let path = dir.sub("ws")
        try build(path, encrypted: encrypted)
        let r = try Workspace.open(at: path, mode: .readOnly, passphrase: encrypted ? Self.passphrase : nil)
        defer { r.close() }
        let ref = try #require(r.stateForMaintenance.index.entry(Fixture.id(1001))).ref
        // Change one payload byte on disk under the open workspace (its segments are shared mappings): the frame
        // checksum (plain) or the GCM tag (encrypted) catches it on every read.
        let segment = Disk.segments(path)[0]
        var bytes = Disk.read(segment)
        bytes[Int(ref.offset) + 9 + 40] ^= 0x01
        let fd = open(segment, O_WRONLY)
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + Int(ref.offset) + 49, 1, off_t(Int(ref.offset) + 49)) }
        #expect(r.item(Fixture.id(1001)) == nil)
        #expect(r.item(Fixture.id(1002)) != nil)
        let range = r.events(inTime: 1_700_000_000 * 1_000_000...(1_700_000_000 + 180) * 1_000_000, inCase: nil)
        #expect(range.map(\.meta.id) == [Fixture.id(1000), Fixture.id(1002), Fixture.id(1003)])
    }
}
