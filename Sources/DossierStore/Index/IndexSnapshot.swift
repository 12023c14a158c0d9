#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// An index snapshot `index/snapshot.idx`: the sorted index arrays as of one commit, so that opening does not
/// replay the log. Written atomically (temp, fsync, rename, fsync dir). It is only a cache: any doubt about it
/// (checksum, layout, the log position it claims to cover) and the index is rebuilt from the log.
///
/// Layout (version 2), designed so that opening uses the arrays where they lie (a read-only mapping of the file,
/// no per-entry decoding and no copy):
/// - header: magic "DIDX", version, entry layout, log position, segment stamps, the five array counts, the kind
///   counts, a checksum of the header; zero-padded to a multiple of 64 bytes;
/// - the five arrays (ids, identifiers, names, times, case members) as raw fixed-size entries, each starting at a
///   64-byte boundary (zero padding between);
/// - a checksum of every 1 MiB block of the arrays (checked on two cores when opening), then a checksum of those.
///
/// In an encrypted workspace that plaintext is sealed in 4 MiB chunks (`SealedSnapshot`), each with AES-256-GCM,
/// opened in parallel straight into the buffer the arrays are then used from.
struct IndexSnapshot {
    static let fileName = "snapshot.idx"
    static let magic: UInt32 = 0x5844_4944  // "DIDX"
    static let version: UInt32 = 2
    static let blockSize = 1 << 20
    static var layout: UInt64 {
        UInt64(MemoryLayout<IDEntry>.stride) | UInt64(MemoryLayout<KeyEntry>.stride) << 8
            | UInt64(MemoryLayout<TimeEntry>.stride) << 16 | UInt64(MemoryLayout<CaseEntry>.stride) << 24
            | UInt64(1.littleEndian == 1 ? 1 : 2) << 32
    }

    struct SegmentStamp: Equatable {
        var number: UInt32
        var stamp: Files.Stamp
    }

    var sequence: UInt64
    var baseSegment: UInt32
    /// The log position covered: end of the last commit frame, and that frame's offset.
    var coveredSegment: UInt32
    var coveredEnd: UInt64
    var lastCommitOffset: UInt64
    /// Size, inode and change time of each segment when the snapshot was written: if one differs on open, the
    /// covered bytes are checked again before the snapshot is used.
    var stamps: [SegmentStamp]
    var index: StoreIndex

    private static func align(_ n: Int) -> Int { (n + 63) & ~63 }

    /// Where each array starts, where the block checksums start, and the total size, for these counts.
    private static func placement(headerEnd: Int, counts: [Int]) -> (offsets: [Int], dataStart: Int, sumsStart: Int, blocks: Int, total: Int) {
        let strides = [MemoryLayout<IDEntry>.stride, MemoryLayout<KeyEntry>.stride, MemoryLayout<KeyEntry>.stride,
                       MemoryLayout<TimeEntry>.stride, MemoryLayout<CaseEntry>.stride]
        let dataStart = align(headerEnd)
        var at = dataStart
        var offsets: [Int] = []
        for (c, s) in zip(counts, strides) {
            at = align(at)
            offsets.append(at)
            at += c * s
        }
        let sumsStart = align(at)
        let blocks = (sumsStart - dataStart + blockSize - 1) / blockSize
        return (offsets, dataStart, sumsStart, blocks, sumsStart + blocks * 8 + 8)
    }

