import Dispatch
import DossierModel

/// A run of changes encoded as segment frames, ready to be written at `base` of `segment`.
struct EncodedFrames {
    /// The bytes, in consecutive parts (written one after the other from `base`).
    var parts: [[UInt8]]
    /// One index op per change, in order, with absolute record positions.
    var ops: [IndexOp]
    var size: Int
    /// A case was put or deleted (the workspace's case list must be refreshed).
    var touchesCases: Bool
    /// What the audit entry needs from the puts: the cases they are in (and the cases put), whether one is a judgement.
    var cases: Set<ItemID> = []
    var isJudgement = false
    /// Indices of the changes the access policy must look at (see `PrecommitScreen`).
    var needsCheck: [Int] = []
}

/// Tells the changes the access policy must check from the plain ones: a put of a new item that is not an analyst,
/// source or case and is in no case hidden from the acting analyst can only be refused for the analyst's role, which
/// the policy checks once per batch. Every other change (deletes, replacements, analysts, sources, cases, anything in
/// a hidden case) goes to the policy in full. Screening happens in the parallel encoding pass, so a bulk batch of new
/// items is not walked (and copied) once more.
struct PrecommitScreen: Sendable {
    let index: StoreIndex
    let hidden: Set<ItemID>
    private let largest: ItemID?

    init(index: StoreIndex, hidden: Set<ItemID>) {
        self.index = index
        self.hidden = hidden
        largest = index.ids.last.map { ItemID(high: $0.high, low: $0.low) }
    }

    func needsCheck(_ id: ItemID, _ keys: IndexKeys) -> Bool {
        if keys.kind == 0 || keys.kind == 4 || keys.kind == 7 { return true }
        if !hidden.isEmpty && keys.cases.contains(where: hidden.contains) { return true }
        if let largest, !(largest < id) { return index.position(of: id) != nil }
        return false
    }
}

/// Encodes changes into frames. Large runs are split into parts encoded on every core: a plain frame does not depend
/// on where it lands, so each part is encoded on its own and the parts are placed one after the other; a sealed frame
/// does (its nonce is its position), so plaintexts are encoded in parallel first, positions are summed, and the
/// parts are then sealed in parallel.
enum FrameEncoder {
    /// Changes per part: big enough that a part's overhead does not matter, small enough to balance two cores.
    static let partSize = 16_384

    static func encode(_ changes: [Change], segment: UInt32, base: Int, cipher: RecordCipher,
                       screen: PrecommitScreen) throws -> EncodedFrames {
        let partCount = (changes.count + partSize - 1) / partSize
        if partCount == 0 { return EncodedFrames(parts: [], ops: [], size: 0, touchesCases: false) }
        let isCase = { (id: ItemID) in screen.index.entry(id)?.kind == 0 }
        // Case deletions are looked up here, serially: the index is not ours to hand to other threads.
        var touchesCases = false
        for c in changes { if case .delete(let id, _) = c, isCase(id) { touchesCases = true; break } }
        let results = PartResults<EncodedPart>(count: partCount)
        let encrypted = cipher.isEncrypted
        ParallelParts.run(partCount) { p in
            let lo = p * partSize, hi = min(changes.count, lo + partSize)
            results.set(p, encrypted ? .plaintexts(changes[lo..<hi], screen) : .plainFrames(changes[lo..<hi], screen))
        }
        return try place(results.values, segment: segment, base: base, cipher: cipher, touchesCases: touchesCases)
    }

    /// Encodes new events given as rows (`needsCheck` then holds row numbers), the same way.
    static func encode(_ rows: EventRows, segment: UInt32, base: Int, cipher: RecordCipher,
                       screen: PrecommitScreen) throws -> EncodedFrames {
        let partCount = (rows.count + partSize - 1) / partSize
        if partCount == 0 { return EncodedFrames(parts: [], ops: [], size: 0, touchesCases: false) }
        let encoder = EventRecordEncoder(rows)
        let results = PartResults<EncodedPart>(count: partCount)
        let encrypted = cipher.isEncrypted
        ParallelParts.run(partCount) { p in
            let lo = p * partSize, hi = min(rows.count, lo + partSize)
            results.set(p, .eventRows(rows, lo..<hi, encoder, sealLater: encrypted, screen))
        }
        return try place(results.values, segment: segment, base: base, cipher: cipher, touchesCases: false)
    }

