import DossierModel
@testable import DossierStore
import Foundation
import Synchronization
import Testing

/// The time-range scan (`events(inTime:inCase:)`) decodes records on its own fast path; these tests pin its results
/// to exactly what the general record decoder gives, in exactly the index's order, on plain and encrypted
/// workspaces, across segments, and on both the one-thread and the split-in-parts paths.
@Suite struct TimeScanTests {
    static let t0: Int64 = 1_700_000_000

    /// Event `n` (1-based) of a varied set: every optional field present or absent in turn, case lists that repeat
    /// from one event to the next and ones that change, non-ASCII and long strings, 0 to 3 participants.
    static func event(_ n: UInt64, cases: [ItemID]) -> Event {
        var m = Fixture.meta(1000 + n, cases: n % 7 == 3 ? [] : (n % 5 == 0 ? cases.reversed() : cases))
        if n % 4 == 1 { m.source = Fixture.id(5) }
        if n % 6 == 2 { m.tags = ["東京", "tag-\(n % 3)"] }
        if n % 9 == 4 { m.grading = Grading(.c, .possiblyTrue) }
        if n % 11 == 5 { m.handling = HandlingCode(scheme: .tlp, code: "AMBER") }
        m.reviewed = n % 2 == 0
        m.flagged = n % 3 == 0
        if n % 8 == 6 { m.modifiedBy = "Zoë Ångström-Łukasiewicz"; m.modifiedAt = TimePoint(unixSeconds: t0 + 99, offsetMinutes: -300) }
        let kinds: [EventKind] = [.call, "звонок", .meeting, "a-kind-name-longer-than-sixteen-bytes"]
        let roles: [ParticipantRole] = [.caller, .receiver, "получатель"]
        // Spread over an hour, with ties (several events in one second) and times before 1970.
        let seconds = n % 13 == 0 ? -86_400 * Int64(n) : t0 + Int64(n * 7 % 3600)
        let start = TimePoint(utcMicros: seconds * 1_000_000 + Int64(n % 3) * 17, offsetMinutes: n % 2 == 0 ? 60 : 0,
                              precision: n % 10 == 0 ? .day : .microsecond)
        return Event(meta: m, kind: kinds[Int(n % 4)], start: start,
                     end: n % 3 == 1 ? nil : TimePoint(utcMicros: start.utcMicros + Int64(n) * 1_000_003),
                     participants: (0..<(n % 4)).map { Participant(Fixture.id(10 + $0 + n % 5), role: roles[Int(($0 + n) % 3)]) },
                     place: n % 5 == 2 ? Fixture.id(6) : nil,
                     amount: n % 6 == 1 ? Money(tenThousandths: Int64(n) * -12_345, currency: n % 12 == 1 ? "eur" : "GBP") : nil,
                     summary: n % 4 == 2 ? "通話 ☎️ \(n)" : (n % 4 == 3 ? String(repeating: "x", count: Int(n % 300)) : ""),
                     attributes: n % 7 == 1 ? [Attribute("cell", "Ñandú"), Attribute("imei", "35\(n)")] : [])
    }

    static func events(_ range: ClosedRange<UInt64>) -> [Event] {
        let cases = [Fixture.id(1), Fixture.id(2)]
        return range.map { event($0, cases: $0 % 3 == 0 ? [cases[0]] : cases) }
    }

    /// What the scan must return: the events with their time in `range`, by time then id.
    /// A new workspace in `dir` (sealed when `encrypted`) holding the two cases the test events belong to.
    static func workspaceWithTwoCases(_ dir: TempDir, encrypted: Bool) throws -> (path: String, options: WorkspaceOptions, ws: Workspace) {
        let path = dir.sub("ws")
        let options = encrypted ? EncryptionTests.options : WorkspaceOptions()
        let ws = try Workspace.create(at: path, options: options)
        try ws.commit(Fixture.batch([Fixture.caseItem(1, "one"), Fixture.caseItem(2, "two")]))
        return (path, options, ws)
    }

