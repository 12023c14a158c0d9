#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

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
    /// Large ranges are decoded in parallel, one contiguous slice per core, each straight into its own part of the
    /// result; the parts are then moved together (moved, not copied: no reference counting per event).
    func events(at refs: UnsafeBufferPointer<TimeEntry>, inCase caseID: ItemID?) -> [Event] {
        let pieces = refs.count < 2048 ? 1 : min(RecordReader.cores, refs.count / 1024)
        let step = (refs.count + pieces - 1) / max(1, pieces)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, pieces))
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        return [Event](unsafeUninitializedCapacity: refs.count) { buf, initialized in
            guard let base = buf.baseAddress else { initialized = 0; return }
            let out = UncheckedBox(base)
            Parallel.forEach(pieces) { p in
                let lo = p * step, hi = min(refs.count, lo + step)
                counts[p] = decodeEvents(UnsafeBufferPointer(rebasing: refs[lo..<hi]), inCase: caseID, into: out.value + lo)
            }
            var end = counts[0]
            for p in 1..<max(1, pieces) {
                let lo = p * step
                if end != lo { (base + end).moveInitialize(from: base + lo, count: counts[p]) }
                end += counts[p]
            }
            initialized = end
        }
    }

    static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// One thread's share of `events(at:inCase:)`: initialises `out[0..<n]` with the `n` events found and returns
    /// `n`. Looks each segment up once per run of records in it, decodes straight to `Event`, and reuses the short
    /// strings that repeat from record to record.
    private func decodeEvents(_ refs: UnsafeBufferPointer<TimeEntry>, inCase caseID: ItemID?, into out: UnsafeMutablePointer<Event>) -> Int {
        var n = 0
        var decoder = EventScanDecoder()
        var segment = UInt32.max
        var file: MappedFile?
        var size = 0
        let plain = !cipher.isEncrypted
        // Encrypted records are opened straight through the shared BoringSSL context into one plaintext buffer
        // reused for every record of this thread's share: going through `cipher.open` per record copied the
        // cipher (retaining and releasing its key and context from both threads at once, one contended cache line).
        let gcm = plain ? nil : cipher.gcm
        var plainBuffer = PlaintextBuffer()
        defer { plainBuffer.release() }
        for t in refs {
            if t.segment != segment {
                segment = t.segment
                file = files[segment]
                size = committedSize[segment] ?? 0
            }
            guard let file, Int(t.offset) + Int(t.length) <= size else { continue }
            let bytes = file.bytes(Int(t.offset), Int(t.length))
            guard case .frame(let frame) = SegmentFormat.frame(at: 0, in: bytes, checksum: plain), frame.type == .put else { continue }
            // Decoded straight into its slot of the result (no intermediate copy of the event).
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
                    try cipher.open(frame.payload, segment: segment, offset: UInt64(t.offset), type: frame.type.rawValue) {
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

    func keys(of entry: IDEntry) -> IndexKeys? {
        (try? item(at: entry.ref)).map(IndexKeys.init)
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
