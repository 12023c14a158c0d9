#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

/// What `fsck` found.
public struct FsckReport: Sendable {
    /// Damage: each names the file and, where it applies, the byte offset.
    public var problems: [String] = []
    /// Facts worth knowing that are not damage (counts, an unfinished tail a writer will cut, a stale snapshot).
    public var notes: [String] = []
    public var isClean: Bool { problems.isEmpty }
}

/// What `compact` did.
public struct CompactReport: Sendable {
    public var bytesBefore: Int
    public var bytesAfter: Int
    public var liveItems: Int
    public var segmentsRemoved: Int
}

extension Workspace {
    /// Checks every frame's checksum, decrypts and decodes every record, checks every transaction's commit record,
    /// rebuilds the index from the log and compares it with the index in use and with the snapshot on disk.
    public func fsck() -> FsckReport {
        var report = FsckReport()
        let loader = LogLoader(directory: path, workspaceID: workspaceID, cipher: cipher, writable: false, useSnapshot: false)
        let rebuilt: LogLoader.Result
        do {
            rebuilt = try loader.load()
        } catch {
            report.problems.append("\(error)")
            return report
        }
        report.problems += rebuilt.damage
        report.notes += rebuilt.report
        let live = stateForMaintenance
        let bytes = rebuilt.segments.reduce(0) { $0 + $1.size }
        report.notes.insert("checked \(rebuilt.segments.count) segment(s), \(bytes) bytes, \(rebuilt.frames) records in \(rebuilt.state.version == 0 ? 0 : rebuilt.transactions) transactions; \(rebuilt.state.index.ids.count) live items", at: 0)
        if rebuilt.damage.isEmpty && rebuilt.state.version == live.version && !live.index.sameEntries(as: rebuilt.state.index) {
            report.problems.append("the index in use differs from the log (reopen the workspace to rebuild it)")
        }
        let snapPath = path + "/index/" + IndexSnapshot.fileName
        if Files.exists(snapPath) {
            switch IndexSnapshot.read(from: snapPath, cipher: cipher) {
            case .failure(let e):
                report.problems.append("index/\(IndexSnapshot.fileName): \(e.description) (a writer rebuilds it on open)")
            case .success(let snap):
                if snap.sequence == rebuilt.state.version && rebuilt.damage.isEmpty {
                    if !snap.index.sameEntries(as: rebuilt.state.index) {
                        report.problems.append("index/\(IndexSnapshot.fileName) does not match the log (a writer rebuilds it on open)")
                    }
                } else if snap.sequence < rebuilt.state.version {
                    report.notes.append("index snapshot is \(rebuilt.state.version - snap.sequence) transaction(s) behind the log (replayed on open)")
                } else if rebuilt.damage.isEmpty {
                    report.problems.append("index/\(IndexSnapshot.fileName) claims transaction \(snap.sequence) but the log ends at \(rebuilt.state.version)")
                }
            }
        }
        checkAuditTrail(into: &report)
        return report
    }

    /// Verifies the audit trail's hash chain (every entry's hash and its link to the one before) and reports the
    /// first bad entry. An unfinished last entry (an interrupted append) is a note: a writer cuts it on open.
    private func checkAuditTrail(into report: inout FsckReport) {
        guard Files.exists(AuditTrail.path(in: path)) else { return }
        let reading: AuditReading
        do {
            reading = try readAudit()
        } catch {
            report.problems.append("\(AuditTrail.fileName): cannot be read: \(error)")
            return
        }
        if let p = reading.problem {
            if p.isTornTail {
                report.notes.append("\(AuditTrail.fileName): entry \(p.index) at byte \(p.offset) is unfinished (\(p.reason)); a writer cuts it on open")
            } else {
                report.problems.append("\(AuditTrail.fileName): hash chain broken at entry \(p.index) (byte offset \(p.offset)): \(p.reason); \(reading.records.count) entries before it verified")
                return
            }
        }
        report.notes.append("audit trail: \(reading.records.count) entries, hash chain intact, head \(reading.head)")
    }