    static func expected(_ all: [Event], _ range: ClosedRange<Int64>, inCase c: ItemID? = nil) -> [Event] {
        all.filter { range.contains($0.start.utcMicros) && (c == nil || $0.meta.cases.contains(c!)) }
            .sorted { ($0.start.utcMicros, $0.meta.id) < ($1.start.utcMicros, $1.meta.id) }
    }

    func checkScans(_ ws: Workspace, _ all: [Event]) {
        let everything = Int64.min...Int64.max
        let full = ws.events(inTime: everything, inCase: nil)
        #expect(full.count == all.count)
        #expect(full == Self.expected(all, everything))
        // Each scanned event is exactly the event the general decoder reads for its id.
        for e in full.prefix(400) { #expect(ws.item(e.meta.id) == .event(e)) }
        let window = (Self.t0 + 600) * 1_000_000...(Self.t0 + 1800) * 1_000_000 - 1
        #expect(ws.events(inTime: window, inCase: nil) == Self.expected(all, window))
        #expect(ws.events(inTime: window, inCase: Fixture.id(2)) == Self.expected(all, window, inCase: Fixture.id(2)))
        #expect(ws.events(inTime: everything, inCase: Fixture.id(1)) == Self.expected(all, everything, inCase: Fixture.id(1)))
        #expect(ws.events(inTime: 0...1, inCase: nil) == [])
    }

    /// `checkScans` on the open workspace, then closed, then on a fresh read-only open of it.
    func checkScansBeforeAndAfterReopening(_ ws: Workspace, _ path: String, _ options: WorkspaceOptions, _ all: [Event]) throws {
        checkScans(ws, all)
        ws.close()
        let reader = try Workspace.open(at: path, mode: .readOnly, passphrase: options.passphrase)
        checkScans(reader, all)
        reader.close()
    }

    @Test(arguments: [false, true])
    func aScanReturnsExactlyTheStoredEventsInTimeOrder(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let (path, options, ws) = try Self.workspaceWithTwoCases(dir, encrypted: encrypted)
        // 5,000 events: large scans are split into parts decoded on several threads, small ones are not.
        let all = Self.events(1...5000)
        try ws.commit(Fixture.batch(all.prefix(3000).map { .event($0) }))
        try ws.commit(Fixture.batch(all.dropFirst(3000).map { .event($0) }))
        try checkScansBeforeAndAfterReopening(ws, path, options, all)
    }

    @Test(arguments: [false, true])
    func aScanReadsAcrossSegments(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let (path, options, ws) = try Self.workspaceWithTwoCases(dir, encrypted: encrypted)
        let all = Self.events(1...3000)
        // Odd events in the first segment, even ones in the second, so a scan alternates between the two.
        try ws.commit(Fixture.batch(all.enumerated().filter { $0.offset % 2 == 0 }.map { .event($0.element) }))
        ws.close()
        // An unfinished transaction at the end makes the next writer cut it and continue in a new segment.
        let first = Disk.segments(path)[0]
        Disk.write(first, Disk.read(first) + [7, 0, 0, 0, 1, 2, 3, 4, 1, 9])
        let writer = try Workspace.open(at: path, passphrase: options.passphrase)
        try writer.commit(Fixture.batch(all.enumerated().filter { $0.offset % 2 == 1 }.map { .event($0.element) }))
        #expect(Disk.segments(path).count == 2)
        try checkScansBeforeAndAfterReopening(writer, path, options, all)
    }

    /// Plain: the frame's checksum no longer matches. Encrypted: the record's authentication tag no longer verifies
    /// (every record is authenticated before any of it is decoded).
    @Test(arguments: [false, true])
    func aDamagedRecordIsLeftOutOfTheScanNotDecoded(encrypted: Bool) throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let (path, options, ws) = try Self.workspaceWithTwoCases(dir, encrypted: encrypted)
        let all = Self.events(1...3000)
        try ws.commit(Fixture.batch(all.map { .event($0) }))
        let victim = all[1234]
        let ref = try #require(ws.stateForMaintenance.index.entry(victim.meta.id)).ref
        ws.close()
        // One byte of the record's payload changes (the kind's first byte): its checksum no longer matches.
        let segment = Disk.segments(path)[0]
        var bytes = Disk.read(segment)
        let at = Int(ref.offset) + SegmentFormat.frameHeaderSize + Int(ref.length) / 2
        bytes[at] ^= 0x01
        Disk.write(segment, bytes)
        let reader = try Workspace.open(at: path, mode: .readOnly, passphrase: options.passphrase)
        let scanned = reader.events(inTime: Int64.min...Int64.max, inCase: nil)
        #expect(scanned == Self.expected(all, Int64.min...Int64.max).filter { $0.meta.id != victim.meta.id })
        #expect(reader.item(victim.meta.id) == nil)
        #expect(!reader.fsck().isClean)
        reader.close()
    }

