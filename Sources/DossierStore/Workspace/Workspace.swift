#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import DossierModel

/// A committed batch as handed to commit observers (e.g. the audit trail).
public struct CommittedBatch: Sendable {
    public var sequence: UInt64
    public var analyst: String
    public var time: TimePoint
    public var action: String
    public var reason: String
    /// Ids put (inserted or replaced) by the batch, in batch order (a large streamed batch's in id order), as runs of
    /// consecutive ids: an import's are few.
    public var put: ItemIDRuns
    /// Ids deleted by the batch, with the reason given for each.
    public var deleted: [(id: ItemID, reason: String)]
}

/// A Dossier workspace: a directory holding `dossier.meta`, append-only `segments/`, `index/` snapshots and the
/// writer's `lock`. One writer at a time (OS file lock); any number of readers, each seeing the data committed
/// when it opened. Every public method is safe to call from any thread.
public final class Workspace: ItemReader, @unchecked Sendable {
    public let path: String
    public let workspaceID: ItemID
    /// Seals records and auxiliary files; `.plain` in an unencrypted workspace. Other modules (the audit trail)
    /// use `sealFile`/`openFile`/`derivedKey` from it so their files are as unreadable as the records.
    public let cipher: RecordCipher
    public private(set) var openReport: [String]

    let stateLock = Lock()
    let writeLock = Lock()
    var state: StoreState
    var readOnlyReason: String?
    private var writer: WriterLock?
    private var closed = false
    private var observers: [@Sendable (CommittedBatch) throws -> Void] = []
    /// Trust: access check and audit entry before every commit (see Audit/Workspace+Trust.swift).
    var auditor: CommitAuditor?

    // Writer position (guarded by writeLock).
    var activeSegment: UInt32?
    var activeFD: Int32 = -1
    var activeSize = 0
    /// The open streaming transaction, if any (see StreamingCommit.swift).
    var stream: StreamState?
    var streamCounter: UInt64 = 0
    private(set) var highestSegment: UInt32 = 0
    private var baseSegment: UInt32 = 0
    private var lastCommit: (segment: UInt32, offset: Int, end: Int)?
    private var snapshotFresh = true

    var segmentsDirectory: String { path + "/segments" }
    var snapshotPath: String { path + "/index/" + IndexSnapshot.fileName }

    public var isReadOnly: Bool { stateLock.withLock { readOnlyReason != nil } }
    public var isEncrypted: Bool { cipher.isEncrypted }

    // MARK: - Creating and opening

    /// Creates a workspace directory (which must not exist, or be empty) and opens it for writing.
    public static func create(at path: String, options: WorkspaceOptions = WorkspaceOptions()) throws -> Workspace {
        if Files.exists(path) {
            guard Files.isDirectory(path), try Files.list(path).isEmpty else {
                throw StoreError("\(path) already exists; choose a new directory for the workspace")
            }
        }
        var passphrase: String?
        if options.encrypted {
            guard let p = options.passphrase, !p.isEmpty else { throw StoreError("an encrypted workspace needs a passphrase") }
            passphrase = p
        }
        try Files.makeDirectory(path)
        try Files.makeDirectory(path + "/segments")
        try Files.makeDirectory(path + "/index")
        let id = ItemID.generate()
        var meta = WorkspaceMeta(workspaceID: id, createdMicros: TimePoint.now().utcMicros, encryption: nil)
        if let passphrase {
            meta.encryption = try WorkspaceMeta.wrap(dataKey: SymmetricKey(size: .bits256), passphrase: passphrase,
                                                     workspaceID: id, logN: options.scryptLogN)
        }
        try Files.writeAtomically(path + "/" + WorkspaceMeta.fileName, meta.encoded())
        Glibc.close(try Files.open(path + "/lock", O_WRONLY | O_CREAT))
        try Files.syncDirectory(path)
        try Files.syncDirectory(Files.directory(of: path.hasSuffix("/") ? String(path.dropLast()) : path))
        return try open(at: path, mode: .readWrite, passphrase: passphrase)
    }

    /// Whether the workspace at `path` is encrypted (so a passphrase must be asked for).
    public static func isEncrypted(at path: String) throws -> Bool {
        try WorkspaceMeta.read(directory: path).encryption != nil
    }

