#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

/// Opens the log: finds the live segments, loads the index snapshot if it can be trusted, replays the rest,
/// and tells a torn (unfinished) tail from damage in the middle.
struct LogLoader {
    let directory: String
    let workspaceID: ItemID
    let cipher: RecordCipher
    let writable: Bool
    var useSnapshot = true
    /// The snapshot mapped and its plaintext memory faulted in while an encrypted open derived its key.
    var preload: SnapshotPreload?

    struct Result {
        var state = StoreState()
        var report: [String] = []
        var damage: [String] = []
        var segments: [SegmentFile] = []
        /// Where the last committed transaction ends (the next append goes here unless a new segment is due).
        var lastSegment: UInt32?
        var lastCommitEnd = 0
        var lastCommitOffset = 0
        var highestNumber: UInt32 = 0
        /// The writer must continue in a new segment (a cut tail is never overwritten: nonces must not repeat).
        var needNewSegment = false
        /// The snapshot on disk covers everything: nothing to write on close.
        var snapshotFresh = false
        var baseSegment: UInt32 = 0
        var replayedOps = 0
        /// Frames and transactions replayed (all of them when no snapshot was used).
        var frames = 0
        var transactions = 0
    }

    var segmentsDir: String { directory + "/segments" }

    func load() throws -> Result {
        var result = Result()
        result.state.records.cipher = cipher
        var files = try listSegments(&result)
        // A compacted base segment supersedes every lower-numbered one.
        if let baseAt = files.lastIndex(where: { $0.header?.isBase == true }), baseAt > 0 {
            for old in files[..<baseAt] {
                if writable {
                    try Files.remove(old.path)
                    result.report.append("removed segments/\(SegmentFormat.fileName(old.number)) left over from a compaction")
                }
            }
            files.removeFirst(baseAt)
            if writable { try Files.syncDirectory(segmentsDir) }
        }
        result.baseSegment = files.first?.number ?? 0
        for f in files where f.size >= SegmentFormat.headerSize && f.header != nil {
            let fd = try Files.open(f.path, O_RDONLY)
            defer { close(fd) }
            result.state.records.files[f.number] = try MappedFile(path: f.path, fd: fd, minimumCapacity: f.size)
            result.state.records.committedSize[f.number] = SegmentFormat.headerSize
        }
        result.segments = files

        // Start from the snapshot when it matches the log.
        var startSegment = 0
        var startOffset = SegmentFormat.headerSize
        let snapPath = directory + "/index/" + IndexSnapshot.fileName
        switch useSnapshot ? IndexSnapshot.read(from: snapPath, cipher: cipher, preload: preload) : .failure(StoreError("not used")) {
        case .success(let snap):
            if let why = try check(snap, files: files, result: &result) {
                result.report.append("index snapshot not used (\(why)); index rebuilt from the log")
            } else {
                result.state.index = snap.index
                result.state.version = snap.sequence
                startSegment = files.firstIndex { $0.number == snap.coveredSegment } ?? 0
                startOffset = Int(snap.coveredEnd)
                result.lastSegment = snap.coveredSegment
                result.lastCommitEnd = Int(snap.coveredEnd)
                result.lastCommitOffset = Int(snap.lastCommitOffset)
                for f in files where f.number < snap.coveredSegment { result.state.records.committedSize[f.number] = f.size }
                result.state.records.committedSize[snap.coveredSegment] = Int(snap.coveredEnd)
                result.snapshotFresh = true
            }
        case .failure(let e):
            if useSnapshot && Files.exists(snapPath) { result.report.append("\(e.description); index rebuilt from the log") }
        }
        try replay(files: files, from: startSegment, offset: startOffset, into: &result)
        result.state.refreshCases()
        return result
    }

