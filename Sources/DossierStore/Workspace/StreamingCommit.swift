#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import DossierModel

/// One all-or-nothing transaction of any size, written as it is produced.
///
/// Changes are buffered and written to the log in chunks (memory stays flat however many there are); each chunk is
/// checked by the access policy before it is written. Chunks are encoded and written on a background queue while the
/// producer (an importer parsing its file) makes the next one; an error there surfaces at the next `add`, `flush` or
/// `finish`, and abandons the stream. Nothing is visible to readers (in this process or another) until
/// `finish()`: it syncs the data, appends the audit entry, writes and syncs the commit record and only then applies the
/// index. New links, events and notes (and event rows) get their index entries as their chunk is written, so what a
/// stream holds until `finish` does not grow with them; the price is that a second put of such an id in the same stream
/// is refused at `finish`. `abandon()` (or dropping the stream, closing the workspace, a failed chunk) cuts the written
/// frames off again;
/// after a crash, recovery cuts them as the unfinished tail they are. While a stream is open the workspace refuses
/// other commits.
public final class CommitStream: @unchecked Sendable {
    /// Changes buffered before a chunk is written (an item is a few hundred bytes: a chunk is a few megabytes).
    public static let defaultChunkSize = 8192

    public let analyst: String
    public let time: TimePoint
    /// What the transaction does and why, as the commit record and the audit entry will say; may be settled while
    /// streaming (an import knows its provenance once its header is read). Chunks are checked with the values then.
    public var action: String
    public var reason: String

    private let workspace: Workspace
    private let token: UInt64
    private let chunkSize: Int
    private var buffer: [Change] = []
    private var done = false
    private let writer = DispatchQueue(label: "dossier.commit-stream")
    private let inFlight = DispatchGroup()
    /// The first error of a background write (the write closures hold this, not the stream, so dropping the stream
    /// abandons it at once).
    private let failure = FirstError()
    /// Changes accepted so far (buffered or written).
    public private(set) var count = 0

    init(workspace: Workspace, token: UInt64, analyst: String, time: TimePoint, action: String, reason: String, chunkSize: Int) {
        self.workspace = workspace
        self.token = token
        self.analyst = analyst
        self.time = time
        self.action = action
        self.reason = reason
        self.chunkSize = max(1, chunkSize)
    }

    deinit {
        if !done {
            inFlight.wait()
            workspace.abandonStream(token)
        }
    }

    /// Adds a put; writes a chunk when the buffer is full. A failure abandons the whole stream.
    public func put(_ item: Item) throws { try add(.put(item)) }

    /// Adds a delete; writes a chunk when the buffer is full. A failure abandons the whole stream.
    public func delete(_ id: ItemID, reason: String) throws { try add(.delete(id, reason: reason)) }

    public func add(_ change: Change) throws {
        guard !done else { throw StoreError("the commit stream has already ended") }
        // Room for a chunk only once changes come one by one: a stream fed rows or whole hand-overs never needs it
        // (a chunk of items is megabytes, held for nothing through a whole import).
        if buffer.capacity == 0 { buffer.reserveCapacity(chunkSize) }
        buffer.append(change)
        count += 1
        if buffer.count >= chunkSize { try submit() }
    }

    public func add(contentsOf changes: consuming [Change]) throws {
        guard !done else { throw StoreError("the commit stream has already ended") }
        if buffer.isEmpty && changes.count <= 2 * chunkSize {
            // Taken over whole (an importer's hand-over of about a chunk): no item is copied.
            count += changes.count
            buffer = changes
            if buffer.count >= chunkSize { try submit() }
            return
        }
        for c in changes { try add(c) }
    }

    /// Adds new events given as rows (an importer's, see `EventRows`), after the changes added before. Their records
    /// are written straight from the rows, each the record its `Event` would make, and checked and audited like any
    /// put. A failure abandons the whole stream.
    public func add(_ rows: EventRows) throws {
        guard !done else { throw StoreError("the commit stream has already ended") }
        if rows.isEmpty { return }
        try submit()
        try waitForWriter()
        count += rows.count
        let meta = StreamMeta(analyst: analyst, time: time, action: action, reason: reason)
        let workspace = self.workspace, token = self.token
        enqueue { try workspace.writeStreamRows(token, rows, meta: meta) }
    }

    /// Writes the buffered changes to the log now and waits until they are written (they stay invisible until `finish`).
    public func flush() throws {
        try submit()
        try waitForWriter()
    }

