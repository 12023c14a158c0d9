import DossierModel

/// Collects an import's items into one `ChangeBatch`: creates the case and the source, resolves entities so one
/// normalised identifier (or, for name-only entities, one kind and name) is one entity within the import and across
/// imports, aggregates repeated links into weight, and counts what happened per row.
public final class ImportBuilder {
    public let reader: any ItemReader
    public let context: ImportContext
    public private(set) var caseID: ItemID
    public private(set) var sourceID: ItemID
    @exclusivity(unchecked) public var summary = ImportSummary()
    public var maxRejectsKept = 1000
    /// Whether new entities made `completeWhenMade` go out with the streamable changes as they are made
    /// (`drainStreamable`) instead of waiting for `finish` (set by an importer that streams its commit): the import
    /// keeps none of them, only what tells identifiers apart.
    public var streamsCompleteEntities = false

    @exclusivity(unchecked) private var rng: SeededGenerator
    private let millis: UInt64
    private var caseItem: Case?
    private var source: Source
    private var changes: [Change] = []
    /// The events rows make (see `addEvent`), kept as plain rows until they are handed on or the batch is made.
    @exclusivity(unchecked) private var eventRows: EventRows

    private var newEntities = NewEntities()
    private var byIdentifier: [Identifier: ItemID] = [:]
    private var byName: [String: ItemID] = [:]
    private var nameIndexBuilt: Set<EntityKind> = []
    private var existingTouched: [ItemID: Entity] = [:]
    private var existingTouchedOrder: [ItemID] = []

    private struct LinkKey: Hashable { var from: ItemID; var to: ItemID; var type: LinkType }
    private var linkIndex: [LinkKey: Int] = [:]
    private var newLinks: [Link] = []
    /// Whether links made with `aggregate: false` go with the events to `drainStreamable` (see `streamsSingleLinks`).
    private var singleLinksStream = false
    /// `eventKindIndex`/`roleIndex` answers, so a row's kind and roles cost one hash lookup however many there are.
    private var kindIndexes: [EventKind: UInt32] = [:]
    private var roleIndexes: [ParticipantRole: UInt32] = [:]

    @exclusivity(unchecked) private var rowCreated = false
    @exclusivity(unchecked) private var lastID: ItemID?
    /// `[caseID]`, shared by every item of the import.
    private var caseList: [ItemID] = []
    private var rejectSink: ((RejectedRow, [String]) -> Void)?

    public init(reader: any ItemReader, context: ImportContext, fileName: String, seed: UInt64,
                rejectSink: ((RejectedRow, [String]) -> Void)? = nil) {
        self.reader = reader
        self.context = context
        self.rejectSink = rejectSink
        millis = UInt64(max(0, context.time.utcMicros / 1000))
        rng = SeededGenerator(seed: seed ^ UInt64(bitPattern: context.time.utcMicros) ^ reader.version &* 0x9E37_79B9)
        let t = context.time
        if let existing = reader.caseNamed(context.caseName) {
            caseID = existing.meta.id
            caseItem = nil
        } else {
            caseID = ItemID(millisecondsSinceEpoch: millis, using: &rng)
            caseItem = Case(meta: ItemMeta(id: caseID, analyst: context.analyst, at: t), name: context.caseName,
                            title: context.caseName)
        }
        caseList = [caseID]
        let p = context.provenance
        sourceID = ItemID(millisecondsSinceEpoch: millis, using: &rng)
        source = Source(meta: ItemMeta(id: sourceID, cases: [caseID], analyst: context.analyst, at: t),
                        provider: p.provider ?? "", reference: p.reference ?? "", received: p.received ?? t,
                        grading: p.grading ?? .unknown, handling: p.handling, legalBasis: p.legalBasis ?? "",
                        purpose: p.purpose ?? "", fileName: fileName, description: p.description ?? "")
        summary.fileName = fileName
        summary.caseName = context.caseName
        summary.sourceID = sourceID
        eventRows = EventRows(meta: ItemMeta(id: sourceID, cases: caseList, source: sourceID, analyst: context.analyst, at: t))
    }

    // MARK: rows

    /// Marks the start of a row; `endRow` counts it as imported or merged.
    public func beginRow() { rowCreated = false; summary.rows += 1 }