    /// Places encoded parts one after the other from `base`: seals them when encrypted, makes the index ops.
    private static func place(_ encodedParts: [EncodedPart], segment: UInt32, base: Int, cipher: RecordCipher,
                              touchesCases casesBefore: Bool) throws -> EncodedFrames {
        var parts = encodedParts
        let partCount = parts.count
        let encrypted = cipher.isEncrypted
        var touchesCases = casesBefore
        // Absolute positions.
        var offset = base
        var partBases: [Int] = []
        partBases.reserveCapacity(partCount)
        for part in parts {
            partBases.append(offset)
            offset += part.frameBytes(overhead: cipher.overhead)
        }
        guard offset - base <= SegmentFormat.hardCapacity else {
            throw StoreError("batch too large for one segment (\(offset - base) bytes)")
        }
        if encrypted {
            let sealed = PartResults<Result<[UInt8], Error>>(count: partCount)
            let plainParts = parts, bases = partBases
            ParallelParts.run(partCount) { p in
                sealed.set(p, Result { try plainParts[p].seal(segment: segment, base: bases[p], cipher: cipher) })
            }
            for p in 0..<partCount { parts[p].bytes = try sealed.values[p].get() }
        }
        var ops: [IndexOp] = []
        ops.reserveCapacity(parts.reduce(0) { $0 + $1.records.count })
        var bytes: [[UInt8]] = []
        bytes.reserveCapacity(partCount)
        var cases = Set<ItemID>(), isJudgement = false, needsCheck: [Int] = []
        for (p, part) in parts.enumerated() {
            if part.touchesCases { touchesCases = true }
            cases.formUnion(part.cases)
            if part.isJudgement { isJudgement = true }
            needsCheck.append(contentsOf: part.needsCheck)
            var at = partBases[p]
            for r in part.records {
                let length = SegmentFormat.frameHeaderSize + r.length + (encrypted ? cipher.overhead : 0)
                guard at + length <= SegmentFormat.hardCapacity else { throw StoreError("batch too large for one segment") }
                ops.append(IndexOp(id: r.id, ref: r.keys == nil ? nil : RecordRef(segment: segment, offset: UInt32(at), length: UInt32(length)),
                                   keys: r.keys))
                at += length
            }
            bytes.append(part.bytes)
        }
        for b in bytes where b.count > SegmentFormat.hardCapacity { throw StoreError("record of \(b.count) bytes is too large") }
        return EncodedFrames(parts: bytes, ops: ops, size: offset - base, touchesCases: touchesCases, cases: cases,
                             isJudgement: isJudgement, needsCheck: needsCheck)
    }
}

/// One part: its bytes (finished frames, or plaintexts awaiting sealing) and what each record is.
struct EncodedPart: Sendable {
    struct Record: Sendable {
        var id: ItemID
        var type: SegmentFormat.FrameType
        /// Plaintext length (the payload length of a plain frame).
        var length: Int
        /// Nil for a delete.
        var keys: IndexKeys?
    }
    var bytes: [UInt8]
    var records: [Record]
    var isSealedLater: Bool
    var touchesCases = false
    var cases = Set<ItemID>()
    var isJudgement = false
    var needsCheck: [Int] = []

    /// Notes what the audit entry and the access check need from one change (index `i` of the batch).
    private mutating func screen(_ i: Int, _ id: ItemID, _ keys: IndexKeys?, _ screen: PrecommitScreen, lastCases: inout [ItemID]) {
        guard let keys else { needsCheck.append(i); return }  // a delete
        if keys.cases != lastCases {
            cases.formUnion(keys.cases)
            lastCases = keys.cases
        }
        if keys.kind == 0 { cases.insert(id); touchesCases = true }
        if keys.kind == 6 { isJudgement = true }
        if screen.needsCheck(id, keys) { needsCheck.append(i) }
    }

    func frameBytes(overhead: Int) -> Int {
        isSealedLater ? records.reduce(0) { $0 + SegmentFormat.frameHeaderSize + $1.length + overhead } : bytes.count
    }