    func write(to path: String, cipher: RecordCipher) throws {
        var w = ByteWriter(capacity: 1024)
        w.u32(IndexSnapshot.magic)
        w.u32(IndexSnapshot.version)
        w.u64(IndexSnapshot.layout)
        w.u64(sequence)
        w.u32(baseSegment)
        w.u32(coveredSegment)
        w.u64(coveredEnd)
        w.u64(lastCommitOffset)
        w.u32(UInt32(stamps.count))
        for s in stamps {
            w.u32(s.number); w.u64(s.stamp.size); w.u64(s.stamp.inode)
            w.u64(UInt64(bitPattern: s.stamp.ctimeSeconds)); w.u64(UInt64(bitPattern: s.stamp.ctimeNanos))
        }
        let counts = [index.ids.count, index.identifiers.count, index.names.count, index.times.count, index.caseMembers.count]
        for c in counts { w.u64(UInt64(c)) }
        for k in index.kindCounts { w.u64(UInt64(bitPattern: Int64(k))) }
        let headerSum = FastChecksum.of(w.bytes.withUnsafeBytes { $0 })
        w.u64(headerSum)
        let place = IndexSnapshot.placement(headerEnd: w.bytes.count, counts: counts)
        // Written in pieces of `pieceSize` (a whole number of checksum blocks) straight from the columns, so writing
        // needs a few MiB whatever the index's size, not a second copy of it.
        var spans: [(at: Int, base: UnsafeRawPointer, count: Int)] = []
        let header = w.bytes
        func column<T>(_ c: Column<T>, _ at: Int) {
            c.withUnsafeBufferPointer { b in
                if let base = b.baseAddress, b.count > 0 { spans.append((at, UnsafeRawPointer(base), b.count * MemoryLayout<T>.stride)) }
            }
        }
        // The columns' memory stays put while `index` (a copy of the workspace's) is alive, as it is for this call.
        column(index.ids, place.offsets[0]); column(index.identifiers, place.offsets[1]); column(index.names, place.offsets[2])
        column(index.times, place.offsets[3]); column(index.caseMembers, place.offsets[4])
        try Files.writeAtomically(path) { fd, tmp in
            let out: any SnapshotSink = cipher.isEncrypted
                ? try SealedSnapshot.Sealer(fd: fd, path: tmp, plainSize: place.total, cipher: cipher)
                : PlainSnapshotSink(fd: fd, path: tmp)
            let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: IndexSnapshot.pieceSize, alignment: 64)
            defer { piece.deallocate() }
            // The header, zero-padded to where the arrays start.
            piece.initializeMemory(as: UInt8.self, repeating: 0)
            header.withUnsafeBytes { piece.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            try out.write(UnsafeRawBufferPointer(rebasing: piece[0..<place.dataStart]))
            // The arrays (zero between them), piece by piece, with each block's checksum.
            var sums: [UInt64] = []
            sums.reserveCapacity(place.blocks)
            var lo = place.dataStart
            while lo < place.sumsStart {
                let hi = min(place.sumsStart, lo + IndexSnapshot.pieceSize)
                let dst = UnsafeMutableRawBufferPointer(rebasing: piece[0..<(hi - lo)])
                dst.initializeMemory(as: UInt8.self, repeating: 0)
                for span in spans where span.at < hi && span.at + span.count > lo {
                    let from = max(lo, span.at), to = min(hi, span.at + span.count)
                    (dst.baseAddress! + (from - lo)).copyMemory(from: span.base + (from - span.at), byteCount: to - from)
                }
                sums += IndexSnapshot.blockSums(UnsafeRawBufferPointer(dst), firstBlock: (lo - place.dataStart) / IndexSnapshot.blockSize)
                try out.write(UnsafeRawBufferPointer(dst))
                lo = hi
            }
            // The block checksums and the checksum of those.
            var tail = ByteWriter(capacity: sums.count * 8 + 8)
            for v in sums { tail.u64(v) }
            let trailer = tail.bytes.withUnsafeBytes { FastChecksum.of($0, seed: headerSum) }
            tail.u64(trailer)
            try tail.bytes.withUnsafeBytes { try out.write($0) }
            try out.finish()
        }
    }

    /// Bytes written at a time: a whole number of checksum blocks (and of sealed chunks).
    static let pieceSize = 4 << 20

    /// The checksum of each `blockSize` block of `data` (seeded with the block's number), computed on all cores.
    /// `firstBlock`: the number of `data`'s first block (when `data` is a piece of the arrays).
    static func blockSums(_ data: UnsafeRawBufferPointer, firstBlock: Int = 0) -> [UInt64] {
        let blocks = (data.count + blockSize - 1) / blockSize
        return [UInt64](unsafeUninitializedCapacity: blocks) { buf, initialized in
            let out = buf
            Parallel.forEach(blocks) { i in
                let lo = i * blockSize, hi = min(data.count, lo + blockSize)
                out[i] = FastChecksum.of(UnsafeRawBufferPointer(rebasing: data[lo..<hi]), seed: UInt64(firstBlock + i))
            }
            initialized = blocks
        }
    }

