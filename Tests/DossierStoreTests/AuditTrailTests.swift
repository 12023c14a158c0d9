import DossierModel
@testable import DossierStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary directory, removed by `cleanup`.
struct AuditTempDir {
    let path: String
    init() {
        var template = Array("/tmp/dossier-audit-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = p.map { String(cString: $0) } ?? "/tmp/dossier-audit-fallback-\(getpid())"
    }
    func cleanup() {
        if let dir = opendir(path) {
            while let e = readdir(dir) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
    var auditPath: String { AuditTrail.path(in: path) }
}

func readBytes(_ path: String) -> [UInt8] { (try? JournalIO.readFile(path)) ?? [] }

func writeBytes(_ bytes: [UInt8], _ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Deterministic entries: five actions by two analysts, with non-ASCII text.
func sampleEntries() -> [AuditEntry] {
    var rng = SeededGenerator(seed: 7)
    let caseID = ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng)
    var entries: [AuditEntry] = []
    for i in 0..<5 {
        let items = (0..<(i + 1)).map { _ in ItemID(millisecondsSinceEpoch: 1_700_000_000_000, using: &rng) }
        let deleted: [ItemID] = i == 4 ? [ItemID(millisecondsSinceEpoch: 1_700_000_000_001, using: &rng)] : []
        let time = TimePoint(unixSeconds: 1_700_000_000 + Int64(i) * 60)
        let analyst = i % 2 == 0 ? "anna" : "Пётр"
        let action: AuditEntry.Action = i == 3 ? .share : .change
        let reason = i == 4 ? "duplicate — 重复" : ""
        entries.append(AuditEntry(time: time, analyst: analyst, action: action, items: ItemIDRuns(items), deleted: deleted,
                                  cases: [caseID], reason: reason, detail: "step \(i) ✓", commit: UInt64(i + 1)))
    }
    return entries
}

/// Writes the sample trail and returns the entries with the file offsets of each frame.
func writeSampleTrail(_ dir: AuditTempDir, sealing: (any JournalSealing)? = nil) throws -> (entries: [AuditEntry], offsets: [Int]) {
    let trail = try AuditTrail(workspace: dir.path, sealing: sealing)
    let entries = sampleEntries()
    for e in entries { try trail.append(e) }
    trail.close()
    let reading = try AuditTrail.read(workspace: dir.path, sealing: sealing)
    return (entries, reading.records.map { Int($0.offset) })
}

@Suite struct AuditTrailTests {
    @Test func entriesRoundTripAndVerify() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (entries, offsets) = try writeSampleTrail(dir)
        let reading = try AuditTrail.read(workspace: dir.path)
        #expect(reading.problem == nil)
        #expect(reading.isIntact)
        #expect(reading.records.map(\.entry) == entries)
        #expect(reading.records.map(\.index) == [0, 1, 2, 3, 4])
        #expect(offsets.first == ChainedJournal.headerSize)
        #expect(reading.head == reading.records.last?.hash)
        // Reopening for append continues the chain.
        let trail = try AuditTrail(workspace: dir.path)
        #expect(trail.count == 5)
        #expect(trail.head == reading.head)
        #expect(trail.openReport.isEmpty)
        try trail.append(AuditEntry(time: TimePoint(unixSeconds: 1_800_000_000), analyst: "anna", action: .export))
        trail.close()
        let again = try AuditTrail.read(workspace: dir.path)
        #expect(again.problem == nil)
        #expect(again.records.count == 6)
        #expect(again.records[5].entry?.action == .export)
    }

    @Test func editingOneEntryFailsAtThatEntry() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (_, offsets) = try writeSampleTrail(dir)
        let original = readBytes(dir.auditPath)
        for target in 0..<5 {
            // Change one byte of the payload (the analyst's name starts 48 + 12 bytes into the frame).
            var bytes = original
            bytes[offsets[target] + 48 + 16] ^= 0x20
            writeBytes(bytes, dir.auditPath)
            let reading = try AuditTrail.read(workspace: dir.path)
            #expect(reading.problem?.index == UInt64(target))
            #expect(reading.problem?.offset == Int64(offsets[target]))
            #expect(reading.problem?.isTornTail == false)
            #expect(reading.problem?.reason == "content does not match its hash (the entry was altered)")
            #expect(reading.records.count == target)
        }
    }

    @Test func editingAnEntryAndItsHashFailsAtTheNextEntry() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (_, offsets) = try writeSampleTrail(dir)
        var bytes = readBytes(dir.auditPath)
        // A forger who also recomputes the edited entry's own hash still breaks the chain at the entry after it.
        let start = offsets[1], end = offsets[2]
        bytes[end - 41] ^= 1  // the top byte of the entry's commit number
        let payload = bytes[(start + 48)..<(end - 40)]
        let tag = ChainedJournal.tag(for: "audit")
        let hash = ChainedJournal.entryHash(kindTag: tag, index: 1, previous: Array(bytes[(start + 16)..<(start + 48)]), payload: payload)
        bytes.replaceSubrange((end - 40)..<(end - 8), with: hash as [UInt8])
        writeBytes(bytes, dir.auditPath)
        let reading = try AuditTrail.read(workspace: dir.path)
        #expect(reading.problem?.index == 2)
        #expect(reading.problem?.offset == Int64(offsets[2]))
        #expect(reading.problem?.reason == "does not chain to the entry before it (an entry before it was altered, removed or moved)")
    }