    /// Hands the buffered changes to the writer, after waiting for the chunk before.
    private func submit() throws {
        guard !done else { throw StoreError("the commit stream has already ended") }
        try waitForWriter()
        if buffer.isEmpty { return }
        let chunk = buffer
        buffer = []
        let meta = StreamMeta(analyst: analyst, time: time, action: action, reason: reason)
        let workspace = self.workspace, token = self.token
        enqueue { try workspace.writeStreamChunk(token, chunk, meta: meta) }
    }

    /// Runs `write` on the writer queue; its error surfaces at the next wait.
    private func enqueue(_ write: @escaping @Sendable () throws -> Void) {
        let group = inFlight, failure = self.failure
        group.enter()
        writer.async {
            do {
                try write()
            } catch {
                failure.record(error)
            }
            group.leave()
        }
    }

    /// Waits for the chunk being written; rethrows (and abandons the stream) when it failed.
    private func waitForWriter() throws {
        inFlight.wait()
        if let error = failure.error {
            done = true
            workspace.abandonStream(token)
            throw error
        }
    }

    /// Commits everything written: durable and visible when it returns. Returns the new version.
    @discardableResult
    public func finish() throws -> UInt64 {
        try flush()
        done = true
        do {
            return try workspace.finishStream(token, meta: StreamMeta(analyst: analyst, time: time, action: action, reason: reason))
        } catch {
            workspace.abandonStream(token)
            throw error
        }
    }

    /// Drops everything written so far; the workspace is as it was before the stream began.
    public func abandon() {
        guard !done else { return }
        done = true
        buffer = []
        inFlight.wait()
        workspace.abandonStream(token)
    }
}

/// The first error recorded from another thread.
final class FirstError: @unchecked Sendable {
    private let lock = Lock()
    private var first: Error?
    func record(_ e: Error) { lock.withLock { if first == nil { first = e } } }
    var error: Error? { lock.withLock { first } }
}

/// Who commits a stream and why, as handed to each chunk.
struct StreamMeta: Sendable {
    var analyst: String
    var time: TimePoint
    var action: String
    var reason: String
}

/// The writer-side state of the open stream (guarded by the workspace's write lock).
struct StreamState {
    var token: UInt64
    var segment: UInt32
    /// Where the transaction's first frame is.
    var start: Int
    /// Where the next chunk goes.
    var end: Int
    var ops: [IndexOp] = []
    /// The index entries of new items made as their chunks are written: rows of new events (`CommitStream.add(_ rows:)`)
    /// and the new links, events and notes of chunks (see `writeStreamChunk`).
    var fresh = FreshEntries()
    /// The highest id put through `ops` so far (by chunks or rows): a chunk's put may take the fresh way only above it,
    /// so no op before it has its id.
    var opsMaxID: ItemID?
    var touchesCases = false
    var audit = AuditAccumulator()
    /// Items put so far whose kind matters to later chunks' access checks (sources, analysts, cases).
    var carried: [Change] = []
}

extension IndexKeys {
    /// A link, event or note: indexed by id, time and case alone (no identifier or name keys), which is all a fresh
    /// entry holds.
    var isKeyedByTimeAndCaseOnly: Bool {
        identifiers.isEmpty && names.isEmpty
            && (kind == IndexKeys.kindCode(.link) || kind == IndexKeys.kindCode(.event) || kind == IndexKeys.kindCode(.note))
    }
}

extension ItemID {
    /// The larger of two ids, either of which may be missing.
    static func larger(_ a: ItemID?, _ b: ItemID?) -> ItemID? {
        guard let a else { return b }
        guard let b else { return a }
        return a < b ? b : a
    }
}

extension Workspace {
    /// Starts a streaming transaction. Only one can be open; other commits are refused until it ends.
    public func beginCommitStream(analyst: String, time: TimePoint = .now(), action: String, reason: String = "",
                                  chunkSize: Int = CommitStream.defaultChunkSize) throws -> CommitStream {
        try writeLock.withLock {
            try checkWritableLocked()
            // Continue the active segment unless there is none or it is full: a stream stays within one segment, up to
            // the segment's hard capacity (4 GiB).
            if activeSegment == nil || activeSize >= SegmentFormat.softCapacity { try ensureActiveSegment(adding: 0) }
            guard let segment = activeSegment else { throw StoreError("no segment to write to") }
            streamCounter += 1
            stream = StreamState(token: streamCounter, segment: segment, start: activeSize, end: activeSize)
            return CommitStream(workspace: self, token: streamCounter, analyst: analyst, time: time, action: action,
                                reason: reason, chunkSize: chunkSize)
        }
    }