    /// The snapshot at `path`, or a reason it cannot be used. `preload` is what an encrypted open prepared while it
    /// derived the key (used only if it is of the file now at `path`).
    static func read(from path: String, cipher: RecordCipher, preload: SnapshotPreload? = nil) -> Result<IndexSnapshot, StoreError> {
        guard Files.exists(path) else { return .failure(StoreError("no index snapshot")) }
        let prepared = preload?.take(path: path)
        let file: ColumnBytes
        if let prepared {
            file = prepared.file
        } else {
            do {
                guard let mapped = try Files.mapReadOnly(path) else { return .failure(StoreError("index snapshot empty")) }
                file = mapped
            } catch {
                return .failure(StoreError("index snapshot unreadable"))
            }
        }
        if !cipher.isEncrypted { return parse(file, verifyBlocks: true) }
        switch SealedSnapshot.open(UnsafeRawBufferPointer(start: file.base, count: file.count), cipher: cipher,
                                   into: prepared?.buffer) {
        case .failure(let e): return .failure(e)
        case .success(let plain): return parse(plain, verifyBlocks: false)  // every chunk's GCM tag verified it
        }
    }

    private static func parse(_ bytes: ColumnBytes, verifyBlocks: Bool) -> Result<IndexSnapshot, StoreError> {
        let raw = UnsafeRawBufferPointer(start: bytes.base, count: bytes.count)
        var r = ByteReader(raw)
        do {
            guard try r.u32() == magic, try r.u32() == version, try r.u64() == layout else {
                return .failure(StoreError("index snapshot has another format"))
            }
            let seq = try r.u64(), base = try r.u32(), covered = try r.u32()
            let end = try r.u64(), lastCommit = try r.u64()
            let n = Int(try r.u32())
            guard n <= raw.count / 36 else { return .failure(StoreError("index snapshot damaged")) }
            var stamps: [SegmentStamp] = []
            for _ in 0..<n {
                let num = try r.u32(), size = try r.u64(), ino = try r.u64()
                let cs = Int64(bitPattern: try r.u64()), cn = Int64(bitPattern: try r.u64())
                stamps.append(SegmentStamp(number: num, stamp: Files.Stamp(size: size, inode: ino, ctimeSeconds: cs, ctimeNanos: cn)))
            }
            var counts: [Int] = []
            for _ in 0..<5 {
                let c = try r.u64()
                guard c <= UInt64(raw.count) else { return .failure(StoreError("index snapshot damaged")) }
                counts.append(Int(c))
            }
            var kinds: [Int] = []
            for _ in 0..<8 { kinds.append(Int(Int64(bitPattern: try r.u64()))) }
            let headerSum = FastChecksum.of(UnsafeRawBufferPointer(rebasing: raw[0..<r.position]))
            guard try r.u64() == headerSum else { return .failure(StoreError("index snapshot header checksum mismatch")) }
            let place = placement(headerEnd: r.position, counts: counts)
            guard place.total == raw.count else { return .failure(StoreError("index snapshot damaged (size)")) }
            // The padding after the header is outside every checksum: it must be the zeros that were written.
            guard raw[r.position..<place.dataStart].allSatisfy({ $0 == 0 }) else { return .failure(StoreError("index snapshot damaged")) }
            let sumBytes = UnsafeRawBufferPointer(rebasing: raw[place.sumsStart..<(place.sumsStart + place.blocks * 8)])
            guard FastChecksum.of(sumBytes, seed: headerSum)
                    == UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: place.total - 8, as: UInt64.self)) else {
                return .failure(StoreError("index snapshot checksum mismatch"))
            }
            if verifyBlocks {
                let sums = blockSums(UnsafeRawBufferPointer(rebasing: raw[place.dataStart..<place.sumsStart]))
                for (i, v) in sums.enumerated() where v != UInt64(littleEndian: sumBytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) {
                    return .failure(StoreError("index snapshot checksum mismatch"))
                }
            }
            var index = StoreIndex()
            index.ids = Column(viewing: bytes, offset: place.offsets[0], count: counts[0])
            index.identifiers = Column(viewing: bytes, offset: place.offsets[1], count: counts[1])
            index.names = Column(viewing: bytes, offset: place.offsets[2], count: counts[2])
            index.times = Column(viewing: bytes, offset: place.offsets[3], count: counts[3])
            index.caseMembers = Column(viewing: bytes, offset: place.offsets[4], count: counts[4])
            index.kindCounts = kinds
            return .success(IndexSnapshot(sequence: seq, baseSegment: base, coveredSegment: covered, coveredEnd: end,
                                          lastCommitOffset: lastCommit, stamps: stamps, index: index))
        } catch {
            return .failure(StoreError("index snapshot damaged"))
        }
    }
}

