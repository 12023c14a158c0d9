#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel
import Synchronization

/// The committed state readers work from: the index, the mapped segments and the committed size of each.
/// Copied out under the lock by every read, so reads run without holding it.
struct StoreState: @unchecked Sendable {
    var index = StoreIndex()
    var records = RecordReader()
    var version: UInt64 = 0
    var cases: [Case] = []

    func item(_ id: ItemID) -> Item? {
        guard let e = index.entry(id) else { return nil }
        return try? records.item(at: e.ref)
    }

    mutating func refreshCases() {
        var out: [Case] = []
        if index.kindCounts[0] > 0 {
            index.ids.withUnsafeBufferPointer { ids in
                for e in ids where e.kind == 0 {
                    if let c = try? records.item(at: e.ref).caseValue { out.append(c) }
                }
            }
        }
        cases = out.sorted { $0.name < $1.name }
    }
}

/// Reads records out of the mapped segments.
struct RecordReader: @unchecked Sendable {
    var files: [UInt32: MappedFile] = [:]
    /// Bytes of each segment that hold committed data (reads never go past them).
    var committedSize: [UInt32: Int] = [:]
    var cipher: RecordCipher = .plain

    /// The item stored at `ref`, checked (frame checksum, then the cipher's tag) and decoded.
    func item(at ref: RecordRef) throws -> Item {
        guard let file = files[ref.segment], let size = committedSize[ref.segment],
              Int(ref.offset) + Int(ref.length) <= size else {
            throw StoreError("record at \(SegmentFormat.fileName(ref.segment)):\(ref.offset) is outside the log")
        }
        let bytes = file.bytes(Int(ref.offset), Int(ref.length))
        guard case .frame(let frame) = SegmentFormat.frame(at: 0, in: bytes, checksum: !cipher.isEncrypted), frame.totalLength == Int(ref.length),
              frame.type == .put else {
            throw StoreError("segments/\(SegmentFormat.fileName(ref.segment)): damaged record at byte \(ref.offset)")
        }
        do {
            return try cipher.open(frame.payload, segment: ref.segment, offset: UInt64(ref.offset), type: frame.type.rawValue) {
                try ItemCodec.decode($0)
            }
        } catch let e as CodecError {
            throw StoreError("segments/\(SegmentFormat.fileName(ref.segment)): record at byte \(ref.offset) does not decode: \(e)")
        } catch let e as StoreError {
            throw StoreError("segments/\(SegmentFormat.fileName(ref.segment)): record at byte \(ref.offset): \(e)")
        }
    }

    /// The events stored at `refs`, in order (records that are not events or cannot be read are left out).
    ///
    /// Large ranges are cut into chunks of `ScanChunks.size` records that the calling thread and the scan helpers
    /// (`ScanHelpers`, one per other core) claim one after another (an atomic counter), each chunk decoded straight
    /// into its own part of the result; the parts are then moved together (moved, not copied: no reference
    /// counting per event).
    ///
    /// Why chunks rather than one fixed half per core through `concurrentPerform`: on a busy machine the second
    /// thread often started only after the calling thread had finished its half, which then decoded the other
    /// half too, and `concurrentPerform` went on waiting for the late thread to start and finish its (by then
    /// empty) share, sometimes for milliseconds. Here the calling thread decodes whatever no helper has claimed
    /// and waits only for chunks a helper is actually decoding; a helper that starts after every chunk is claimed
    /// touches nothing but the shared counter and returns.
    func events(at refs: UnsafeBufferPointer<TimeEntry>, inCase caseID: ItemID?) -> [Event] {
        let chunks = ScanChunks(count: refs.count)
        let helped = refs.count >= 2048 && chunks.count > 1 && ScanHelpers.shared.count > 0
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks.count)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        return [Event](unsafeUninitializedCapacity: refs.count) { buf, initialized in
            guard let base = buf.baseAddress else { initialized = 0; return }
            let job = ScanJob(reader: self, caseID: caseID, chunks: chunks, refs: refs, out: base, counts: counts)
            if helped { ScanHelpers.shared.post(job) }
            job.run()
            job.waitForClaimedChunks()
            var end = 0
            for c in 0..<chunks.count {
                let lo = chunks.range(c).lowerBound
                if end != lo && counts[c] > 0 { (base + end).moveInitialize(from: base + lo, count: counts[c]) }
                end += counts[c]
            }
            initialized = end
        }
    }

    static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    func keys(of entry: IDEntry) -> IndexKeys? {
        (try? item(at: entry.ref)).map(IndexKeys.init)
    }
}

/// How `RecordReader.events(at:inCase:)` cuts a range of records into chunks that the scanning threads claim.
struct ScanChunks {
    /// Records per chunk: small enough that a late thread still finds work, large enough that claiming a chunk
    /// (one atomic add) costs nothing next to decoding it.
    static let size = 256
    let total: Int
    var count: Int { max(1, (total + ScanChunks.size - 1) / ScanChunks.size) }
    init(count: Int) { total = count }
    func range(_ c: Int) -> Range<Int> { c * ScanChunks.size..<min(total, (c + 1) * ScanChunks.size) }
}