    func writeStreamChunk(_ token: UInt64, _ changes: [Change], meta s: StreamMeta) throws {
        try writeLock.withLock {
            guard let st = stream, st.token == token else { throw StoreError("the commit stream is no longer open") }
            if let why = stateLock.withLock({ readOnlyReason }) { throw StoreError("cannot change workspace \(path): \(why)") }
            let current = stateLock.withLock { state }
            let reader = PrecommitReader(workspace: self, state: current)
            try validateStreamDeletes(changes, current.index, st)
            let encoded = try FrameEncoder.encode(changes, segment: st.segment, base: st.end, cipher: cipher,
                                                  screen: precommitScreen(s.analyst, reader))
            if auditor != nil {
                // The check sees this chunk's screened changes after the sources, analysts and cases put before it.
                let batch = ChangeBatch(changes: changes, analyst: s.analyst, time: s.time, action: s.action, reason: s.reason)
                let screened = ChangeBatch(changes: st.carried + encoded.needsCheck.map { changes[$0] }, analyst: s.analyst,
                                           time: s.time, action: s.action, reason: s.reason)
                try auditCheck(batch, screened: screened, reader: reader)
            }
            let at = try writeStreamFrames(encoded, st)
            // Updated in place: the stream's ops and ids grow with every chunk and must not be copied each time.
            var carried: [Change] = []
            for i in encoded.needsCheck {
                if case .put(let item) = changes[i], item.kind == .source || item.kind == .analyst || item.kind == .case {
                    carried.append(changes[i])
                }
            }
            _ = consume st
            // Puts of links, events and notes with new ids above every id the stream put before (an importer's, handed
            // on in the order it numbered them) get their index entries now, as rows do: a plain entry each instead of
            // an `IndexOp` (and its keys) held until the commit. Everything else takes the general way through ops.
            var general: [IndexOp] = []
            var opsMax = stream!.opsMaxID
            var fresh = FreshEntries()
            swap(&fresh, &stream!.fresh)
            var floor = ItemID.larger(fresh.lastID, opsMax)
            // One op per change, in order; the changes the policy had to see (`needsCheck`, ascending) stay general.
            let flagged = encoded.needsCheck
            var nextFlagged = 0
            encoded.ops.withUnsafeBufferPointer { ops in
                for i in ops.indices {
                    let isFlagged = nextFlagged < flagged.count && flagged[nextFlagged] == i
                    if isFlagged { nextFlagged += 1 }
                    if !isFlagged, let ref = ops[i].ref, let keys = ops[i].keys, keys.isKeyedByTimeAndCaseOnly,
                       floor.map({ $0 < ops[i].id }) ?? true {
                        fresh.add(ops[i].id, ref, keys)
                    } else {
                        general.append(ops[i])
                        opsMax = ItemID.larger(opsMax, ops[i].id)
                    }
                    floor = ItemID.larger(floor, ops[i].id)
                }
            }
            swap(&fresh, &stream!.fresh)
            stream!.end = at
            stream!.ops.append(contentsOf: general)
            stream!.opsMaxID = opsMax
            if encoded.touchesCases { stream!.touchesCases = true }
            stream!.audit.add(encoded, changes: changes, batchReason: s.reason, before: reader)
            stream!.carried.append(contentsOf: carried)
        }
    }