    public func endRow() {
        if rowCreated { summary.imported += 1 } else { summary.merged += 1 }
    }

    public func reject(line: Int, reason: String, fields: [String] = [], countRow: Bool = true) {
        if countRow { summary.rows += 1 }
        summary.rejected += 1
        let r = RejectedRow(file: summary.fileName, line: line, reason: reason)
        if summary.rejects.count < maxRejectsKept { summary.rejects.append(r) }
        rejectSink?(r, fields)
    }

    // MARK: items

    /// A fresh id. Ids of one import share its millisecond and count up from a random first one (monotonic ULIDs),
    /// so the store gets them in order and knows them new at a glance, and the audit entry names them all as one run.
    public func newID() -> ItemID {
        guard let last = lastID else {
            let first = ItemID(millisecondsSinceEpoch: millis, using: &rng)
            // Leave headroom above the first id so counting up never carries into the milliseconds.
            let id = ItemID(high: first.high & ~UInt64(0x8000), low: first.low)
            lastID = id
            return id
        }
        let (low, carry) = last.low.addingReportingOverflow(1)
        let id = ItemID(high: last.high &+ (carry ? 1 : 0), low: low)
        lastID = id
        return id
    }

    /// Links made with `aggregate: false` from now on (relationships that carry their own identity: no later row adds
    /// to them) are handed out by `drainStreamable` with the events instead of being kept until `finish`, so an import
    /// streaming its commit keeps none of them. Aggregated links stay: a later row may still add to their weight.
    public func streamsSingleLinks() { singleLinksStream = true }

    /// Takes the events, notes and (see `streamsSingleLinks`) single links made so far out of the builder, in the order
    /// their ids were made (an import streaming them into its commit as rows come: a store indexes new items handed on
    /// in that order as it writes them); `finish` then returns the rest (case, source, entities, aggregated links).
    public func drainStreamable() -> [Change] {
        // Moved out, not copied: the caller owns the only reference and can hand it on without copying an item.
        var out: [Change] = []
        if eventRows.isEmpty {
            swap(&out, &changes)
        } else {
            // The events kept as rows and the other changes are each in the order they were made: merged by id.
            let rows = eventRows.takeRows()
            out.reserveCapacity(changes.count + rows.count)
            var k = 0
            for e in rows.events {
                while k < changes.count, ImportBuilder.id(of: changes[k]) < e.meta.id {
                    out.append(changes[k])
                    k += 1
                }
                out.append(.put(.event(e)))
            }
            out.append(contentsOf: changes[k...])
            changes = []
        }
        return out
    }

    private static func id(of change: Change) -> ItemID {
        switch change {
        case .put(let item): item.id
        case .delete(let id, _): id
        }
    }

    /// Takes the events rows made so far (`addEvent`) out of the builder, as rows: what an import streaming into a
    /// store hands on. Events added whole (`add(event:)`), notes and single links stay for `drainStreamable` or `finish`.
    public func drainEventRows() -> EventRows { eventRows.takeRows() }

    /// Hands what was made so far to whichever stream there is: the events rows to `streamEvents` when given, the
    /// rest of `drainStreamable` to `stream`. With neither, everything stays for `finish`.
    public func handOver(stream: (([Change]) throws -> Void)?, streamEvents: ((EventRows) throws -> Void)?) throws {
        if let streamEvents {
            let rows = drainEventRows()
            if !rows.isEmpty { try streamEvents(rows) }
        }
        if let stream {
            let made = drainStreamable()
            if !made.isEmpty { try stream(made) }
        }
    }

    /// Hands the new entities, then the links kept for aggregation, to `stream` in chunks of `chunk` changes, dropping
    /// each from the builder as it goes: for an import streaming its commit once no row is left to add to them, so
    /// they are never held twice (in the builder and in a batch). `finish` then returns the case, the source and the
    /// existing entities the import touched.
    public func handOverKept(to stream: ([Change]) throws -> Void, chunk: Int) throws {
        let size = max(1, chunk)
        var out: [Change] = []
        out.reserveCapacity(size)
        func flush() throws {
            if out.isEmpty { return }
            let full = out
            out = []
            out.reserveCapacity(size)
            try stream(full)
        }
        for e in newEntities.takeAll() {
            out.append(.put(.entity(e)))
            if out.count >= size { try flush() }
        }
        linkIndex = [:]
        var links: [Link] = []
        swap(&links, &newLinks)
        for l in links {
            out.append(.put(.link(l)))
            if out.count >= size { try flush() }
        }
        links = []
        try flush()
    }

