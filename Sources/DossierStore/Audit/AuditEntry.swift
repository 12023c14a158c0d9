import DossierModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of the audit trail: who did what, when, to which items, in which cases, and why.
public struct AuditEntry: Hashable, Sendable {
    /// What kind of thing happened; the CLI filters and the sharing rules rely on these names.
    public struct Action: RawRepresentable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public var description: String { rawValue }

        /// A committed batch of changes (its `detail` holds the batch's own action words).
        public static let change: Action = "change"
        /// A commit whose audit entry was written but whose changes were never stored (crash or failure).
        public static let changeNotStored: Action = "change-not-stored"
        public static let `import`: Action = "import"
        public static let export: Action = "export"
        public static let share: Action = "share"
        public static let receive: Action = "receive"
        public static let receiveRefused: Action = "receive-refused"
        public static let judgement: Action = "judgement"
        /// A restricted case was opened (shown, listed in detail, opened in the TUI).
        public static let openRestricted: Action = "open-restricted-case"
        public static let handling: Action = "handling"
        public static let grade: Action = "grade"
        public static let analyst: Action = "analyst"
        public static let restrict: Action = "restrict"
        public static let request: Action = "request"
        public static let keys: Action = "keys"
        /// An attempt the access policy refused.
        public static let denied: Action = "denied"
    }

    public var time: TimePoint
    public var analyst: String
    public var action: Action
    /// The items put (created or changed) or otherwise concerned; a commit's in ascending id order. Kept as runs of
    /// consecutive ids: an import's million items are a few runs.
    public var items: ItemIDRuns
    /// The items deleted.
    public var deleted: [ItemID]
    /// The cases concerned.
    public var cases: [ItemID]
    /// Why: required for deletions, handling changes and shares.
    public var reason: String
    /// Free detail in a few words ("import calls.csv", "to NCA, request 01h...").
    public var detail: String
    /// The store version the entry's changes became (0 when the entry is not about a commit).
    public var commit: UInt64
    /// The operating-system account that ran the command: analysts name themselves (--analyst, DOSSIER_ANALYST), so
    /// the trail also keeps who was logged in.
    public var osUser: String

    public init(time: TimePoint, analyst: String, action: Action, items: ItemIDRuns = [], deleted: [ItemID] = [],
                cases: [ItemID] = [], reason: String = "", detail: String = "", commit: UInt64 = 0,
                osUser: String = AuditEntry.currentOSUser) {
        self.osUser = osUser
        self.time = time
        self.analyst = analyst
        self.action = action
        self.items = items
        self.deleted = deleted
        self.cases = cases
        self.reason = reason
        self.detail = detail
        self.commit = commit
    }

    /// 2: items as runs of consecutive ids. 1 (still read): items as a plain list.
    static let encodingVersion: UInt8 = 2

    /// The account this process runs as (effective uid), or "uid N" when it has no name.
    public static let currentOSUser: String = {
        if let pw = getpwuid(geteuid()), let name = String(validatingCString: pw.pointee.pw_name) { return name }
        return "uid \(geteuid())"
    }()

    /// The entry's payload bytes (binary: a bulk import may name a million items).
    public var encoded: [UInt8] {
        var w = JournalWriter(capacity: 64 + 24 * items.runs.count + 16 * (deleted.count + cases.count) + reason.utf8.count
                                  + detail.utf8.count)
        w.u8(AuditEntry.encodingVersion)
        w.time(time)
        w.string(analyst)
        w.string(action.rawValue)
        w.idRuns(items)
        w.ids(deleted)
        w.ids(cases)
        w.string(reason)
        w.string(detail)
        w.u64(commit)
        w.string(osUser)
        return w.bytes
    }

    public init(decoding bytes: [UInt8]) throws {
        var r = JournalReader(bytes)
        let version = try r.u8("version")
        guard version == 1 || version == AuditEntry.encodingVersion else {
            throw JournalDecodingError(description: "audit entry version \(version) is not supported")
        }
        time = try r.time("time")
        analyst = try r.string("analyst")
        action = Action(rawValue: try r.string("action"))
        items = version == 1 ? ItemIDRuns(try r.ids("items")) : try r.idRuns("items")
        deleted = try r.ids("deleted")
        cases = try r.ids("cases")
        reason = try r.string("reason")
        detail = try r.string("detail")
        commit = try r.u64("commit")
        osUser = try r.string("osUser")
        guard r.atEnd else { throw JournalDecodingError(description: "\(r.remaining) unexpected bytes after the entry") }
    }
}

extension AuditEntry {
    /// The entry describing a batch about to be committed. `reader` gives the items as they are before the batch,
    /// so the cases of deleted items are known.
    public static func forBatch(_ batch: ChangeBatch, before reader: any ItemReader, commit: UInt64) -> AuditEntry {
        var acc = AuditAccumulator()
        acc.add(batch.changes, batchReason: batch.reason, before: reader)
        return acc.entry(analyst: batch.analyst, time: batch.time, action: batch.action, reason: batch.reason, commit: commit)
    }
}