    @Test func scansFromSeveralThreadsAtOnceEachGetExactlyTheirEvents() throws {
        let dir = TempDir()
        defer { dir.cleanup() }
        let (_, _, ws) = try Self.workspaceWithTwoCases(dir, encrypted: false)
        defer { ws.close() }
        let all = Self.events(1...5000)
        try ws.commit(Fixture.batch(all.map { .event($0) }))
        let everything = Int64.min...Int64.max
        let window = (Self.t0 + 300) * 1_000_000...(Self.t0 + 3000) * 1_000_000 - 1
        let expected = [Self.expected(all, everything), Self.expected(all, window)]
        // Four threads, five large scans each: the helpers take the jobs of several callers in turn.
        let results = Mutex<[Int: [[Event]]]>([:])
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            var mine: [[Event]] = []
            for i in 0..<5 { mine.append(ws.events(inTime: i % 2 == 0 ? everything : window, inCase: nil)) }
            results.withLock { $0[t] = mine }
        }
        let got = results.withLock { $0 }
        #expect(got.count == 4)
        for t in 0..<4 {
            #expect(got[t]?.count == 5)
            for (i, scan) in (got[t] ?? []).enumerated() { #expect(scan == expected[i % 2], "thread \(t), scan \(i)") }
        }
    }

    /// A job posted to a helper runs on the helper's thread, whether the helper is still awake after its last job
    /// or has gone to sleep (then the post wakes it).
    @Test func aHelperRunsJobsPostedWhileItIsAwakeOrAsleep() throws {
        let worker = try #require(ScanWorker.start())
        final class Probe: ScanHelperJob, @unchecked Sendable {
            let done = DispatchSemaphore(value: 0)
            var thread: pthread_t?
            func run() {
                thread = pthread_self()
                done.signal()
            }
        }
        for pause in [0, 0, 20, 0, 20] {
            // 20 ms is well past the time a helper stays awake, so it is asleep when the next job comes.
            if pause > 0 { usleep(UInt32(pause) * 1000) }
            let probe = Probe()
            worker.post(probe)
            // Generous: this is not a timing test; the job must run at all.
            #expect(probe.done.wait(timeout: .now() + 30) == .success)
            #expect(probe.thread.map { pthread_equal($0, pthread_self()) == 0 } == true)
        }
    }