    /// How many changes wait for `drainStreamable` (streamed entities, whole events, notes): an importer hands them on
    /// when they pile up, not only every so many rows (the first rows of a file make most of its entities).
    public var streamableCount: Int { changes.count }

    public func meta(id: ItemID? = nil, created: TimePoint? = nil, modified: TimePoint? = nil) -> ItemMeta {
        var m = ItemMeta(id: id ?? newID(), cases: caseList, source: sourceID, analyst: context.analyst, at: created ?? context.time)
        if let modified { m.modifiedAt = modified }
        return m
    }

    /// The entity for an identifier: one created earlier in this import, an existing one, or a new one.
    /// `completeWhenMade`: no later row can add to a new entity of this call (a spec column mapping identifiers only,
    /// see `CompiledSpec.completeWhenMade`), so it may be handed on at once; later names, attributes or coordinates
    /// for it would not be applied, as for entities already stored.
    @discardableResult
    public func entity(kind: EntityKind, identifier: Identifier, name: String? = nil, attributes: [Attribute] = [],
                       coordinates: GeoPoint? = nil, aliases: [String] = [], completeWhenMade: Bool = false) -> ItemID {
        if let id = byIdentifier[identifier] {
            enrich(id, name: name, attributes: attributes, coordinates: coordinates, aliases: aliases)
            return id
        }
        if let existing = reader.entities(withIdentifier: identifier).first {
            byIdentifier[identifier] = existing
            touchExisting(existing)
            return existing
        }
        let id = newID()
        let e = Entity(meta: meta(id: id), kind: kind, name: name ?? identifier.value, aliases: aliases,
                       identifiers: [identifier], attributes: attributes, coordinates: coordinates)
        addNew(e, handOn: completeWhenMade && streamsCompleteEntities)
        byIdentifier[identifier] = id
        return id
    }

    /// The entity of a kind and name (for entities without an identifier, e.g. an edge list's people).
    @discardableResult
    public func entity(kind: EntityKind, name: String, attributes: [Attribute] = [], coordinates: GeoPoint? = nil,
                       identifiers: [Identifier] = [], aliases: [String] = []) -> ItemID {
        for identifier in identifiers {
            if byIdentifier[identifier] != nil || !reader.entities(withIdentifier: identifier).isEmpty {
                let id = entity(kind: kind, identifier: identifier, name: name, attributes: attributes,
                                coordinates: coordinates, aliases: aliases)
                for other in identifiers where other != identifier { addIdentifier(other, to: id) }
                return id
            }
        }
        let key = kind.rawValue + "\u{1F}" + name
        if let id = byName[key] {
            enrich(id, name: nil, attributes: attributes, coordinates: coordinates, aliases: aliases)
            for identifier in identifiers { addIdentifier(identifier, to: id) }
            return id
        }
        if !nameIndexBuilt.contains(kind) {
            nameIndexBuilt.insert(kind)
            reader.forEach(.entity, inCase: nil) { item in
                if let e = item.entity, e.kind == kind {
                    let k = kind.rawValue + "\u{1F}" + e.name
                    if byName[k] == nil { byName[k] = e.meta.id }
                }
                return true
            }
            if let id = byName[key] {
                touchExisting(id)
                for identifier in identifiers { byIdentifier[identifier] = id }
                return id
            }
        }
        let id = newID()
        addNew(Entity(meta: meta(id: id), kind: kind, name: name, aliases: aliases, identifiers: identifiers,
                      attributes: attributes, coordinates: coordinates))
        byName[key] = id
        for identifier in identifiers { byIdentifier[identifier] = id }
        return id
    }

