import DossierModel

/// The workspace's tamper-evident audit trail: `audit.log` in the workspace directory, a `ChainedJournal` of
/// `AuditEntry` payloads.
///
/// Only the process holding the workspace's writer lock appends (the workspace opens the trail for appending when it
/// opens read-write); anyone may read and verify it.
public final class AuditTrail: @unchecked Sendable {
    public static let fileName = "audit.log"
    static let journalKind = "audit"

    let journal: ChainedJournal

    /// Opens (creating when missing) the trail of the workspace at `directory` for appending.
    public init(workspace directory: String, sealing: (any JournalSealing)? = nil) throws {
        journal = try ChainedJournal(appendingTo: AuditTrail.path(in: directory), kind: AuditTrail.journalKind, sealing: sealing)
    }

    public static func path(in directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// Appends an entry durably; returns its index.
    @discardableResult
    public func append(_ entry: AuditEntry) throws -> UInt64 { try journal.append(entry.encoded) }

    /// Appends entries in one write and one fsync; returns the first one's index.
    @discardableResult
    public func append(contentsOf entries: [AuditEntry]) throws -> UInt64 { try journal.append(contentsOf: entries.map(\.encoded)) }

    public var count: UInt64 { journal.count }
    public var head: String { journal.head }
    public var openReport: [String] { journal.openReport }
    public var isSealed: Bool { journal.isSealed }
    public func close() { journal.close() }

    /// Reads and verifies the whole trail of the workspace at `directory` without changing it.
    public static func read(workspace directory: String, sealing: (any JournalSealing)? = nil) throws -> AuditReading {
        let contents = try ChainedJournal.read(path: path(in: directory), kind: journalKind, sealing: sealing)
        var reading = AuditReading(isSealed: contents.isSealed, head: contents.head, problem: contents.problem)
        for e in contents.entries {
            guard let payload = e.payload else {
                reading.records.append(AuditRecord(index: e.index, offset: e.offset, hash: e.hash, entry: nil))
                continue
            }
            do {
                reading.records.append(AuditRecord(index: e.index, offset: e.offset, hash: e.hash, entry: try AuditEntry(decoding: payload)))
            } catch {
                // The chain holds but the content is not an entry this version can read: that is a problem too.
                reading.problem = JournalProblem(index: e.index, offset: e.offset, reason: "does not decode: \(error)", isTornTail: false)
                if let last = reading.records.last { reading.head = last.hash } else { reading.head = "" }
                break
            }
        }
        return reading
    }
}

/// One entry as read back, with where it sits in the file.
public struct AuditRecord: Sendable {
    public var index: UInt64
    public var offset: Int64
    /// Hex SHA-256 of the entry as stored.
    public var hash: String
    /// Nil when the trail is sealed and no key was given.
    public var entry: AuditEntry?
}

/// The result of reading and verifying a trail.
public struct AuditReading: Sendable {
    public var isSealed: Bool
    public var records: [AuditRecord] = []
    /// Hex hash of the last good entry: record it to detect a later rewrite of the whole file.
    public var head: String
    /// The first bad entry; nil when the chain is intact. A torn tail (an interrupted append) is reported here too,
    /// with `isTornTail` set; it is cut at the next read-write open.
    public var problem: JournalProblem?

    init(isSealed: Bool, head: String, problem: JournalProblem?) {
        self.isSealed = isSealed
        self.head = head
        self.problem = problem
    }

    /// True when every entry checked out (a torn tail is an interrupted append, not a break in the chain).
    public var isIntact: Bool { problem.map(\.isTornTail) ?? true }
}

/// Which entries `dossier audit log` shows.
public struct AuditFilter: Sendable {
    public var caseID: ItemID?
    public var analyst: String?
    public var since: TimePoint?

    public init(caseID: ItemID? = nil, analyst: String? = nil, since: TimePoint? = nil) {
        self.caseID = caseID
        self.analyst = analyst
        self.since = since
    }

    public func matches(_ entry: AuditEntry) -> Bool {
        if let c = caseID, !entry.cases.contains(c) { return false }
        if let a = analyst, entry.analyst.lowercased() != a.lowercased() { return false }
        if let s = since, entry.time.utcMicros < s.utcMicros { return false }
        return true
    }
}