    /// Opens a workspace. A writer takes the lock (a second writer is refused, naming the holder's pid), cuts an
    /// unfinished tail and reports it in `openReport`; damage in the middle of the log opens it read-only.
    public static func open(at path: String, mode: AccessMode = .readWrite, passphrase: String? = nil) throws -> Workspace {
        guard Files.isDirectory(path) else { throw StoreError("no workspace at \(path)") }
        let meta = try WorkspaceMeta.read(directory: path)
        var cipher = RecordCipher.plain
        var preload: SnapshotPreload?
        if meta.encryption != nil {
            guard let passphrase, !passphrase.isEmpty else {
                throw StoreError("workspace \(path) is encrypted: a passphrase is needed")
            }
            // The other core maps the sealed index snapshot and faults in its plaintext memory meanwhile.
            preload = SnapshotPreload.start(path: path + "/index/" + IndexSnapshot.fileName)
            cipher = RecordCipher(dataKey: try meta.unwrapDataKey(passphrase: passphrase, directory: path))
        }
        let lock = mode == .readWrite ? try WriterLock(path: path + "/lock") : nil
        var loader = LogLoader(directory: path, workspaceID: meta.workspaceID, cipher: cipher, writable: lock != nil)
        loader.preload = preload
        let result = try loader.load()
        let workspace = try Workspace(path: path, meta: meta, cipher: cipher, lock: lock, loaded: result)
        if !workspace.isReadOnly { workspace.openReport += try workspace.attachAudit() }  // trust: audit trail
        return workspace
    }

    private init(path: String, meta: WorkspaceMeta, cipher: RecordCipher, lock: WriterLock?, loaded: LogLoader.Result) throws {
        self.path = path
        self.workspaceID = meta.workspaceID
        self.cipher = cipher
        self.state = loaded.state
        self.openReport = loaded.report + loaded.damage
        self.writer = lock
        self.highestSegment = loaded.highestNumber
        self.baseSegment = loaded.baseSegment
        self.snapshotFresh = loaded.snapshotFresh
        if let s = loaded.lastSegment {
            lastCommit = (s, loaded.lastCommitOffset, loaded.lastCommitEnd)
        }
        if lock == nil {
            readOnlyReason = "it was opened read-only"
        } else if !loaded.damage.isEmpty {
            readOnlyReason = "it is damaged (run `dossier fsck`)"
            openReport.append("opened read-only because of the damage above; nothing was changed")
            lock?.release()
            writer = nil
        } else if !loaded.needNewSegment, let last = loaded.segments.last, last.header != nil, last.size >= SegmentFormat.headerSize {
            let size = loaded.state.records.committedSize[last.number] ?? SegmentFormat.headerSize
            if size < SegmentFormat.softCapacity {
                activeFD = try Files.open(last.path, O_RDWR)
                activeSegment = last.number
                activeSize = size
            }
        }
        if writer != nil && loaded.needNewSegment {
            // The cut bytes' positions are never written again (their nonces stay unique): continue in a new segment.
            try ensureActiveSegment(adding: 0)
        }
        if writer != nil && !snapshotFresh && loaded.replayedOps >= 10_000 {
            try writeSnapshot()
        }
    }

    deinit { close() }

    /// Writes the index snapshot if the log has grown since the last one, closes files and releases the writer lock.
    /// Reads keep working on the data committed so far; commits fail.
    public func close() {
        writeLock.withLock {
            guard !closed else { return }
            closed = true
            if let st = stream { abandonStreamLocked(st) }
            if writer != nil && readOnlyReason == nil && !snapshotFresh { try? writeSnapshotLocked() }
            if activeFD >= 0 { Glibc.close(activeFD); activeFD = -1 }
            writer?.release()
            writer = nil
            stateLock.withLock { if readOnlyReason == nil { readOnlyReason = "it has been closed" } }
        }
    }

    /// Registers a function called after every commit, with the lock for writing still held (so observers see
    /// batches in commit order). The audit trail appends its entry here. An observer's error is reported to the
    /// committer, but the batch itself stays committed.
    public func addCommitObserver(_ observer: @escaping @Sendable (CommittedBatch) throws -> Void) {
        writeLock.withLock { observers.append(observer) }
    }

    // MARK: - Committing