/// Gathers what the audit entry of a batch names (items put and deleted, cases concerned, delete reasons), change by
/// change, so a batch streamed in chunks gets the same entry as one committed at once.
struct AuditAccumulator {
    private(set) var items = ItemIDRuns()
    /// Runs after the last time `items` was put in id order (see `keepItemsCompact`).
    private var runsWhenCompacted = 0
    private(set) var deleted: [ItemID] = []
    private(set) var deleteReasonsByID: [String] = []
    private var cases = Set<ItemID>()
    /// The cases of the previous put (a bulk import puts a million items into one case: no set update for each).
    private var lastCases: [ItemID] = []
    private var deleteReasons: [String] = []
    private var isJudgement = false

    var deletedWithReasons: [(id: ItemID, reason: String)] { zip(deleted, deleteReasonsByID).map { ($0, $1) } }

    mutating func add(_ changes: [Change], batchReason: String, before reader: any ItemReader) {
        for change in changes {
            switch change {
            case .put(let item):
                items.append(item.id)
                let itemCases = item.meta.cases
                if itemCases != lastCases {
                    cases.formUnion(itemCases)
                    lastCases = itemCases
                }
                if item.kind == .case { cases.insert(item.id) }
                if item.kind == .judgement { isJudgement = true }
            case .delete(let id, let reason):
                addDelete(id, reason: reason, batchReason: batchReason, before: reader)
            }
        }
    }

    /// A deleted item: its id and reason, and the cases it was in (looked up before the delete lands).
    private mutating func addDelete(_ id: ItemID, reason: String, batchReason: String, before reader: any ItemReader) {
        deleted.append(id)
        deleteReasonsByID.append(reason)
        if let old = reader.item(id) {
            cases.formUnion(old.meta.cases)
            if old.kind == .case { cases.insert(id) }
        }
        if !reason.isEmpty && reason != batchReason && !deleteReasons.contains(reason) { deleteReasons.append(reason) }
    }

    /// The same as `add(changes)` for a batch already encoded: puts are taken from the encoder's records (which
    /// gathered their cases), so a bulk batch is not walked again; deletes look up the cases of what they delete.
    mutating func add(_ encoded: EncodedFrames, changes: [Change], batchReason: String, before reader: any ItemReader) {
        for i in encoded.ops.indices where encoded.ops[i].ref != nil { items.append(encoded.ops[i].id) }  // the puts
        cases.formUnion(encoded.cases)
        lastCases = []
        if encoded.isJudgement { isJudgement = true }
        for i in encoded.needsCheck {
            guard case .delete(let id, let reason) = changes[i] else { continue }
            addDelete(id, reason: reason, batchReason: batchReason, before: reader)
        }
        keepItemsCompact()
    }

    /// The puts of an encoded chunk that holds nothing else (new events given as rows).
    mutating func addPuts(_ encoded: EncodedFrames) {
        for i in encoded.ops.indices where encoded.ops[i].ref != nil { items.append(encoded.ops[i].id) }
        cases.formUnion(encoded.cases)
        lastCases = []
        if encoded.isJudgement { isJudgement = true }
        keepItemsCompact()
    }

    /// A streamed import hands on its events in chunks with gaps where it numbered entities, and the entities in
    /// chunks of their own: in put order that is a run per entity. The entry lists items in id order anyway, so once
    /// the runs have doubled they are put in id order, where the entities fill the events' gaps (amortised: each
    /// compaction at least halves what the next one sorts).
    private mutating func keepItemsCompact() {
        guard items.runs.count > 2 * runsWhenCompacted + 4096 else { return }
        items = items.sortedUnique()
        runsWhenCompacted = items.runs.count
    }

    func entry(analyst: String, time: TimePoint, action batchAction: String, reason batchReason: String, commit: UInt64) -> AuditEntry {
        var action: AuditEntry.Action = isJudgement ? .judgement : .change
        // The batch's own first word names the kind of change when it is one the trail tells apart.
        let verb = batchAction.lowercased().split(separator: " ").first.map(String.init) ?? ""
        switch verb {
        case "import": action = .import
        case "receive": action = .receive
        case "handling": action = .handling
        case "grade": action = .grade
        case "analyst": action = .analyst
        case "restrict": action = .restrict
        default: break
        }
        var reason = batchReason
        if !deleteReasons.isEmpty {
            reason = ([reason].filter { !$0.isEmpty } + deleteReasons).joined(separator: "; ")
        }
        return AuditEntry(time: time, analyst: analyst, action: action, items: items.sortedUnique(), deleted: deleted,
                          cases: cases.sorted(), reason: reason, detail: batchAction, commit: commit)
    }
}