    @Test func deletingOneEntryFailsAtThatEntry() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (_, offsets) = try writeSampleTrail(dir)
        let original = readBytes(dir.auditPath)
        for target in 0..<4 {
            var bytes = original
            bytes.removeSubrange(offsets[target]..<offsets[target + 1])
            writeBytes(bytes, dir.auditPath)
            let reading = try AuditTrail.read(workspace: dir.path)
            #expect(reading.problem?.index == UInt64(target))
            #expect(reading.problem?.offset == Int64(offsets[target]))
            #expect(reading.problem?.reason == "holds entry number \(target + 1) where \(target) belongs (an entry was removed, inserted or moved)")
            // Appending later never hides the break: verify still names the same entry.
            let trail = try AuditTrail(workspace: dir.path)
            try trail.append(sampleEntries()[0])
            trail.close()
            let after = try AuditTrail.read(workspace: dir.path)
            #expect(after.problem == reading.problem)
        }
    }

    @Test func reorderingTwoEntriesFailsAtTheFirstMoved() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (_, offsets) = try writeSampleTrail(dir)
        let original = readBytes(dir.auditPath)
        let fileEnd = original.count
        for target in 0..<4 {
            let a = Array(original[offsets[target]..<offsets[target + 1]])
            let bEnd = target + 2 < offsets.count ? offsets[target + 2] : fileEnd
            let b = Array(original[offsets[target + 1]..<bEnd])
            var bytes = original
            bytes.replaceSubrange(offsets[target]..<bEnd, with: b + a)
            writeBytes(bytes, dir.auditPath)
            let reading = try AuditTrail.read(workspace: dir.path)
            #expect(reading.problem?.index == UInt64(target))
            #expect(reading.problem?.offset == Int64(offsets[target]))
            #expect(reading.problem?.reason == "holds entry number \(target + 1) where \(target) belongs (an entry was removed, inserted or moved)")
        }
    }

    @Test func tornLastEntryIsCutAtEveryOffset() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (entries, offsets) = try writeSampleTrail(dir)
        let original = readBytes(dir.auditPath)
        for cut in offsets[4]..<original.count {
            writeBytes(Array(original[0..<cut]), dir.auditPath)
            let reading = try AuditTrail.read(workspace: dir.path)
            if cut == offsets[4] {
                #expect(reading.problem == nil)
            } else {
                #expect(reading.problem?.isTornTail == true)
                #expect(reading.problem?.index == 4)
                #expect(reading.isIntact)
            }
            #expect(reading.records.compactMap(\.entry) == Array(entries[0..<4]))
            let trail = try AuditTrail(workspace: dir.path)
            #expect(trail.count == 4)
            #expect(trail.openReport.count == (cut == offsets[4] ? 0 : 1))
            try trail.append(entries[4])
            trail.close()
            let healed = try AuditTrail.read(workspace: dir.path)
            #expect(healed.problem == nil)
            #expect(healed.records.compactMap(\.entry) == entries)
            #expect(readBytes(dir.auditPath) == original)
        }
    }

    @Test func zeroFilledTailIsTornButADamagedLengthInTheMiddleIsNot() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let (_, offsets) = try writeSampleTrail(dir)
        let original = readBytes(dir.auditPath)
        writeBytes(original + [UInt8](repeating: 0, count: 100), dir.auditPath)
        let zeroTail = try AuditTrail.read(workspace: dir.path)
        #expect(zeroTail.problem?.isTornTail == true)
        #expect(zeroTail.problem?.index == 5)
        #expect(zeroTail.problem?.offset == Int64(original.count))
        let trail = try AuditTrail(workspace: dir.path)
        #expect(trail.count == 5)
        trail.close()
        #expect(readBytes(dir.auditPath) == original)

        // A length in entry 1 damaged so the frame seems to run past the end: later entries follow, so it is damage.
        var bytes = original
        bytes[offsets[1] + 6] = 0x01  // + 65536 bytes
        writeBytes(bytes, dir.auditPath)
        let damaged = try AuditTrail.read(workspace: dir.path)
        #expect(damaged.problem?.isTornTail == false)
        #expect(damaged.problem?.index == 1)
        #expect(damaged.problem?.offset == Int64(offsets[1]))
        let writer = try AuditTrail(workspace: dir.path)
        #expect(writer.count == 5)
        try writer.append(sampleEntries()[0])
        writer.close()
        #expect(Array(readBytes(dir.auditPath).prefix(bytes.count)) == bytes)  // damage is never cut
        #expect(try AuditTrail.read(workspace: dir.path).problem == damaged.problem)

        // Damage in the last entry itself is found on open: nothing is cut and appends are refused.
        var lastDamaged = original
        lastDamaged[offsets[4] + 48 + 16] ^= 0x20
        writeBytes(lastDamaged, dir.auditPath)
        let refusing = try AuditTrail(workspace: dir.path)
        #expect(refusing.openReport.count == 1)
        #expect(throws: JournalError.self) { try refusing.append(sampleEntries()[0]) }
        refusing.close()
        #expect(readBytes(dir.auditPath) == lastDamaged)
    }

    @Test func sealedTrailHidesEntriesAndVerifiesWithoutTheKey() throws {
        let dir = AuditTempDir()
        defer { dir.cleanup() }
        let sealing = try AESGCMSealing(key: [UInt8](repeating: 7, count: 32))
        let (entries, offsets) = try writeSampleTrail(dir, sealing: sealing)
        let bytes = readBytes(dir.auditPath)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("anna"))
        #expect(!text.contains("step"))
        let withKey = try AuditTrail.read(workspace: dir.path, sealing: sealing)
        #expect(withKey.isSealed)
        #expect(withKey.records.compactMap(\.entry) == entries)
        let withoutKey = try AuditTrail.read(workspace: dir.path)
        #expect(withoutKey.problem == nil)
        #expect(withoutKey.records.count == 5)
        #expect(withoutKey.records.allSatisfy { $0.entry == nil })
        #expect(throws: JournalError.self) { _ = try AuditTrail(workspace: dir.path) }  // no appends without the key
        let wrongKey = try AESGCMSealing(key: [UInt8](repeating: 8, count: 32))
        #expect(throws: JournalError.self) { _ = try AuditTrail.read(workspace: dir.path, sealing: wrongKey) }
        var edited = bytes
        edited[offsets[2] + 60] ^= 1
        writeBytes(edited, dir.auditPath)
        #expect(try AuditTrail.read(workspace: dir.path).problem?.index == 2)
    }

    @Test func entryCodecRejectsTruncatedPayloads() throws {
        let encoded = sampleEntries()[4].encoded
        #expect(try AuditEntry(decoding: encoded) == sampleEntries()[4])
        for n in 0..<encoded.count {
            #expect(throws: JournalDecodingError.self) { _ = try AuditEntry(decoding: Array(encoded[0..<n])) }
        }
        #expect(throws: JournalDecodingError.self) { _ = try AuditEntry(decoding: encoded + [0]) }
    }

    /// An entry names its items as runs: a million consecutive ids take one run's 24 bytes (plus the count).
    @Test func consecutiveItemsEncodeAsOneRun() throws {
        let first = ItemID(high: 0x0190_0000_0000_0001, low: UInt64.max - 10)
        let items = ItemIDRuns((0..<1_000_000 as Range<UInt64>).lazy.map { k in
            ItemIDRuns.Run(first: first, count: k + 1).id(at: k)
        })
        #expect(items.runs.count == 1)
        let entry = AuditEntry(time: TimePoint(unixSeconds: 1_700_000_000), analyst: "anna", action: .import, items: items,
                               detail: "import calls.csv", commit: 2, osUser: "anna")
        let bare = AuditEntry(time: entry.time, analyst: "anna", action: .import, detail: "import calls.csv", commit: 2, osUser: "anna")
        #expect(entry.encoded.count == bare.encoded.count + 24)
        let back = try AuditEntry(decoding: entry.encoded)
        #expect(back == entry)
        #expect(back.items.count == 1_000_000)
        #expect(back.items.contains(ItemID(high: first.high + 1, low: 999_988)))
        #expect(!back.items.contains(ItemID(high: first.high + 1, low: 999_989)))
    }

    /// Entries written before runs (version 1: a plain list of ids) are still read, with their ids in their order.
    @Test func versionOneEntriesStillDecode() throws {
        var w = JournalWriter()
        w.u8(1)
        w.time(TimePoint(unixSeconds: 1_700_000_000))
        w.string("anna")
        w.string("change")
        w.ids([ItemID(high: 5, low: 9), ItemID(high: 5, low: 10), ItemID(high: 1, low: 1)])
        w.ids([ItemID(high: 6, low: 0)])
        w.ids([])
        w.string("why")
        w.string("add entity")
        w.u64(3)
        w.string("root")
        let entry = try AuditEntry(decoding: w.bytes)
        #expect(Array(entry.items) == [ItemID(high: 5, low: 9), ItemID(high: 5, low: 10), ItemID(high: 1, low: 1)])
        #expect(entry.items.runs.count == 2)
        #expect(entry.deleted == [ItemID(high: 6, low: 0)])
        #expect(entry.reason == "why" && entry.detail == "add entity" && entry.commit == 3 && entry.osUser == "root")
        // A run of no ids is damage, not an empty run.
        var bad = JournalWriter()
        bad.u32(1)
        bad.id(ItemID(high: 1, low: 1))
        bad.u64(0)
        var r = JournalReader(bad.bytes)
        #expect(throws: JournalDecodingError.self) { _ = try r.idRuns("items") }
    }

    @Test func batchEntryNamesItemsCasesAndReasons() throws {
        var rng = SeededGenerator(seed: 3)
        let t = TimePoint(unixSeconds: 1_700_000_000)
        let caseA = Case(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 1, using: &rng), analyst: "anna", at: t), name: "a")
        let e1 = Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 2, using: &rng), cases: [caseA.meta.id], analyst: "anna", at: t),
                        kind: .person, name: "X")
        let e2 = Entity(meta: ItemMeta(id: ItemID(millisecondsSinceEpoch: 3, using: &rng), cases: [caseA.meta.id], analyst: "anna", at: t),
                        kind: .person, name: "Y")
        let before = InMemoryItems([.case(caseA), .entity(e2)])
        var batch = ChangeBatch(analyst: "bob", time: t, action: "merge", reason: "same person")
        batch.put(.entity(e1))
        batch.delete(e2.meta.id, reason: "duplicate of X")
        let entry = AuditEntry.forBatch(batch, before: before, commit: 9)
        #expect(entry == AuditEntry(time: t, analyst: "bob", action: .change, items: [e1.meta.id], deleted: [e2.meta.id],
                                    cases: [caseA.meta.id], reason: "same person; duplicate of X", detail: "merge", commit: 9))
        #expect(AuditFilter(caseID: caseA.meta.id, analyst: "BOB", since: t).matches(entry))
        #expect(!AuditFilter(analyst: "anna").matches(entry))
        #expect(!AuditFilter(since: TimePoint(unixSeconds: 1_700_000_001)).matches(entry))
    }
}