    /// Commits `batch` all-or-nothing; when it returns the batch is on disk (fsync). Returns the new version.
    /// Large batches are encoded on every core; for imports too large to hold, see `beginCommitStream`.
    @discardableResult
    public func commit(_ batch: ChangeBatch) throws -> UInt64 {
        try writeLock.withLock {
            try checkWritableLocked()
            let current = stateLock.withLock { state }
            if batch.changes.isEmpty { return current.version }
            try ensureActiveSegment(adding: batch.changes.count * 128)
            guard let segment = activeSegment else { throw StoreError("no segment to write to") }
            let base = activeSize
            // Encoded in memory (on every core) first; trust: checked and audited before any byte is written.
            let reader = PrecommitReader(workspace: self, state: current)
            let encoded = try FrameEncoder.encode(batch.changes, segment: segment, base: base, cipher: cipher,
                                                  screen: precommitScreen(batch.analyst, reader))
            try validateDeletes(batch, encoded.needsCheck, current.index)
            var audit = AuditAccumulator()
            try auditEncoded(batch, encoded, reader: reader, into: &audit)
            try auditAnnounce(audit.entry(analyst: batch.analyst, time: batch.time, action: batch.action, reason: batch.reason,
                                          commit: current.version + 1), sequence: current.version + 1)
            let segPath = segmentsDirectory + "/" + SegmentFormat.fileName(segment)
            do {
                var at = base
                for part in encoded.parts {
                    try part.withUnsafeBytes { try Files.writeAll(activeFD, $0, at: at, path: segPath) }
                    at += part.count
                }
                try Files.sync(activeFD, path: segPath)
            } catch {
                undoWrite(to: base)
                throw error
            }
            var put = ItemIDRuns(), deleted: [(id: ItemID, reason: String)] = []
            if !observers.isEmpty {
                // From the encoder's ops (ids in batch order) rather than the items: no walk over a bulk batch's items.
                // A put is an op with a record (`ref`, trivially copied; its keys are not retained and released).
                for i in encoded.ops.indices where encoded.ops[i].ref != nil { put.append(encoded.ops[i].id) }
                for i in encoded.needsCheck {
                    if case .delete(let id, let reason) = batch.changes[i] { deleted.append((id, reason)) }
                }
            }
            var none = FreshEntries()
            return try commitWrittenFrames(segment: segment, start: base, end: base + encoded.size, ops: encoded.ops,
                                           fresh: &none, touchesCases: encoded.touchesCases, analyst: batch.analyst, time: batch.time,
                                           action: batch.action, reason: batch.reason, put: put, deleted: deleted)
        }
    }

    /// Throws unless this is a healthy writer with no stream open (call holding the write lock).
    func checkWritableLocked() throws {
        if let why = stateLock.withLock({ readOnlyReason }) {
            throw StoreError("cannot change workspace \(path): \(why)")
        }
        if stream != nil {
            throw StoreError("cannot change workspace \(path): an import is being written to it; try again when it has finished")
        }
    }

    /// Cuts a failed write off the log again.
    func undoWrite(to base: Int) {
        if ftruncate(activeFD, off_t(base)) != 0 || fsync(activeFD) != 0 {
            stateLock.withLock { readOnlyReason = "a failed write could not be undone (reopen to recover)" }
        }
    }

    /// The last step of every transaction, holding the write lock: the frames in `start..<end` of `segment` are written
    /// and synced; writes and syncs the commit record, then makes the transaction visible (index, version, cases) and
    /// tells the observers. Returns the new version.
    func commitWrittenFrames(segment: UInt32, start base: Int, end commitAt: Int, ops: [IndexOp],
                             fresh: inout FreshEntries, touchesCases: Bool,
                             analyst: String, time: TimePoint, action: String, reason: String,
                             put: ItemIDRuns, deleted: [(id: ItemID, reason: String)]) throws -> UInt64 {
        let sequence = stateLock.withLock { state.version } + 1
        let record = CommitRecord(sequence: sequence, frameCount: ops.count + fresh.count, start: base, analyst: analyst,
                                  time: time, action: action, reason: reason)
        var commitFrame: [UInt8] = []
        try SegmentFormat.appendFrame(.commit, plaintext: record.encoded(), segment: segment, fileOffset: commitAt,
                                      cipher: cipher, into: &commitFrame)
        let end = commitAt + commitFrame.count
        let segPath = segmentsDirectory + "/" + SegmentFormat.fileName(segment)
        guard end <= SegmentFormat.hardCapacity else {
            undoWrite(to: base)
            throw StoreError("batch too large for one segment (\(end) bytes)")
        }
        do {
            // Data first and synced (by the caller), then the commit record: a commit record on disk means its data is too.
            try commitFrame.withUnsafeBytes { try Files.writeAll(activeFD, $0, at: commitAt, path: segPath) }
            try Files.sync(activeFD, path: segPath)
        } catch {
            undoWrite(to: base)
            throw error
        }
        activeSize = end
        lastCommit = (segment, commitAt, end)
        snapshotFresh = false
        try stateLock.withLock {
            if let mapped = state.records.files[segment], mapped.capacity >= end {
                // still fits the mapping
            } else {
                state.records.files[segment] = try MappedFile(path: segPath, fd: activeFD, minimumCapacity: end)
            }
            state.records.committedSize[segment] = end
            let records = state.records
            state.index.apply(ops, fresh: &fresh) { records.keys(of: $0) }
            state.version = sequence
            if touchesCases { state.refreshCases() }
        }
        if !observers.isEmpty {
            let done = CommittedBatch(sequence: sequence, analyst: analyst, time: time, action: action,
                                      reason: reason, put: put, deleted: deleted)
            for o in observers { try o(done) }
        }
        return sequence
    }

