import DossierModel

/// Where an import's data came from and how it may be used; settable by flags or the spec's `[source]` table.
public struct ImportProvenance: Sendable, Equatable {
    public var provider: String?
    public var reference: String?
    public var received: TimePoint?
    public var grading: Grading?
    public var handling: HandlingCode?
    public var legalBasis: String?
    public var purpose: String?
    public var description: String?

    public init(provider: String? = nil, reference: String? = nil, received: TimePoint? = nil, grading: Grading? = nil,
                handling: HandlingCode? = nil, legalBasis: String? = nil, purpose: String? = nil, description: String? = nil) {
        self.provider = provider
        self.reference = reference
        self.received = received
        self.grading = grading
        self.handling = handling
        self.legalBasis = legalBasis
        self.purpose = purpose
        self.description = description
    }

    /// These values, with gaps filled from `fallback` (flags win over the spec).
    public func over(_ fallback: ImportProvenance) -> ImportProvenance {
        ImportProvenance(provider: provider ?? fallback.provider, reference: reference ?? fallback.reference,
                         received: received ?? fallback.received, grading: grading ?? fallback.grading,
                         handling: handling ?? fallback.handling, legalBasis: legalBasis ?? fallback.legalBasis,
                         purpose: purpose ?? fallback.purpose, description: description ?? fallback.description)
    }
}

/// Who imports into which case, when.
public struct ImportContext: Sendable {
    /// The case to import into; created when the workspace has none of that name.
    public var caseName: String
    public var analyst: String
    /// The time recorded on created items (tests fix it; the CLI passes now).
    public var time: TimePoint
    public var provenance: ImportProvenance
    /// Country whose calling code national phone numbers take.
    public var defaultCountry: String

    public init(caseName: String, analyst: String, time: TimePoint, provenance: ImportProvenance = ImportProvenance(),
                defaultCountry: String = "GB") {
        self.caseName = caseName
        self.analyst = analyst
        self.time = time
        self.provenance = provenance
        self.defaultCountry = defaultCountry
    }
}

/// One rejected row: where it is and why.
public struct RejectedRow: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    /// "calls.csv:3: reason", or "feed.json: reason" for formats whose reasons name their own place (line 0).
    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    public var fileName = ""
    public var sha256 = ""
    public var format = ""
    public var encoding = ""
    public var rows = 0
    /// Rows that created at least one new item.
    public var imported = 0
    /// Rows whose content all folded into items that already existed (same identifier, repeated pair, ...).
    public var merged = 0
    public var rejected = 0
    public var entitiesCreated = 0
    /// Existing workspace entities that rows resolved to (by normalised identifier or name).
    public var entitiesMatched = 0
    public var linksCreated = 0
    public var eventsCreated = 0
    public var notesCreated = 0
    /// The first rejects (all of them go to the reject file).
    public var rejects: [RejectedRow] = []
    public var notices: [String] = []
    public var caseName = ""
    public var sourceID: ItemID?

    public init() {}

    /// The summary lines the CLI prints after a commit.
    public var lines: [String] { lines(committing: true) }

    /// The summary lines; a run that will not commit (a dry run, rejects without --accept-partial) says what it
    /// "would create", so nobody reads its counts as stored.
    public func lines(committing: Bool) -> [String] {
        var out = ["\(fileName): \(rows) rows: \(imported) imported, \(merged) merged, \(rejected) rejected"]
        out.append((committing ? "created " : "would create ") + "\(entitiesCreated) entities (\(entitiesMatched) matched existing), \(linksCreated) links, \(eventsCreated) events"
            + (notesCreated > 0 ? ", \(notesCreated) notes" : ""))
        out.append("case \(caseName); source \(sourceID.map(\.description) ?? "-"); sha256 \(sha256)")
        return out
    }
}

/// The outcome of reading a file: the batch to commit (all-or-nothing) and the summary.
public struct ImportResult: Sendable {
    public var batch: ChangeBatch
    public var summary: ImportSummary

    /// Whether the CLI should commit: never on a dry run, and with rejects only when partial imports are accepted.
    public func shouldCommit(acceptPartial: Bool, dryRun: Bool) -> Bool {
        !dryRun && (summary.rejected == 0 || acceptPartial) && !batch.isEmpty
    }

    /// Moves the batch's changes out, for a commit stream: no second reference keeps them (an import's entities)
    /// alive while the stream writes and commits them.
    public mutating func takeChanges() -> [Change] {
        var out: [Change] = []
        swap(&out, &batch.changes)
        return out
    }
}

/// Progress of a running import, for the terminal's progress line.
public struct ImportProgress: Sendable {
    public var rows: Int
    public var bytesRead: Int
    public var totalBytes: Int
}