    /// Adds a fully formed entity (FtM/STIX/JSON imports that carry their own fields), resolving it by its identifiers.
    @discardableResult
    public func add(entity e: Entity) -> ItemID {
        for identifier in e.identifiers {
            if let id = byIdentifier[identifier] ?? reader.entities(withIdentifier: identifier).first {
                if newEntities[id] == nil { touchExisting(id) }
                enrich(id, name: e.name, attributes: e.attributes, coordinates: e.coordinates, aliases: e.aliases)
                for other in e.identifiers { addIdentifier(other, to: id) }
                return id
            }
        }
        var copy = e
        copy.meta.cases = caseList  // one array shared by every item of the import, not one per entity
        copy.meta.source = sourceID
        addNew(copy)
        for identifier in e.identifiers { byIdentifier[identifier] = e.meta.id }
        return e.meta.id
    }

    private func addNew(_ e: Entity, handOn: Bool = false) {
        if handOn {
            changes.append(.put(.entity(e)))
        } else {
            newEntities.append(e)
        }
        summary.entitiesCreated += 1
        rowCreated = true
    }

    private func touchExisting(_ id: ItemID) {
        guard existingTouched[id] == nil, newEntities[id] == nil, var e = reader.entity(id) else { return }
        summary.entitiesMatched += 1
        if !e.meta.cases.contains(caseID) {
            e.meta.cases.append(caseID)
            e.meta.touch(by: context.analyst, at: context.time)
            existingTouched[id] = e
            existingTouchedOrder.append(id)
        } else {
            existingTouched[id] = e
        }
    }

    private func addIdentifier(_ identifier: Identifier, to id: ItemID) {
        guard byIdentifier[identifier] == nil else { return }
        byIdentifier[identifier] = id
        if var e = newEntities[id], !e.identifiers.contains(identifier) {
            e.identifiers.append(identifier)
            newEntities[id] = e
        }
    }

    private func enrich(_ id: ItemID, name: String?, attributes: [Attribute], coordinates: GeoPoint?, aliases: [String]) {
        if name == nil && attributes.isEmpty && coordinates == nil && aliases.isEmpty { return }
        guard var e = newEntities[id] else { return }
        var changed = false
        if let name, !name.isEmpty, name != e.name {
            if e.identifiers.contains(where: { $0.value == e.name }) {
                e.name = name
            } else if !e.aliases.contains(name) {
                e.aliases.append(name)
            }
            changed = true
        }
        for a in attributes where !e.attributes.contains(a) { e.attributes.append(a); changed = true }
        for a in aliases where a != e.name && !e.aliases.contains(a) { e.aliases.append(a); changed = true }
        if e.coordinates == nil, let c = coordinates { e.coordinates = c; changed = true }
        if changed { newEntities[id] = e }
    }

    /// A link; a repeated (from, to, type) in this import adds its weight to the first and widens its time span.
    public func link(type: LinkType, from: ItemID, to: ItemID, directed: Bool, weight: Double = 1, start: TimePoint? = nil,
                     end: TimePoint? = nil, label: String = "", attributes: [Attribute] = [], id: ItemID? = nil,
                     aggregate: Bool = true) {
        let key = LinkKey(from: directed || from < to ? from : to, to: directed || from < to ? to : from, type: type)
        if aggregate, let i = linkIndex[key] {
            newLinks[i].weight += weight
            if let s = start { newLinks[i].start = newLinks[i].start.map { min($0, s) } ?? s }
            if let e = end ?? start { newLinks[i].end = newLinks[i].end.map { max($0, e) } ?? e }
            return
        }
        let l = Link(meta: meta(id: id), type: type, from: from, to: to, directed: directed, start: start,
                     end: end ?? (aggregate ? start : nil), weight: weight, label: label, attributes: attributes)
        if !aggregate && singleLinksStream {
            changes.append(.put(.link(l)))
        } else {
            if aggregate { linkIndex[key] = newLinks.count }
            newLinks.append(l)
        }
        summary.linksCreated += 1
        rowCreated = true
    }

    public func add(event: consuming Event) {
        event.meta.cases = caseList
        event.meta.source = sourceID
        changes.append(.put(.event(event)))
        summary.eventsCreated += 1
        rowCreated = true
    }

    /// The number standing for `kind` in `addEvent` (ask once and keep it).
    public func eventKindIndex(_ kind: EventKind) -> UInt32 {
        if let i = kindIndexes[kind] { return i }
        let i = eventRows.kindIndex(kind)
        kindIndexes[kind] = i
        return i
    }