    /// Refuses deletes of ids that neither exist nor are put by the batch. Only the changes the encoder screened
    /// (`candidates`, which include every delete) are looked at: a bulk batch of puts is not walked (and copied) again.
    private func validateDeletes(_ batch: ChangeBatch, _ candidates: [Int], _ index: StoreIndex) throws {
        var putIDs: Set<ItemID>?
        for i in candidates {
            guard case .delete(let id, _) = batch.changes[i], index.entry(id) == nil else { continue }
            if putIDs == nil {
                putIDs = Set(batch.changes.compactMap { if case .put(let i) = $0 { i.id } else { nil } })
            }
            if putIDs?.contains(id) != true { throw StoreError("cannot delete \(id): no such item") }
        }
    }

    /// Makes sure there is a segment to append to, starting a new one when there is none, the last one is full,
    /// or a cut tail must not be overwritten.
    func ensureActiveSegment(adding estimate: Int) throws {
        if activeSegment != nil && activeSize + estimate <= SegmentFormat.softCapacity { return }
        if let s = activeSegment, activeSize <= SegmentFormat.headerSize, s > 0 { return }  // empty: use it anyway
        let number = highestSegment + 1
        let segPath = segmentsDirectory + "/" + SegmentFormat.fileName(number)
        let fd = try Files.open(segPath, O_RDWR | O_CREAT | O_EXCL)
        do {
            let header = SegmentFormat.header(number: number, base: false, workspaceID: workspaceID)
            try header.withUnsafeBytes { try Files.writeAll(fd, $0, at: 0, path: segPath) }
            try Files.sync(fd, path: segPath)
            try Files.syncDirectory(segmentsDirectory)
        } catch {
            Glibc.close(fd)
            throw error
        }
        if activeFD >= 0 { Glibc.close(activeFD) }
        activeFD = fd
        activeSegment = number
        activeSize = SegmentFormat.headerSize
        highestSegment = number
        if baseSegment == 0 { baseSegment = number }
        try stateLock.withLock {
            state.records.files[number] = try MappedFile(path: segPath, fd: fd, minimumCapacity: 64 << 20)
            state.records.committedSize[number] = SegmentFormat.headerSize
        }
    }

    // MARK: - Index snapshot

    /// Writes the index snapshot now (it is also written on close).
    public func checkpoint() throws {
        try writeLock.withLock { try writeSnapshotLocked() }
    }

    private func writeSnapshot() throws { try writeLock.withLock { try writeSnapshotLocked() } }

    func writeSnapshotLocked() throws {
        guard writer != nil, let last = lastCommit else { return }
        let current = stateLock.withLock { state }
        var stamps: [IndexSnapshot.SegmentStamp] = []
        for n in current.records.files.keys.sorted() {
            if let s = Files.stamp(segmentsDirectory + "/" + SegmentFormat.fileName(n)) {
                stamps.append(.init(number: n, stamp: s))
            }
        }
        let snap = IndexSnapshot(sequence: current.version, baseSegment: baseSegment, coveredSegment: last.segment,
                                 coveredEnd: UInt64(last.end), lastCommitOffset: UInt64(last.offset), stamps: stamps,
                                 index: current.index)
        try snap.write(to: snapshotPath, cipher: cipher)
        snapshotFresh = true
    }

    // MARK: - Reading (ItemReader)