    private func listSegments(_ result: inout Result) throws -> [SegmentFile] {
        var files: [SegmentFile] = []
        for name in try Files.list(segmentsDir) {
            let path = segmentsDir + "/" + name
            if name.hasSuffix(".seg.tmp") {
                // An unfinished compaction: keep its number used (as an empty segment) so it is never reused.
                if writable {
                    let final = String(path.dropLast(4))
                    if truncate(path, 0) != 0 || rename(path, final) != 0 { throw Files.osError("cannot clear", path) }
                    try Files.syncDirectory(segmentsDir)
                    result.report.append("discarded an unfinished compaction (segments/\(name))")
                    if let n = SegmentFormat.number(ofFileName: String(name.dropLast(4))) {
                        files.append(SegmentFile(number: n, path: final, size: 0, header: nil))
                        result.highestNumber = max(result.highestNumber, n)
                    }
                }
                continue
            }
            guard let number = SegmentFormat.number(ofFileName: name) else { continue }
            result.highestNumber = max(result.highestNumber, number)
            guard let stamp = Files.stamp(path) else { throw StoreError("cannot read segments/\(name)") }
            var file = SegmentFile(number: number, path: path, size: Int(stamp.size), header: nil)
            if file.size >= SegmentFormat.headerSize {
                let fd = try Files.open(path, O_RDONLY)
                var head = [UInt8](repeating: 0, count: SegmentFormat.headerSize)
                let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, SegmentFormat.headerSize, 0) }
                close(fd)
                if n == SegmentFormat.headerSize {
                    switch head.withUnsafeBytes({ SegmentFormat.readHeader($0) }) {
                    case .success(let h):
                        guard h.number == number else {
                            throw StoreError("segments/\(name): header says segment \(h.number); the file was renamed or copied")
                        }
                        guard h.workspaceID == workspaceID else {
                            throw StoreError("segments/\(name) belongs to another workspace")
                        }
                        file.header = h
                    case .failure(let e):
                        // Damage, unless it is the last segment and nothing was committed in it (a torn creation).
                        file.headerProblem = e.description
                    }
                }
            }
            files.append(file)
        }
        return files.sorted { $0.number < $1.number }
    }

    /// Why the snapshot cannot be used, or nil when it can (after re-checking segments whose stamp changed).
    private func check(_ snap: IndexSnapshot, files: [SegmentFile], result: inout Result) throws -> String? {
        guard snap.baseSegment == (files.first?.number ?? 0) else { return "it predates a compaction" }
        guard let covered = files.first(where: { $0.number == snap.coveredSegment }),
              let file = result.state.records.files[covered.number] else { return "its segment is gone" }
        guard snap.coveredEnd <= UInt64(covered.size), snap.lastCommitOffset < snap.coveredEnd else { return "the log is shorter" }
        let bytes = file.bytes(0, Int(snap.coveredEnd))
        guard case .frame(let f) = SegmentFormat.frame(at: Int(snap.lastCommitOffset), in: bytes), f.type == .commit,
              f.offset + f.totalLength == Int(snap.coveredEnd),
              let rec = try? cipher.open(f.payload, segment: covered.number, offset: UInt64(f.offset), type: f.type.rawValue,
                                         { try CommitRecord.decode($0) }),
              rec.sequence == snap.sequence else { return "it does not match the log" }
        for f in files where f.number <= snap.coveredSegment && f.size >= SegmentFormat.headerSize {
            guard let recorded = snap.stamps.first(where: { $0.number == f.number }) else { return "a segment is new" }
            if f.number < snap.coveredSegment && UInt64(f.size) != recorded.stamp.size { return "a segment changed size" }
            if Files.stamp(f.path) != recorded.stamp, let mapped = result.state.records.files[f.number] {
                // Changed since the snapshot (appended to, or edited): check every covered frame again.
                let end = f.number == snap.coveredSegment ? Int(snap.coveredEnd) : f.size
                let bytes = mapped.bytes(0, end)
                var at = SegmentFormat.headerSize
                while at < end {
                    guard case .frame(let fr) = SegmentFormat.frame(at: at, in: bytes) else {
                        result.damage.append("segments/\(SegmentFormat.fileName(f.number)): damaged record at byte \(at) (checksum mismatch); committed data follows it")
                        break
                    }
                    do {
                        try cipher.open(fr.payload, segment: f.number, offset: UInt64(at), type: fr.type.rawValue) { _ in }
                    } catch {
                        result.damage.append("segments/\(SegmentFormat.fileName(f.number)): record at byte \(at) cannot be read (\(error))")
                        break
                    }
                    at += fr.totalLength
                }
            }
        }
        return nil
    }

    /// Replays committed transactions from (segment index, offset) to the end of the log into the index.
    private func replay(files: [SegmentFile], from startIndex: Int, offset startOffset: Int, into result: inout Result) throws {
        var ops: [IndexOp] = []
        var pending: [IndexOp] = []
        var bad: (segment: Int, offset: Int, reason: String)?
        var index = startIndex
        var offset = startOffset
        var txnStart = offset
        scan: while index < files.count {
            let seg = files[index]
            guard let file = result.state.records.files[seg.number] else {
                // Empty (0-byte) segment, or one whose header never got written.
                if seg.size > 0 { bad = (index, 0, seg.headerProblem ?? "segment header cut short"); break scan }
                index += 1; offset = SegmentFormat.headerSize; txnStart = offset
                continue
            }
            let bytes = file.bytes(0, seg.size)
            while true {
                switch SegmentFormat.frame(at: offset, in: bytes) {
                case .end:
                    if !pending.isEmpty { bad = (index, txnStart, "transaction without a commit record"); break scan }
                    index += 1; offset = SegmentFormat.headerSize; txnStart = offset
                    continue scan
                case .bad(let reason):
                    bad = (index, offset, reason)
                    break scan
                case .frame(let f):
                    result.frames += 1
                    do {
                        switch f.type {
                        case .put:
                            let item = try cipher.open(f.payload, segment: seg.number, offset: UInt64(f.offset), type: f.type.rawValue) {
                                try ItemCodec.decode($0)
                            }
                            pending.append(IndexOp(id: item.id, ref: RecordRef(segment: seg.number, offset: UInt32(f.offset),
                                                                               length: UInt32(f.totalLength)),
                                                   keys: IndexKeys(item)))
                        case .delete:
                            let d = try cipher.open(f.payload, segment: seg.number, offset: UInt64(f.offset), type: f.type.rawValue) {
                                try DeleteRecord.decode($0)
                            }
                            pending.append(IndexOp(id: d.id, ref: nil, keys: nil))
                        case .commit:
                            let c = try cipher.open(f.payload, segment: seg.number, offset: UInt64(f.offset), type: f.type.rawValue) {
                                try CommitRecord.decode($0)
                            }
                            guard c.frameCount == pending.count, c.start == txnStart else {
                                throw StoreError("commit record does not match its transaction")
                            }
                            ops.append(contentsOf: pending)
                            result.transactions += 1
                            pending.removeAll(keepingCapacity: true)
                            result.state.version = c.sequence
                            result.lastSegment = seg.number
                            result.lastCommitOffset = f.offset
                            result.lastCommitEnd = f.offset + f.totalLength
                            result.state.records.committedSize[seg.number] = result.lastCommitEnd
                            result.snapshotFresh = false
                            txnStart = result.lastCommitEnd
                        }
                    } catch {
                        result.damage.append("segments/\(SegmentFormat.fileName(seg.number)): record at byte \(f.offset) cannot be read (\(error))")
                        break scan
                    }
                    offset = f.offset + f.totalLength
                }
            }
        }
        if let bad {
            try classify(bad: bad, files: files, into: &result)
        }
        let records = result.state.records
        result.replayedOps = ops.count
        result.state.index.apply(ops) { records.keys(of: $0) }
    }

    /// Bad bytes at `bad`: damage when a commit follows them anywhere in the log, else an unfinished tail to cut.
    private func classify(bad: (segment: Int, offset: Int, reason: String), files: [SegmentFile], into result: inout Result) throws {
        let seg = files[bad.segment]
        let name = "segments/" + SegmentFormat.fileName(seg.number)
        var commitFollows = false
        if let file = result.state.records.files[seg.number] {
            commitFollows = SegmentFormat.hasCommitFrame(after: bad.offset, in: file.bytes(0, seg.size))
        }
        for later in files[(bad.segment + 1)...] where !commitFollows {
            if let file = result.state.records.files[later.number] {
                commitFollows = SegmentFormat.hasCommitFrame(after: SegmentFormat.headerSize - 1, in: file.bytes(0, later.size))
            }
        }
        if commitFollows {
            result.damage.append("\(name): damaged record at byte \(bad.offset) (\(bad.reason)); committed data follows it")
            return
        }
        // An unfinished transaction at the end: cut it (writer) or ignore it (reader).
        let cutFrom = result.lastSegment == seg.number ? result.lastCommitEnd : (seg.header != nil ? SegmentFormat.headerSize : 0)
        let cutBytes = seg.size - cutFrom + files[(bad.segment + 1)...].reduce(0) { $0 + $1.size }
        guard writable else {
            result.report.append("ignored \(cutBytes) bytes of an unfinished transaction at \(name) byte \(cutFrom) (a writer may be at work)")
            return
        }
        for f in files[bad.segment...] {
            let keep = f.number == seg.number ? cutFrom : (f.header != nil ? SegmentFormat.headerSize : 0)
            guard f.size > keep else { continue }
            let fd = try Files.open(f.path, O_RDWR)
            defer { close(fd) }
            guard ftruncate(fd, off_t(keep)) == 0 else { throw Files.osError("cannot cut the unfinished tail of", f.path) }
            try Files.sync(fd, path: f.path)
        }
        result.report.append("cut \(cutBytes) bytes of an unfinished transaction at \(name) byte \(cutFrom) (\(bad.reason))")
        result.needNewSegment = true
    }
}
