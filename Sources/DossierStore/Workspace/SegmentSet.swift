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
    /// Large ranges are cut into chunks of `ScanChunks.size` records that every core claims one after another
    /// (an atomic counter), each chunk decoded straight into its own part of the result; the parts are then moved
    /// together (moved, not copied: no reference counting per event). Claiming small chunks instead of handing
    /// each core one fixed half keeps the split even when a worker thread starts late: on a busy machine the
    /// second thread often started only after the calling thread had finished its half, which then decoded the
    /// other half too (measured: nearly every 10k-event scan ran its two halves one after the other).
    func events(at refs: UnsafeBufferPointer<TimeEntry>, inCase caseID: ItemID?) -> [Event] {
        let chunks = ScanChunks(count: refs.count)
        let threads = refs.count < 2048 ? 1 : min(RecordReader.cores, chunks.count)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks.count)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        return [Event](unsafeUninitializedCapacity: refs.count) { buf, initialized in
            guard let base = buf.baseAddress else { initialized = 0; return }
            let out = UncheckedBox(base)
            let next = Atomic<Int>(0)
            Parallel.forEach(threads) { _ in
                var scan = EventScan(reader: self, caseID: caseID)
                defer { scan.finish() }
                while true {
                    let c = next.add(1, ordering: .relaxed).oldValue
                    guard c < chunks.count else { break }
                    let r = chunks.range(c)
                    counts[c] = scan.decode(UnsafeBufferPointer(rebasing: refs[r]), into: out.value + r.lowerBound)
                }
            }
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