    private var current: StoreState { stateLock.withLock { state } }

    public var version: UInt64 { stateLock.withLock { state.version } }

    public var cases: [Case] { stateLock.withLock { state.cases } }

    public func item(_ id: ItemID) -> Item? { current.item(id) }

    public func entities(withIdentifier identifier: Identifier) -> [ItemID] {
        let s = current
        return s.index.ids(forKey: KeyHash.identifier(identifier), in: s.index.identifiers).filter {
            s.item($0)?.entity?.identifiers.contains(identifier) == true
        }
    }

    public func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) {
        let s = current
        let code = IndexKeys.kindCode(kind)
        if let caseID {
            for i in s.index.members(of: caseID) where s.index.caseMembers[i].kind == code {
                guard let item = s.item(s.index.caseMembers[i].id) else { continue }
                if !body(item) { return }
            }
        } else {
            for e in s.index.ids where e.kind == code {
                guard let item = try? s.records.item(at: e.ref) else { continue }
                if !body(item) { return }
            }
        }
    }

    public func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] {
        let s = current
        let r = s.index.times(in: range)
        return s.index.times.withUnsafeBufferPointer { times in
            s.records.events(at: UnsafeBufferPointer(rebasing: times[r]), inCase: caseID)
        }
    }

    public func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int {
        let s = current
        let code = IndexKeys.kindCode(kind)
        guard let caseID else { return s.index.kindCounts[Int(code)] }
        var n = 0
        for i in s.index.members(of: caseID) where s.index.caseMembers[i].kind == code { n += 1 }
        return n
    }

    /// Every id `text` could mean: the full id, the ids starting with it (4 characters or more), the case with
    /// that name, the entities with exactly that name.
    public func candidates(for text: String) -> [ItemID] {
        let s = current
        let t = text.trimmedOfSpaces
        if let id = ItemID(t), s.index.entry(id) != nil { return [id] }
        var out: [ItemID] = []
        let lower = t.lowercased()
        if lower.count >= 4 && lower.count < 26, let lo = ItemID(lower + String(repeating: "0", count: 26 - lower.count)),
           let hi = ItemID(lower + String(repeating: "z", count: 26 - lower.count)) {
            let start = s.index.position(of: lo) ?? SortedArrays.lowerBound(s.index.ids) { $0.id < lo }
            var i = start
            while i < s.index.ids.count && s.index.ids[i].id <= hi {
                out.append(s.index.ids[i].id)
                i += 1
            }
            if !out.isEmpty { return out }
        }
        if let c = s.cases.first(where: { $0.name == t }) { return [c.meta.id] }
        for id in s.index.ids(forKey: KeyHash.name(t), in: s.index.names) {
            if let item = s.item(id), item.kind == .entity, item.entity?.name == t { out.append(id) }
        }
        return out
    }

    /// The id `text` stands for when it is unambiguous: full id, unique id prefix (>= 4 characters), or the exact
    /// name of a case or of exactly one entity.
    public func resolve(_ idOrPrefixOrName: String) -> ItemID? {
        let c = candidates(for: idOrPrefixOrName)
        return c.count == 1 ? c[0] : nil
    }

    // MARK: - Internal access for maintenance

    /// Runs `body` holding the write lock, as the writer of a healthy workspace.
    func withWriter<R>(_ body: (Workspace) throws -> R) throws -> R {
        try writeLock.withLock {
            if let why = stateLock.withLock({ readOnlyReason }) { throw StoreError("cannot change workspace \(path): \(why)") }
            guard writer != nil else { throw StoreError("cannot change workspace \(path): not the writer") }
            try checkWritableLocked()
            return try body(self)
        }
    }

    /// Makes a freshly written base segment the whole log (after compaction).
    func adopt(segment: UInt32, fd: Int32, size: Int, commitOffset: Int, index: StoreIndex, records: RecordReader) {
        if activeFD >= 0 { Glibc.close(activeFD) }
        activeFD = fd
        activeSegment = segment
        activeSize = size
        highestSegment = segment
        baseSegment = segment
        lastCommit = (segment, commitOffset, size)
        snapshotFresh = false
        stateLock.withLock {
            state.index = index
            state.records = records
            state.refreshCases()
        }
    }

    var stateForMaintenance: StoreState { current }
    var isWriter: Bool { writeLock.withLock { writer != nil } }
}

extension String {
    var trimmedOfSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
