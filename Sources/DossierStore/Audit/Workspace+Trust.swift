import DossierModel

/// The trust layer of a workspace: its audit trail, access policy, request register and keys.
///
/// `Workspace.open` calls `attachAudit()` when it opens for writing; `Workspace.commit` checks (`auditEncoded`) and
/// announces (`auditAnnounce`) every batch before writing any byte of it (see `CommitAuditor` for the ordering).
extension Workspace {
    /// Seals trust files (audit trail, request register, keys) with the store's cipher when the workspace is encrypted.
    public var trustSealing: (any JournalSealing)? {
        cipher.isEncrypted ? RecordCipherSealing(cipher: cipher) : nil
    }

    /// Opens the audit trail for appending and reconciles it with the store; returns what it found for `openReport`.
    func attachAudit() throws -> [String] {
        let trail: AuditTrail
        do { trail = try AuditTrail(workspace: path, sealing: trustSealing) } catch let e as JournalError {
            throw StoreError(e.description)
        }
        let auditor: CommitAuditor
        do { auditor = try CommitAuditor(trail: trail, storeVersion: version) } catch let e as JournalError {
            throw StoreError(e.description)
        }
        self.auditor = auditor
        addCommitObserver { [weak auditor] done in auditor?.afterCommit(sequence: done.sequence) }
        return trail.openReport + auditor.report
    }

    /// The access check of a batch, or of one chunk of a streamed one (`screened`: the changes the policy must see).
    /// `deniedItems`: what a refusal's entry names as put, when `batch` does not hold the puts themselves.
    func auditCheck(_ batch: ChangeBatch, screened: ChangeBatch? = nil, deniedItems: [ItemID]? = nil,
                    reader: any ItemReader) throws {
        guard let auditor else { return }
        do {
            try auditor.check(batch, screened: screened ?? batch, deniedItems: deniedItems, reader: reader)
        } catch let denied as AccessDenied {
            throw StoreError(denied.description)
        }
    }

    /// The screen for the encoder: which puts the access policy must see (see `PrecommitScreen`).
    func precommitScreen(_ analyst: String, _ reader: PrecommitReader) -> PrecommitScreen {
        let hidden = auditor == nil ? [] : AccessPolicy(reading: reader).hiddenCases(for: analyst, in: reader)
        return PrecommitScreen(index: reader.state.index, hidden: hidden)
    }

    /// Checks an encoded batch (or chunk) and appends its audit entry: the access check sees the screened changes,
    /// the entry names every item.
    func auditEncoded(_ batch: ChangeBatch, _ encoded: EncodedFrames, reader: PrecommitReader, into acc: inout AuditAccumulator) throws {
        guard auditor != nil else { return }
        let screened = ChangeBatch(changes: encoded.needsCheck.map { batch.changes[$0] }, analyst: batch.analyst,
                                   time: batch.time, action: batch.action, reason: batch.reason)
        try auditCheck(batch, screened: screened, reader: reader)
        acc.add(encoded, changes: batch.changes, batchReason: batch.reason, before: reader)
    }

    /// Appends the entry announcing commit `sequence` (before its commit record is written).
    func auditAnnounce(_ entry: @autoclosure () -> AuditEntry, sequence: UInt64) throws {
        guard let auditor else { return }
        do {
            try auditor.announce(entry(), sequence: sequence)
        } catch let e as JournalError {
            throw StoreError("cannot write the audit trail, so nothing was committed: \(e.description)")
        }
    }

    /// Appends an entry that is not a commit (share, export, a refused package, opening a restricted case).
    /// Works on read-only workspaces too: appends to the trail are serialised between processes by a file lock.
    @discardableResult
    public func recordAudit(_ entry: AuditEntry) throws -> UInt64 {
        do {
            if let auditor { return try auditor.record(entry) }
            let trail = try AuditTrail(workspace: path, sealing: trustSealing)
            defer { trail.close() }
            return try trail.append(entry)
        } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }

    /// Reads and verifies the whole audit trail.
    public func readAudit() throws -> AuditReading {
        guard JournalIO.exists(AuditTrail.path(in: path)) else {
            return AuditReading(isSealed: cipher.isEncrypted, head: "", problem: nil)
        }
        do { return try AuditTrail.read(workspace: path, sealing: trustSealing) } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }

    /// The access policy from the workspace's analysts.
    public var accessPolicy: AccessPolicy { AccessPolicy(reading: self) }

    /// The workspace as `analyst` may see it (restricted cases they are not among left out).
    public func visibleItems(for analyst: String) -> VisibleItems { accessPolicy.visibleItems(self, for: analyst) }

    /// Records that `analyst` opened `c` when it is restricted (every opening of a restricted case is audited).
    public func recordOpening(of c: Case, by analyst: String, how: String) throws {
        guard !c.restrictedTo.isEmpty else { return }
        try recordAudit(AuditEntry(time: .now(), analyst: analyst, action: .openRestricted, cases: [c.meta.id],
                                   detail: "\(how) \(c.name)"))
    }

    // MARK: Requests and keys

    /// The request register, open for appending.
    public func requestRegister() throws -> RequestRegister {
        do { return try RequestRegister(workspace: path, sealing: trustSealing) } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }

    /// The current version of every request.
    public func requests() throws -> RequestHistory {
        do { return try RequestRegister.history(workspace: path, sealing: trustSealing) } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }

    /// The workspace's keys when they were generated already (nil otherwise). Reads only: works on a workspace
    /// opened read-only.
    public func existingKeys() throws -> WorkspaceKeys? {
        do { return try WorkspaceKeys.load(workspace: path, sealing: trustSealing) } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }

    /// The workspace's signing and encryption keys, generated (and audited) on first use.
    public func keys(analyst: String) throws -> WorkspaceKeys {
        do {
            let (keys, created) = try WorkspaceKeys.loadOrCreate(workspace: path, sealing: trustSealing)
            if created {
                try recordAudit(AuditEntry(time: .now(), analyst: analyst, action: .keys,
                                           detail: "generated the workspace's Ed25519 signing and X25519 encryption keys"))
            }
            return keys
        } catch let e as JournalError {
            throw StoreError(e.description)
        }
    }
}

/// `JournalSealing` over the store's cipher: `sealFile` with a random nonce, the journal position as context.
struct RecordCipherSealing: JournalSealing {
    let cipher: RecordCipher

    func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        try cipher.sealFile(plaintext, context: "journal " + journalHex(associatedData))
    }

    func open(_ sealed: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        try cipher.openFile(sealed, context: "journal " + journalHex(associatedData))
    }
}
