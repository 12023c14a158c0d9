#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An index snapshot `index/snapshot.idx`: the sorted index arrays as of one commit, so that opening does not
/// replay the log. Written atomically (temp, fsync, rename, fsync dir); sealed whole with the data key in an
/// encrypted workspace. It is only a cache: any doubt about it (checksum, layout, the log position it claims to
/// cover) and the index is rebuilt from the log.
struct IndexSnapshot {
    static let fileName = "snapshot.idx"
    static let magic: UInt32 = 0x5844_4944  // "DIDX"
    static let version: UInt32 = 1
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
        for c in [index.ids.count, index.identifiers.count, index.names.count, index.times.count, index.caseMembers.count] {
            w.u64(UInt64(c))
        }
        for k in index.kindCounts { w.u64(UInt64(bitPattern: Int64(k))) }
        w.u64(FastChecksum.of(w.bytes.withUnsafeBytes { $0 }))
        var out = w.bytes
        var sum: UInt64 = 0
        func raw<T>(_ a: [T]) {
            a.withUnsafeBytes { b in
                sum = FastChecksum.of(b, seed: sum)
                out.append(contentsOf: b)
            }
        }
        let total = out.count + index.ids.count * MemoryLayout<IDEntry>.stride
            + (index.identifiers.count + index.names.count) * MemoryLayout<KeyEntry>.stride
            + index.times.count * MemoryLayout<TimeEntry>.stride + index.caseMembers.count * MemoryLayout<CaseEntry>.stride + 8
        out.reserveCapacity(total)
        raw(index.ids); raw(index.identifiers); raw(index.names); raw(index.times); raw(index.caseMembers)
        withUnsafeBytes(of: sum.littleEndian) { out.append(contentsOf: $0) }
        try Files.writeAtomically(path, try cipher.sealFile(out, context: "dossier index snapshot"))
    }

    /// The snapshot at `path`, or a reason it cannot be used.
    static func read(from path: String, cipher: RecordCipher) -> Result<IndexSnapshot, StoreError> {
        guard Files.exists(path) else { return .failure(StoreError("no index snapshot")) }
        if !cipher.isEncrypted {
            // Plain: map the file and copy the arrays straight out of the mapping (one copy, no read buffer).
            do {
                let fd = try Files.open(path, O_RDONLY)
                defer { close(fd) }
                guard let stamp = Files.stamp(path), stamp.size > 0 else { return .failure(StoreError("index snapshot empty")) }
                let size = Int(stamp.size)
                guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
                    return .failure(StoreError("index snapshot unreadable"))
                }
                defer { munmap(p, size) }
                madvise(p, size, MADV_WILLNEED)
                return parse(UnsafeRawBufferPointer(start: p, count: size))
            } catch {
                return .failure(StoreError("index snapshot unreadable"))
            }
        }
        let bytes: [UInt8]
        do {
            bytes = try cipher.openFile(try Files.readAll(path), context: "dossier index snapshot")
        } catch let e as StoreError {
            return .failure(e)
        } catch {
            return .failure(StoreError("index snapshot unreadable"))
        }
        return bytes.withUnsafeBytes { parse($0) }
    }

    private static func parse(_ raw: UnsafeRawBufferPointer) -> Result<IndexSnapshot, StoreError> {
        do {
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
                let headerEnd = r.position
                guard try r.u64() == FastChecksum.of(UnsafeRawBufferPointer(rebasing: raw[0..<headerEnd])) else {
                    return .failure(StoreError("index snapshot header checksum mismatch"))
                }
                var pos = r.position
                var sum: UInt64 = 0
                var ok = true
                func array<T>(_ count: Int, _ type: T.Type) -> [T] {
                    let size = count * MemoryLayout<T>.stride
                    guard ok, size <= raw.count - pos - 8 else { ok = false; return [] }
                    let src = UnsafeRawBufferPointer(rebasing: raw[pos..<(pos + size)])
                    sum = FastChecksum.of(src, seed: sum)
                    pos += size
                    return [T](unsafeUninitializedCapacity: count) { buf, initialized in
                        if size > 0 { UnsafeMutableRawBufferPointer(buf).copyMemory(from: src) }
                        initialized = count
                    }
                }
                var index = StoreIndex()
                index.ids = array(counts[0], IDEntry.self)
                index.identifiers = array(counts[1], KeyEntry.self)
                index.names = array(counts[2], KeyEntry.self)
                index.times = array(counts[3], TimeEntry.self)
                index.caseMembers = array(counts[4], CaseEntry.self)
                index.kindCounts = kinds
                guard ok, pos + 8 == raw.count,
                      UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)) == sum else {
                    return .failure(StoreError("index snapshot checksum mismatch"))
                }
                return .success(IndexSnapshot(sequence: seq, baseSegment: base, coveredSegment: covered, coveredEnd: end,
                                              lastCommitOffset: lastCommit, stamps: stamps, index: index))
            } catch {
                return .failure(StoreError("index snapshot damaged"))
            }
        }
    }
}