    /// Writes a chunk of new events given as rows (see `CommitStream.add(_ rows:)`).
    func writeStreamRows(_ token: UInt64, _ rows: EventRows, meta s: StreamMeta) throws {
        try writeLock.withLock {
            guard let st = stream, st.token == token else { throw StoreError("the commit stream is no longer open") }
            if let why = stateLock.withLock({ readOnlyReason }) { throw StoreError("cannot change workspace \(path): \(why)") }
            let current = stateLock.withLock { state }
            let reader = PrecommitReader(workspace: self, state: current)
            let encoded = try FrameEncoder.encode(rows, segment: st.segment, base: st.end, cipher: cipher,
                                                  screen: precommitScreen(s.analyst, reader))
            if auditor != nil {
                // The few rows the policy must see (an id already stored, a hidden case) are checked as the events
                // they stand for; a refusal's audit entry names every row.
                let batch = ChangeBatch(changes: [], analyst: s.analyst, time: s.time, action: s.action, reason: s.reason)
                let screened = ChangeBatch(changes: st.carried + encoded.needsCheck.map { .put(.event(rows.event(at: $0))) },
                                           analyst: s.analyst, time: s.time, action: s.action, reason: s.reason)
                try auditCheck(batch, screened: screened, deniedItems: rows.rows.map(\.id), reader: reader)
            }
            let at = try writeStreamFrames(encoded, st)
            // Rows of new ids above those before them (an importer's) get their index entries now; others (an id
            // already stored, ids out of order) take the general way through ops.
            var isFresh = encoded.needsCheck.isEmpty
            if isFresh, let first = rows.rows.first?.id, let last = st.fresh.lastID, !(last < first) { isFresh = false }
            if isFresh { for i in 1..<max(1, rows.count) where !(rows.rows[i - 1].id < rows.rows[i].id) { isFresh = false; break } }
            _ = consume st
            stream!.end = at
            if isFresh {
                // Taken out of the stream state for the loop, and read from the ops in place (an op copied out
                // would retain and release its keys' arrays once per row).
                var fresh = FreshEntries()
                swap(&fresh, &stream!.fresh)
                encoded.ops.withUnsafeBufferPointer { ops in
                    for i in ops.indices where ops[i].ref != nil && ops[i].keys != nil {
                        fresh.add(ops[i].id, ops[i].ref.unsafelyUnwrapped, ops[i].keys.unsafelyUnwrapped)
                    }
                }
                swap(&fresh, &stream!.fresh)
            } else {
                stream!.ops.append(contentsOf: encoded.ops)
                for op in encoded.ops { stream!.opsMaxID = ItemID.larger(stream!.opsMaxID, op.id) }
            }
            stream!.audit.addPuts(encoded)
        }
    }

    /// Writes a chunk's frames at the stream's end; returns the new end.
    private func writeStreamFrames(_ encoded: EncodedFrames, _ st: borrowing StreamState) throws -> Int {
        guard st.end + encoded.size <= SegmentFormat.hardCapacity - 4096 else {
            throw StoreError("the transaction is too large for one segment (\(st.end + encoded.size) bytes)")
        }
        let segPath = segmentsDirectory + "/" + SegmentFormat.fileName(st.segment)
        var at = st.end
        for part in encoded.parts {
            try part.withUnsafeBytes { try Files.writeAll(activeFD, $0, at: at, path: segPath) }
            at += part.count
        }
        return at
    }

    func finishStream(_ token: UInt64, meta s: StreamMeta) throws -> UInt64 {
        try writeLock.withLock {
            guard stream?.token == token else { throw StoreError("the commit stream is no longer open") }
            if let why = stateLock.withLock({ readOnlyReason }) { throw StoreError("cannot change workspace \(path): \(why)") }
            let current = stateLock.withLock { state }
            // The ops move out of the stream state (one copy of them, sorted in place; an abandon needs only the
            // stream's positions).
            var ops: [IndexOp] = []
            swap(&ops, &stream!.ops)
            var fresh = FreshEntries()
            swap(&fresh, &stream!.fresh)
            let st = stream!
            // The entries made ahead are for new ids no other change of the stream may touch.
            if fresh.count > 0, let clash = ops.first(where: { fresh.contains($0.id) }) {
                throw StoreError("cannot commit: \(clash.id) is both a new event of this transaction and changed by it")
            }
            if ops.isEmpty && fresh.count == 0 {
                stream = nil
                return current.version
            }
            let sequence = current.version + 1
            let segPath = segmentsDirectory + "/" + SegmentFormat.fileName(st.segment)
            // Data on disk first, then the audit entry that announces the commit, then the commit record.
            try Files.sync(activeFD, path: segPath)
            try auditAnnounce(st.audit.entry(analyst: s.analyst, time: s.time, action: s.action, reason: s.reason, commit: sequence),
                              sequence: sequence)
            IndexOpOrder.sortRuns(&ops)
            let version = try commitWrittenFrames(segment: st.segment, start: st.start, end: st.end, ops: ops, fresh: &fresh,
                                                  touchesCases: st.touchesCases, analyst: s.analyst, time: s.time,
                                                  action: s.action, reason: s.reason, put: st.audit.items,
                                                  deleted: st.audit.deletedWithReasons)
            stream = nil
            return version
        }
    }