    /// The number standing for `role` in `addParticipant` (ask once and keep it).
    public func roleIndex(_ role: ParticipantRole) -> UInt32 {
        if let i = roleIndexes[role] { return i }
        let i = eventRows.roleIndex(role)
        roleIndexes[role] = i
        return i
    }

    /// A participant of the event the next `addEvent` adds; `role` is a `roleIndex`.
    public func addParticipant(_ entity: ItemID, role: UInt32) { eventRows.addParticipant(entity, role: role) }

    /// An event of the import (its meta: a new id, the import's case and source), kept as a row: the same event
    /// `add(event:)` would add, without building it. `kind` is an `eventKindIndex`.
    public func addEvent(kind: UInt32, start: TimePoint, end: TimePoint?, place: ItemID?, amount: Money? = nil,
                         summary text: String = "", attributes: [Attribute] = []) {
        eventRows.append(id: newID(), kind: kind, start: start, end: end, place: place, amount: amount, summary: text,
                         attributes: attributes)
        summary.eventsCreated += 1
        rowCreated = true
    }

    public func add(note: Note) {
        var n = note
        n.meta.cases = [caseID]
        n.meta.source = sourceID
        changes.append(.put(.note(n)))
        summary.notesCreated += 1
        rowCreated = true
    }

    public func setSourceDetails(_ update: (inout Source) -> Void) { update(&source) }

    /// The batch: case (if new), source, entities, links, then events and notes. Nothing when every row was rejected.
    public func finish(sha256: String, format: String, encoding: String = "", notices: [String] = []) -> ImportResult {
        summary.sha256 = sha256
        summary.format = format
        summary.encoding = encoding
        summary.notices = notices
        source.sha256 = sha256
        var batch = ChangeBatch(analyst: context.analyst, time: context.time, action: "import \(summary.fileName)",
                                reason: context.provenance.purpose ?? "")
        // Counted, not looked for: what went out streamed is no longer here, and needs the case and source this
        // batch brings.
        let createdSomething = summary.entitiesCreated + summary.linksCreated + summary.eventsCreated + summary.notesCreated > 0
            || !existingTouchedOrder.isEmpty
        guard createdSomething else { return ImportResult(batch: batch, summary: summary) }
        batch.changes.reserveCapacity(2 + newEntities.count + existingTouchedOrder.count + newLinks.count + changes.count
                                      + eventRows.count)
        if let c = caseItem { batch.put(.case(c)) }
        batch.put(.source(source))
        for e in newEntities.inOrder { batch.put(.entity(e)) }
        for id in existingTouchedOrder { if let e = existingTouched[id] { batch.put(.entity(e)) } }
        for l in newLinks { batch.put(.link(l)) }
        for e in eventRows.takeRows().events { batch.put(.event(e)) }
        batch.changes.append(contentsOf: changes)
        return ImportResult(batch: batch, summary: summary)
    }
}

/// An import's new entities in the order they were made, found by id: the entities in one array and an index of
/// their places, rather than a dictionary keeping each entity (about 250 bytes) in a slot of a table that is at most
/// three-quarters full and doubles (both tables held) as it grows. Entities are never removed one by one; their ids
/// are fresh, so each is added once.
struct NewEntities {
    private(set) var inOrder: [Entity] = []
    private var places: [ItemID: Int] = [:]

    var isEmpty: Bool { inOrder.isEmpty }
    var count: Int { inOrder.count }

    mutating func append(_ e: Entity) {
        if let i = places[e.meta.id] {
            inOrder[i] = e
        } else {
            places[e.meta.id] = inOrder.count
            inOrder.append(e)
        }
    }

    /// The entity with this id; setting replaces an entity already here (setting nil or a new id does nothing: use
    /// `append`).
    subscript(id: ItemID) -> Entity? {
        get { places[id].map { inOrder[$0] } }
        set { if let e = newValue, let i = places[id] { inOrder[i] = e } }
    }

    /// Every entity, in order, leaving the table empty.
    mutating func takeAll() -> [Entity] {
        places = [:]
        var out: [Entity] = []
        swap(&out, &inOrder)
        return out
    }
}
