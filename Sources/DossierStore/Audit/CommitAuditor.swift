import DossierModel

/// Joins the access policy and the audit trail to a workspace's commits.
///
/// Ordering (so a crash can never leave a committed change unaudited): for each batch, inside the workspace's write
/// lock and before any byte of the batch is written,
///   1. the access policy checks the batch against the workspace as it is (a refusal is audited as `denied` and the
///      commit fails with nothing written);
///   2. the batch's audit entry, naming the commit sequence the batch will get, is appended and fsynced;
///   3. only then does the store write and sync the batch and its commit record.
/// A crash between 2 and 3 leaves an audit entry for a commit the store does not hold. That is reconciled, never
/// hidden: when the workspace is next opened for writing (and when the next batch comes after a failed commit in the
/// same process), an entry `change-not-stored` is appended that names the announced commit and the entry announcing it.
public final class CommitAuditor: @unchecked Sendable {
    public let trail: AuditTrail
    private let lock = JournalLock()
    /// The commit announced by the last entry and not yet confirmed by the store.
    private var pending: (sequence: UInt64, index: UInt64, entry: AuditEntry)?
    /// What reconciliation found on open.
    public private(set) var report: [String] = []

    /// Opens the auditor over `trail` for a workspace whose store holds `storeVersion` commits, reconciling an
    /// announced commit that never reached the store.
    public init(trail: AuditTrail, storeVersion: UInt64) throws {
        self.trail = trail
        if let last = try trail.lastEntry(), let entry = try? AuditEntry(decoding: last.payload),
           entry.commit > storeVersion, entry.action != .changeNotStored {
            try recordNotStored(entry, index: last.index, storeVersion: storeVersion)
            report.append("audit entry \(last.index) announced commit \(entry.commit), which the store does not hold "
                          + "(interrupted before it was stored); recorded as not stored")
        }
    }

    /// Step 1 and 2 above. `sequence` is the commit sequence the batch will get; `reader` reads the workspace before it.
    public func beforeCommit(_ batch: ChangeBatch, sequence: UInt64, reader: any ItemReader) throws {
        try check(batch, reader: reader)
        try announce(AuditEntry.forBatch(batch, before: reader, commit: sequence), sequence: sequence)
    }

    /// Step 1: the access check of a batch (or of one chunk of a streamed batch); a refusal is audited as `denied`.
    /// `screened` is the part of the batch the policy must see when the rest was screened as plain new items
    /// (see `PrecommitScreen`); the denied entry still names the whole batch.
    public func check(_ batch: ChangeBatch, reader: any ItemReader) throws {
        try check(batch, screened: batch, reader: reader)
    }

    func check(_ batch: ChangeBatch, screened: ChangeBatch, deniedItems: [ItemID]? = nil, reader: any ItemReader) throws {
        try lock.with {
            let policy = AccessPolicy(reading: reader)
            do {
                try policy.check(screened, before: reader)
            } catch let denied as AccessDenied {
                // Refusals are audited too (best effort: the refusal itself must reach the analyst either way).
                _ = try? trail.append(AuditEntry(time: batch.time, analyst: batch.analyst, action: .denied,
                                                 items: ItemIDRuns(deniedItems ?? batch.changes.compactMap { if case .put(let i) = $0 { i.id } else { nil } }),
                                                 deleted: batch.changes.compactMap { if case .delete(let id, _) = $0 { id } else { nil } },
                                                 reason: batch.reason, detail: "\(batch.action): \(denied.message)"))
                throw denied
            }
        }
    }

    /// Step 2: appends (and syncs) the entry announcing commit `sequence`, before the store writes its commit record.
    public func announce(_ entry: AuditEntry, sequence: UInt64) throws {
        try lock.with {
            if let p = pending {
                // The store did not advance past the announced commit: the commit failed after its entry was written.
                if p.sequence >= sequence { try recordNotStored(p.entry, index: p.index, storeVersion: sequence - 1) }
                pending = nil
            }
            let index = try trail.append(entry)
            pending = (sequence, index, entry)
        }
    }

    /// The store committed `sequence`.
    public func afterCommit(sequence: UInt64) {
        lock.with { if pending?.sequence == sequence { pending = nil } }
    }

    /// Appends an entry that is not about a commit (share, export, receive refused, opening a restricted case).
    @discardableResult
    public func record(_ entry: AuditEntry) throws -> UInt64 {
        try lock.with { try trail.append(entry) }
    }

    private func recordNotStored(_ entry: AuditEntry, index: UInt64, storeVersion: UInt64) throws {
        try trail.append(AuditEntry(
            time: .now(), analyst: entry.analyst, action: .changeNotStored, items: entry.items, deleted: entry.deleted,
            cases: entry.cases, reason: entry.reason,
            detail: "entry \(index) announced commit \(entry.commit) (\(entry.detail)); the store holds \(storeVersion) commits"))
    }
}

extension AuditTrail {
    /// The last entry's index and payload (see `ChainedJournal.lastEntry`).
    func lastEntry() throws -> (index: UInt64, payload: [UInt8])? { try journal.lastEntry() }
}