    /// Cuts the frames of the open stream `token` off the log (nothing of it was ever visible).
    func abandonStream(_ token: UInt64) {
        writeLock.withLock {
            guard let st = stream, st.token == token else { return }
            abandonStreamLocked(st)
        }
    }

    func abandonStreamLocked(_ st: StreamState) {
        stream = nil
        guard st.end > st.start, activeFD >= 0 else { return }
        if ftruncate(activeFD, off_t(st.start)) != 0 {
            stateLock.withLock { readOnlyReason = "an abandoned import could not be cut off the log (reopen to recover)" }
            return
        }
        if cipher.isEncrypted {
            // The cut positions were sealed once with their nonces: never seal at them again.
            activeSegment = nil
        }
    }

    private func validateStreamDeletes(_ changes: [Change], _ index: StoreIndex, _ st: StreamState) throws {
        var putHere: Set<ItemID>?
        for change in changes {
            guard case .delete(let id, _) = change, index.entry(id) == nil else { continue }
            if putHere == nil {
                putHere = Set(changes.compactMap { if case .put(let i) = $0 { i.id } else { nil } })
            }
            if putHere?.contains(id) == true || st.audit.items.contains(id) { continue }
            throw StoreError("cannot delete \(id): no such item")
        }
    }
}

/// Orders index ops by id (stable: the last op for an id stays last) when they come as a few sorted runs, as a
/// streamed import's do (its events, then its entities): a merge of runs instead of a full sort.
enum IndexOpOrder {
    static func sortRuns(_ ops: inout [IndexOp]) {
        var runs: [Range<Int>] = []
        var start = 0
        for i in 1..<max(1, ops.count) where !(ops[i - 1].id < ops[i].id) {
            runs.append(start..<i)
            start = i
        }
        runs.append(start..<ops.count)
        // Equal ids across runs make the result not strictly increasing; the index then sorts it itself.
        if runs.count <= 1 || runs.count > 64 { return }
        // Merged from the right, in place, with the smaller of two neighbouring runs copied aside: the ops are not
        // copied whole (a streamed import's events are one long run; its entities, case and source short ones).
        while runs.count > 1 {
            let b = runs.removeLast(), a = runs.removeLast()
            mergeAdjacent(&ops, a.lowerBound, a.upperBound, b.upperBound)
            runs.append(a.lowerBound..<b.upperBound)
        }
    }

    /// Merges the sorted ranges lo..<mid and mid..<hi of `ops`; for equal ids the op from the second range stays after.
    static func mergeAdjacent(_ ops: inout [IndexOp], _ lo: Int, _ mid: Int, _ hi: Int) {
        if lo == mid || mid == hi || !(ops[mid].id < ops[mid - 1].id) { return }
        if hi - mid <= mid - lo {
            let right = Array(ops[mid..<hi])
            var i = mid - 1, j = right.count - 1, k = hi - 1
            while j >= 0 {
                if i >= lo && right[j].id < ops[i].id {
                    ops[k] = ops[i]
                    i -= 1
                } else {
                    ops[k] = right[j]
                    j -= 1
                }
                k -= 1
            }
        } else {
            let left = Array(ops[lo..<mid])
            var i = 0, j = mid, k = lo
            while i < left.count {
                if j < hi && ops[j].id < left[i].id {
                    ops[k] = ops[j]
                    j += 1
                } else {
                    ops[k] = left[i]
                    i += 1
                }
                k += 1
            }
        }
    }
}

/// The workspace as it is before a batch, for the access check and the audit entry: one copy of the committed
/// state, so the per-change lookups take no lock; an id above every stored id (a fresh ULID) is known absent at once.
struct PrecommitReader: ItemReader {
    let workspace: Workspace
    let state: StoreState

    var version: UInt64 { state.version }
    var cases: [Case] { state.cases }

    func item(_ id: ItemID) -> Item? {
        if let last = state.index.ids.last, ItemID(high: last.high, low: last.low) < id { return nil }
        return state.item(id)
    }

    func entities(withIdentifier identifier: Identifier) -> [ItemID] { workspace.entities(withIdentifier: identifier) }
    func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) { workspace.forEach(kind, inCase: caseID, body) }
    func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] { workspace.events(inTime: range, inCase: caseID) }
    func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int { workspace.count(kind, inCase: caseID) }
}