/// One time-range scan shared by the calling thread and its helpers: what to decode, where to, and the counters
/// through which threads claim chunks and report them decoded.
///
/// A helper may start after the calling thread has returned (every chunk claimed, all of them decoded): it then
/// finds no chunk to claim and never touches `refs`, `out` or `counts`, which are only valid until then. The job
/// itself (the counters, the reader's copy) lives as long as the last closure that holds it.
final class ScanJob: ScanHelperJob, @unchecked Sendable {
    let reader: RecordReader
    let caseID: ItemID?
    let chunks: ScanChunks
    private let refs: UnsafeBufferPointer<TimeEntry>
    private let out: UnsafeMutablePointer<Event>
    private let counts: UnsafeMutableBufferPointer<Int>
    /// The next chunk to claim (values at or past `chunks.count`: none left).
    private let next = Atomic<Int>(0)
    /// Chunks decoded so far; each one's events and count are written before it is counted here.
    private let decoded = Atomic<Int>(0)

    init(reader: RecordReader, caseID: ItemID?, chunks: ScanChunks, refs: UnsafeBufferPointer<TimeEntry>,
         out: UnsafeMutablePointer<Event>, counts: UnsafeMutableBufferPointer<Int>) {
        self.reader = reader
        self.caseID = caseID
        self.chunks = chunks
        self.refs = refs
        self.out = out
        self.counts = counts
    }

    /// Claims and decodes chunks until none is left.
    func run() {
        var c = next.add(1, ordering: .relaxed).oldValue
        guard c < chunks.count else { return }
        var scan = EventScan(reader: reader, caseID: caseID)
        defer { scan.finish() }
        while c < chunks.count {
            let r = chunks.range(c)
            counts[c] = scan.decode(UnsafeBufferPointer(rebasing: refs[r]), into: out + r.lowerBound)
            decoded.add(1, ordering: .releasing)
            c = next.add(1, ordering: .relaxed).oldValue
        }
    }

    /// Returns once every chunk is decoded (called after `run` has found none left to claim, so the only chunks
    /// not yet counted are ones a helper is decoding right now).
    func waitForClaimedChunks() {
        while decoded.load(ordering: .acquiring) < chunks.count { sched_yield() }
    }
}

/// One thread's state in a time-range scan: its decoder (whose string cache stays warm from chunk to chunk), the
/// segment it read last, and (for a sealed workspace) its plaintext buffer.
struct EventScan {
    let reader: RecordReader
    let caseID: ItemID?
    private var decoder = EventScanDecoder()
    private var segment = UInt32.max
    /// The committed bytes of `segment` (nil when it is not mapped). The mapping stays alive as long as `reader`,
    /// which holds its `MappedFile`; keeping the address rather than the object spares a retain and a release
    /// per record.
    private var bytes: UnsafeRawPointer?
    private var size = 0
    private let plain: Bool
    // Encrypted records are opened straight through the shared BoringSSL context into one plaintext buffer
    // reused for every record of this thread: going through `cipher.open` per record copied the cipher
    // (retaining and releasing its key and context from both threads at once, one contended cache line).
    private let gcm: GCMContext?
    private var plainBuffer = PlaintextBuffer()

    init(reader: RecordReader, caseID: ItemID?) {
        self.reader = reader
        self.caseID = caseID
        plain = !reader.cipher.isEncrypted
        gcm = plain ? nil : reader.cipher.gcm
    }

    mutating func finish() { plainBuffer.release() }

    /// Initialises `out[0..<n]` with the `n` events found at `refs` and returns `n`. Looks each segment up once per
    /// run of records in it and decodes each record straight into its slot of the result.
    mutating func decode(_ refs: UnsafeBufferPointer<TimeEntry>, into out: UnsafeMutablePointer<Event>) -> Int {
        var n = 0
        for t in refs {
            if t.segment != segment {
                segment = t.segment
                bytes = reader.files[segment]?.base
                size = reader.committedSize[segment] ?? 0
            }
            guard let bytes, Int(t.offset) + Int(t.length) <= size else { continue }
            let record = UnsafeRawBufferPointer(start: bytes + Int(t.offset), count: Int(t.length))
            guard case .frame(let frame) = SegmentFormat.frame(at: 0, in: record, checksum: plain), frame.type == .put else { continue }
            let slot = out + n
            do {
                if plain {
                    try decoder.decode(frame.payload, into: slot)
                } else if let gcm {
                    // Every record's tag is checked before a byte of it is decoded.
                    guard let opened = plainBuffer.open(frame.payload, gcm: gcm, segment: segment, offset: UInt64(t.offset),
                                                        type: frame.type.rawValue) else { continue }
                    try decoder.decode(opened, into: slot)
                } else {
                    try reader.cipher.open(frame.payload, segment: segment, offset: UInt64(t.offset), type: frame.type.rawValue) {
                        try decoder.decode($0, into: slot)
                    }
                }
            } catch {
                continue
            }
            if let caseID, !slot.pointee.meta.cases.contains(caseID) {
                slot.deinitialize(count: 1)
                continue
            }
            n += 1
        }
        return n
    }
}

/// A segment file found on open.
struct SegmentFile {
    var number: UInt32
    var path: String
    var size: Int
    var header: SegmentFormat.Header?
    /// Why the header could not be read, when it could not.
    var headerProblem: String?
}