    /// Rewrites the live items into one new base segment and removes the old segments. A crash at any point
    /// leaves the old state (the new segment only counts once renamed into place) or the new one.
    @discardableResult
    public func compact() throws -> CompactReport {
        try withWriter { w in
            let s = stateForMaintenance
            let bytesBefore = s.records.committedSize.values.reduce(0, +)
            let number = w.highestSegment + 1
            let final = segmentsDirectory + "/" + SegmentFormat.fileName(number)
            let tmp = final + ".tmp"
            let fd = try Files.open(tmp, O_RDWR | O_CREAT | O_TRUNC)
            var ok = false
            defer {
                if !ok {
                    Glibc.close(fd)
                    unlink(tmp)
                }
            }
            var buffer = SegmentFormat.header(number: number, base: true, workspaceID: workspaceID)
            var written = 0
            var ops: [IndexOp] = []
            ops.reserveCapacity(s.index.ids.count)
            var scratch = ByteWriter(capacity: 256)
            var frames = ByteWriter(capacity: 1 << 20)
            frames.bytes = buffer
            buffer = []
            for e in s.index.ids {
                let item: Item
                do {
                    item = try s.records.item(at: e.ref)
                } catch {
                    throw StoreError("cannot compact: \(error) (run `dossier fsck`)")
                }
                let at = written + frames.bytes.count
                let start = SegmentFormat.beginFrame(.put, &frames)
                if cipher.isEncrypted {
                    scratch.bytes.removeAll(keepingCapacity: true)
                    ItemCodec.encode(item, into: &scratch)
                    try cipher.seal(scratch.bytes, segment: number, offset: UInt64(at), type: SegmentFormat.FrameType.put.rawValue,
                                    into: &frames.bytes)
                } else {
                    ItemCodec.encode(item, into: &frames)
                }
                try SegmentFormat.endFrame(start, &frames)
                ops.append(IndexOp(id: item.id, ref: RecordRef(segment: number, offset: UInt32(at),
                                                               length: UInt32(frames.bytes.count - start)),
                                   keys: IndexKeys(item)))
                guard at < SegmentFormat.hardCapacity else { throw StoreError("cannot compact: live data exceeds one segment") }
                if frames.bytes.count >= 8 << 20 {
                    try frames.bytes.withUnsafeBytes { try Files.writeAll(fd, $0, at: written, path: tmp) }
                    written += frames.bytes.count
                    frames.bytes.removeAll(keepingCapacity: true)
                }
            }
            let commitAt = written + frames.bytes.count
            let record = CommitRecord(sequence: s.version, frameCount: ops.count, start: SegmentFormat.headerSize,
                                      analyst: "dossier", time: .now(), action: "compact", reason: "")
            try SegmentFormat.appendFrame(.commit, plaintext: record.encoded(), segment: number, fileOffset: commitAt,
                                          cipher: cipher, into: &frames.bytes)
            try frames.bytes.withUnsafeBytes { try Files.writeAll(fd, $0, at: written, path: tmp) }
            written += frames.bytes.count
            try Files.sync(fd, path: tmp)
            guard rename(tmp, final) == 0 else { throw Files.osError("cannot rename into place", tmp) }
            ok = true
            try Files.syncDirectory(segmentsDirectory)
            // From here the new segment is the state; the old ones are garbage.
            var index = StoreIndex()
            index.apply(ops) { _ in nil }
            var records = RecordReader()
            records.cipher = cipher
            records.files[number] = try MappedFile(path: final, fd: fd, minimumCapacity: written)
            records.committedSize[number] = written
            w.adopt(segment: number, fd: fd, size: written, commitOffset: commitAt, index: index, records: records)
            var removed = 0
            for old in s.records.files.keys where old < number {
                try Files.remove(segmentsDirectory + "/" + SegmentFormat.fileName(old))
                removed += 1
            }
            for name in try Files.list(segmentsDirectory) {
                if let n = SegmentFormat.number(ofFileName: name), n < number {
                    try Files.remove(segmentsDirectory + "/" + name)
                }
            }
            try Files.syncDirectory(segmentsDirectory)
            try w.writeSnapshotLocked()
            return CompactReport(bytesBefore: bytesBefore, bytesAfter: written, liveItems: ops.count, segmentsRemoved: removed)
        }
    }
}

extension StoreIndex {
    /// Whether both indexes hold the same entries (field by field; struct padding is ignored).
    func sameEntries(as o: StoreIndex) -> Bool {
        guard ids.count == o.ids.count, identifiers.count == o.identifiers.count, names.count == o.names.count,
              times.count == o.times.count, caseMembers.count == o.caseMembers.count, kindCounts == o.kindCounts else { return false }
        for i in ids.indices {
            let a = ids[i], b = o.ids[i]
            guard a.high == b.high, a.low == b.low, a.ref == b.ref, a.kind == b.kind else { return false }
        }
        for i in identifiers.indices where !(identifiers[i] == o.identifiers[i]) { return false }
        for i in names.indices where !(names[i] == o.names[i]) { return false }
        for i in times.indices where !(times[i] == o.times[i] && times[i].ref == o.times[i].ref) { return false }
        for i in caseMembers.indices where !(caseMembers[i] == o.caseMembers[i] && caseMembers[i].kind == o.caseMembers[i].kind) {
            return false
        }
        return true
    }
}

extension Workspace {
    /// Changes the passphrase of an encrypted workspace: the data key is wrapped again under a new salt and the
    /// header replaced atomically (a crash leaves the old or the new passphrase working, never neither).
    public func rekey(newPassphrase: String, scryptLogN: UInt8 = 15) throws {
        guard !newPassphrase.isEmpty else { throw StoreError("the new passphrase is empty") }
        try withWriter { _ in
            guard let key = cipher.key else { throw StoreError("workspace \(path) is not encrypted; nothing to rekey") }
            var meta = try WorkspaceMeta.read(directory: path)
            meta.encryption = try WorkspaceMeta.wrap(dataKey: key, passphrase: newPassphrase, workspaceID: workspaceID,
                                                     logN: scryptLogN)
            try Files.writeAtomically(path + "/" + WorkspaceMeta.fileName, meta.encoded())
        }
    }
}