/// An encrypted workspace's snapshot file: the plaintext snapshot sealed in `chunkSize` chunks with AES-256-GCM.
///
/// Header (40 bytes): magic "DIXS", version u32 (1), plaintext size u64, chunk size u32, chunk count u32, 16 random
/// bytes naming this file. Then per chunk: a random 12-byte nonce, the ciphertext, the 16-byte tag. Each chunk
/// authenticates the context "dossier index snapshot", the whole header and its own number, so chunks cannot be
/// moved, dropped or taken from another snapshot file.
enum SealedSnapshot {
    static let magic: UInt32 = 0x5358_4944  // "DIXS"
    static let version: UInt32 = 1
    static let chunkSize = 4 << 20
    static let headerSize = 40
    static let context = Array("dossier index snapshot".utf8)

    /// Seals a snapshot's plaintext as it is written (`plainSize` bytes in all), one chunk at a time: a chunk's worth
    /// of memory, whatever the snapshot's size.
    final class Sealer: SnapshotSink {
        private let fd: Int32
        private let path: String
        private let gcm: GCMContext
        private let header: [UInt8]
        private let plainSize: Int
        private let chunks: Int
        private var rng = SystemRandomNumberGenerator()
        /// The chunk being filled, and the sealed chunk (nonce, ciphertext, tag).
        private var plain: UnsafeMutableRawBufferPointer
        private var sealed: UnsafeMutableRawBufferPointer
        private var filled = 0
        private var chunk = 0

        init(fd: Int32, path: String, plainSize: Int, cipher: RecordCipher) throws {
            guard let gcm = cipher.gcm else { throw StoreError("cannot seal the index snapshot") }
            self.fd = fd
            self.path = path
            self.gcm = gcm
            self.plainSize = plainSize
            chunks = max(1, (plainSize + chunkSize - 1) / chunkSize)
            var w = ByteWriter(capacity: headerSize)
            w.u32(magic); w.u32(version); w.u64(UInt64(plainSize)); w.u32(UInt32(chunkSize)); w.u32(UInt32(chunks))
            w.u64(rng.next()); w.u64(rng.next())
            header = w.bytes
            plain = .allocate(byteCount: chunkSize, alignment: 64)
            sealed = .allocate(byteCount: chunkSize + GCMContext.nonceSize + GCMContext.tagSize, alignment: 64)
            try header.withUnsafeBytes { try Files.writeAll(fd, $0, at: 0, path: path) }
        }

        deinit {
            plain.deallocate()
            sealed.deallocate()
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            var at = 0
            while at < bytes.count {
                let n = min(bytes.count - at, chunkSize - filled)
                (plain.baseAddress! + filled).copyMemory(from: bytes.baseAddress! + at, byteCount: n)
                filled += n
                at += n
                if filled == chunkSize { try sealChunk() }
            }
        }

        func finish() throws {
            if filled > 0 || chunk == 0 { try sealChunk() }
            guard chunk == chunks, (chunks - 1) * chunkSize + filledLast == plainSize else {
                throw StoreError("index snapshot size changed while sealing")
            }
        }

        private var filledLast = 0

        private func sealChunk() throws {
            let at = headerSize + chunk * (chunkSize + GCMContext.nonceSize + GCMContext.tagSize)
            for k in 0..<3 { sealed.storeBytes(of: UInt32(truncatingIfNeeded: rng.next()), toByteOffset: k * 4, as: UInt32.self) }
            let nonce = UnsafeRawBufferPointer(rebasing: sealed[0..<GCMContext.nonceSize])
            do {
                try associatedData(header, chunk).withUnsafeBytes { a in
                    try gcm.seal(UnsafeRawBufferPointer(rebasing: plain[0..<filled]), nonce: nonce, authenticating: a,
                                 into: sealed.baseAddress! + GCMContext.nonceSize)
                }
            } catch {
                throw StoreError("cannot seal the index snapshot")
            }
            let length = GCMContext.nonceSize + filled + GCMContext.tagSize
            try Files.writeAll(fd, UnsafeRawBufferPointer(rebasing: sealed[0..<length]), at: at, path: path)
            filledLast = filled
            filled = 0
            chunk += 1
        }
    }