    /// Finished plain frames, position-independent.
    static func plainFrames(_ changes: ArraySlice<Change>, _ screen: PrecommitScreen) -> EncodedPart {
        // Room for a typical call record's frame (~190 bytes) and then some: growing a part's buffer copies it.
        var w = ByteWriter(capacity: changes.count * 256)
        var records: [Record] = []
        records.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .put(let item):
                let start = SegmentFormat.beginFrame(.put, &w)
                ItemCodec.encode(item, into: &w)
                SegmentFormat.endFrameUnchecked(start, &w)
                records.append(Record(id: item.id, type: .put, length: w.bytes.count - start - SegmentFormat.frameHeaderSize,
                                      keys: IndexKeys(item)))
            case .delete(let id, let reason):
                let start = SegmentFormat.beginFrame(.delete, &w)
                w.id(id)
                w.string(reason)
                SegmentFormat.endFrameUnchecked(start, &w)
                records.append(Record(id: id, type: .delete, length: w.bytes.count - start - SegmentFormat.frameHeaderSize, keys: nil))
            }
        }
        var part = EncodedPart(bytes: w.bytes, records: records, isSealedLater: false)
        records = []  // the part holds the only reference: screening updates its records in place, uncopied
        part.screenAll(from: changes.startIndex, screen)
        return part
    }

    /// Plaintexts back to back, to be sealed once their positions are known.
    static func plaintexts(_ changes: ArraySlice<Change>, _ screen: PrecommitScreen) -> EncodedPart {
        var w = ByteWriter(capacity: changes.count * 170)
        var records: [Record] = []
        records.reserveCapacity(changes.count)
        for change in changes {
            let start = w.bytes.count
            switch change {
            case .put(let item):
                ItemCodec.encode(item, into: &w)
                records.append(Record(id: item.id, type: .put, length: w.bytes.count - start, keys: IndexKeys(item)))
            case .delete(let id, let reason):
                w.id(id)
                w.string(reason)
                records.append(Record(id: id, type: .delete, length: w.bytes.count - start, keys: nil))
            }
        }
        var part = EncodedPart(bytes: w.bytes, records: records, isSealedLater: true)
        records = []
        part.screenAll(from: changes.startIndex, screen)
        return part
    }

    /// The records of `rows[range]`: finished plain frames, or plaintexts to be sealed once placed.
    static func eventRows(_ rows: EventRows, _ range: Range<Int>, _ encoder: EventRecordEncoder, sealLater: Bool,
                          _ screen: PrecommitScreen) -> EncodedPart {
        var w = ByteWriter(capacity: range.count * (sealLater ? 170 : 256))
        var records: [Record] = []
        records.reserveCapacity(range.count)
        // Every row is in the same cases: one array for all their keys.
        let cases = rows.meta.cases.count > 1 ? Array(Set(rows.meta.cases)) : rows.meta.cases
        for i in range {
            let start = w.bytes.count
            if !sealLater { _ = SegmentFormat.beginFrame(.put, &w) }
            encoder.encode(rows, i, into: &w)
            if !sealLater { SegmentFormat.endFrameUnchecked(start, &w) }
            let row = rows.rows[i]
            records.append(Record(id: row.id, type: .put,
                                  length: w.bytes.count - start - (sealLater ? 0 : SegmentFormat.frameHeaderSize),
                                  keys: IndexKeys(eventStart: row.start.utcMicros, cases: cases)))
        }
        var part = EncodedPart(bytes: w.bytes, records: records, isSealedLater: sealLater)
        records = []
        part.screenAll(from: range.lowerBound, screen)
        return part
    }

    /// Screens `records` (see `screen`), updating them in place (the array is not copied).
    private mutating func screenAll(from first: Int, _ s: PrecommitScreen) {
        var lastCases: [ItemID] = []
        var shared: [ItemID] = []
        for n in records.indices {
            let id = records[n].id, keys = records[n].keys
            screen(first + n, id, keys, s, lastCases: &lastCases)
            // One array for a run of items in the same cases (the index keeps these keys until the commit).
            if let k = keys, !k.cases.isEmpty {
                if k.cases == shared { records[n].keys?.cases = shared } else { shared = k.cases }
            }
        }
    }

    /// The sealed frames of a plaintext part placed at `base`.
    func seal(segment: UInt32, base: Int, cipher: RecordCipher) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(frameBytes(overhead: cipher.overhead))
        var from = 0
        for r in records {
            let plaintext = Array(bytes[from..<(from + r.length)])
            from += r.length
            try SegmentFormat.appendFrame(r.type, plaintext: plaintext, segment: segment, fileOffset: base + out.count,
                                          cipher: cipher, into: &out)
        }
        return out
    }
}

extension SegmentFormat {
    /// `endFrame` for a frame already known to fit (parts are checked against the segment's capacity as a whole).
    static func endFrameUnchecked(_ start: Int, _ w: inout ByteWriter) {
        let length = w.bytes.count - start - frameHeaderSize
        w.bytes.withUnsafeMutableBytes { b in
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[(start + 8)...]))
            b.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: start, as: UInt32.self)
            b.storeBytes(of: crc.littleEndian, toByteOffset: start + 4, as: UInt32.self)
        }
    }
}

/// Runs `count` independent parts on all cores (inline when there is one part).
enum ParallelParts {
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if count == 1 { body(0); return }
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}

/// One slot per part, each written by exactly one worker, read after all have finished.
final class PartResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = Lock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    var values: [T] { lock.withLock { slots.map { $0! } } }
}