    @Test func theScanDecoderAgreesWithTheItemCodecAndRefusesDamagedRecords() throws {
        // The fast path (fields moved into place) is the one in use: the model's Event has the fields it expects.
        #expect(EventLayout.current != nil)
        // ... and the check behind it notices a property with another type or a missing one.
        var changedType = EventLayout.metaFields
        changedType[1].1 = Set<ItemID>.self
        #expect(!EventLayout.hasExactly(changedType, Fixture.meta(1)))
        #expect(!EventLayout.hasExactly(Array(EventLayout.metaFields.dropLast()), Fixture.meta(1)))
        #expect(EventLayout.hasExactly(EventLayout.metaFields, Fixture.meta(1)))
        var decoder = EventScanDecoder()
        let slot = UnsafeMutablePointer<Event>.allocate(capacity: 1)
        defer { slot.deallocate() }
        for e in Self.events(1...400) {
            let bytes = ItemCodec.encode(.event(e))
            try bytes.withUnsafeBytes { try decoder.decode($0, into: slot) }
            #expect(slot.pointee == e)
            #expect(try ItemCodec.decode(bytes) == .event(e))
            slot.deinitialize(count: 1)
            // Every cut of the record is refused (an error, never a trap or a wrong event).
            for cut in stride(from: 0, to: bytes.count, by: 3) {
                #expect(throws: CodecError.self) { try Array(bytes[..<cut]).withUnsafeBytes { try decoder.decode($0, into: slot) } }
            }
            #expect(throws: CodecError.self) { try (bytes + [0]).withUnsafeBytes { try decoder.decode($0, into: slot) } }
        }
        let entity = ItemCodec.encode(Fixture.entity(1, "not an event"))
        #expect(throws: CodecError.self) { try entity.withUnsafeBytes { try decoder.decode($0, into: slot) } }
    }

    @Test func varintsOfEveryLengthRoundTripAndDamagedOnesAreRefused() throws {
        var values: [UInt64] = [0, 1, 127, 128, 255, 300, 16_383, 16_384, UInt64.max, UInt64.max - 1, 1 << 63]
        for bits in 1...63 { values += [(1 << UInt64(bits)) - 1, 1 << UInt64(bits), (1 << UInt64(bits)) + 1] }
        for v in values {
            var w = ByteWriter()
            w.varint(v)
            let encoded = w.bytes
            // Alone (shorter than a word) and followed by padding (read a word at a time).
            for padding in [0, 1, 7, 12] {
                let bytes = encoded + [UInt8](repeating: 0xAB, count: padding)
                let (read, remaining) = try bytes.withUnsafeBytes { b -> (UInt64, Int) in
                    var r = ByteReader(b)
                    return (try r.varint(), r.remaining)
                }
                #expect(read == v)
                #expect(remaining == padding)
            }
            if encoded.count > 1 {
                let cut = Array(encoded.dropLast())
                #expect(throws: CodecError.self) { try cut.withUnsafeBytes { var r = ByteReader($0); _ = try r.varint() } }
            }
        }
        // Eleven continuation bytes: longer than any 64-bit varint.
        let tooLong = [UInt8](repeating: 0x80, count: 11) + [1, 0, 0, 0]
        #expect(throws: CodecError.self) { try tooLong.withUnsafeBytes { var r = ByteReader($0); _ = try r.varint() } }
    }

    @Test func crc32cMatchesTheBitwiseDefinitionAtEveryLength() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            return ~crc
        }
        var g = SeededGenerator(seed: 3)
        let data = (0..<300).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        for n in 0...100 {
            for bytes in [Array(data[..<n]), Array(data[(200 - n)...])] {
                let expected = reference(bytes)
                #expect(CRC32C.checksum(bytes) == expected, "length \(bytes.count)")
                // Both ways of computing it (the CPU instruction where there is one, and the tables) agree.
                #expect(bytes.withUnsafeBytes { CRC32C.tableChecksum($0) } == expected, "length \(bytes.count)")
                // Continuing from the CRC of a first part gives the CRC of the whole.
                let cut = bytes.count / 3
                let first = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[..<cut])) }
                #expect(bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[cut...]), continuing: first) } == expected)
                #expect(bytes.withUnsafeBytes { CRC32C.tableChecksum(UnsafeRawBufferPointer(rebasing: $0[cut...]), continuing: first) } == expected)
            }
        }

    }
}