    private static func associatedData(_ header: [UInt8], _ chunk: Int) -> [UInt8] {
        var ad = context + header
        withUnsafeBytes(of: UInt32(chunk).littleEndian) { ad.append(contentsOf: $0) }
        return ad
    }

    /// The plaintext size a sealed snapshot's header states (not yet checked against the file); nil when the
    /// header is not one.
    static func plaintextSize(header: UnsafeRawBufferPointer) -> Int? {
        guard header.count >= headerSize else { return nil }
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: header[0..<headerSize]))
        guard (try? r.u32()) == magic, (try? r.u32()) == version, let size = try? r.u64(), size <= UInt64(Int.max) else { return nil }
        return Int(size)
    }

    /// The plaintext, decrypted on all cores into a 64-byte-aligned buffer (`prepared` when it has the right size,
    /// else a new one); fails when any chunk does not verify.
    static func open(_ file: UnsafeRawBufferPointer, cipher: RecordCipher, into prepared: SnapshotBuffer? = nil) -> Result<ColumnBytes, StoreError> {
        guard let gcm = cipher.gcm else { return .failure(StoreError("index snapshot cannot be opened")) }
        guard file.count >= headerSize else { return .failure(StoreError("index snapshot damaged")) }
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: file[0..<headerSize]))
        guard (try? r.u32()) == magic, (try? r.u32()) == version, let size = try? r.u64(), let cs = try? r.u32(),
              let chunks = try? r.u32() else {
            return .failure(StoreError("index snapshot has another format"))
        }
        let plainSize = Int(truncatingIfNeeded: size), chunkSize = Int(cs), count = Int(chunks)
        guard size <= UInt64(file.count), chunkSize > 0, count == max(1, (plainSize + chunkSize - 1) / chunkSize),
              headerSize + plainSize + count * 28 == file.count else {
            return .failure(StoreError("index snapshot damaged (size)"))
        }
        let header = Array(file[0..<headerSize])
        guard let target = prepared.flatMap({ $0.count == plainSize ? $0 : nil }) ?? SnapshotBuffer(count: plainSize) else {
            return .failure(StoreError("no memory for the index snapshot"))
        }
        let buffer = target.base, owner = target.owner
        let ok = UnsafeMutableBufferPointer<Bool>.allocate(capacity: count)
        defer { ok.deallocate() }
        ok.initialize(repeating: false)
        Parallel.forEach(count) { i in
            let lo = i * chunkSize, hi = min(plainSize, lo + chunkSize)
            let at = headerSize + lo + i * 28
            let nonce = UnsafeRawBufferPointer(rebasing: file[at..<(at + 12)])
            let sealed = UnsafeRawBufferPointer(rebasing: file[(at + 12)..<(at + 12 + hi - lo + 16)])
            ok[i] = associatedData(header, i).withUnsafeBytes { gcm.open(sealed, nonce: nonce, authenticating: $0, into: buffer + lo) }
        }
        guard ok.allSatisfy({ $0 }) else {
            return .failure(StoreError("dossier index snapshot does not decrypt (wrong key or damaged file)"))
        }
        return .success(owner)
    }
}

/// Where a snapshot's plaintext goes as it is made: the file itself, or a sealer in front of it.
protocol SnapshotSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish() throws
}

/// Writes a plain snapshot's bytes one after the other.
final class PlainSnapshotSink: SnapshotSink {
    private let fd: Int32
    private let path: String
    private var at = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try Files.writeAll(fd, bytes, at: at, path: path)
        at += bytes.count
    }

    func finish() throws {}
}

/// Runs `body(0..<n)` spread over the cores (inline when there is one piece of work).
enum Parallel {
    static func forEach(_ n: Int, _ body: (Int) -> Void) {
        if n <= 1 {
            for i in 0..<n { body(i) }
            return
        }
        withoutActuallyEscaping(body) { b in
            let box = UncheckedBox(b)
            DispatchQueue.concurrentPerform(iterations: n) { i in box.value(i) }
        }
    }
}

/// Hands a non-Sendable value to `concurrentPerform`'s workers; the caller guarantees they use it safely
/// (each writes only its own slots of shared output).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
