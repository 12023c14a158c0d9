/// New events that share everything but their own fields: one import's calls or transactions, all in the same
/// cases, from the same source, by the same analyst at the same time.
///
/// Kept as plain fixed-size rows (ids, times, small numbers) with the few distinct kinds and roles in tables, so an
/// importer making a million events builds no `Event` (no arrays, strings or reference counts per row) and the store
/// can write each record straight from its row. `event(at:)` gives the `Event` a row stands for, for readers that
/// want one (a dry run's batch, tests).
public struct EventRows: Sendable {
    /// One event's own fields; everything else is in `meta` and the tables.
    public struct Row: Sendable {
        public var id: ItemID
        public var start: TimePoint
        public var end: TimePoint?
        public var place: ItemID?
        /// Index into `kinds`.
        public var kind: UInt32
        /// Where this row's participants start in `participants`, and how many it has.
        public var firstParticipant: UInt32
        public var participantCount: UInt32
        /// Index into `extras`, or -1 when the event has no amount, summary or attributes.
        public var extra: Int32
    }

    /// A participant: the entity and an index into `roles`.
    public struct Slot: Sendable {
        public var entity: ItemID
        public var role: UInt32
    }

    /// The fields few rows have (an amount, a summary, attributes).
    public struct Extra: Sendable {
        public var amount: Money?
        public var summary: String
        public var attributes: [Attribute]
    }

    /// Every row's meta, but for its id.
    public let meta: ItemMeta
    public private(set) var kinds: [EventKind] = []
    public private(set) var roles: [ParticipantRole] = []
    public private(set) var rows: [Row] = []
    public private(set) var participants: [Slot] = []
    public private(set) var extras: [Extra] = []

    public init(meta: ItemMeta) { self.meta = meta }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    /// The table index of `kind` (added when new); an importer asks once per event plan and keeps the number.
    public mutating func kindIndex(_ kind: EventKind) -> UInt32 {
        if let i = kinds.firstIndex(of: kind) { return UInt32(i) }
        kinds.append(kind)
        return UInt32(kinds.count - 1)
    }

    /// The table index of `role` (added when new).
    public mutating func roleIndex(_ role: ParticipantRole) -> UInt32 {
        if let i = roles.firstIndex(of: role) { return UInt32(i) }
        roles.append(role)
        return UInt32(roles.count - 1)
    }

    /// Adds a participant to the next row `append` adds.
    public mutating func addParticipant(_ entity: ItemID, role: UInt32) {
        participants.append(Slot(entity: entity, role: role))
    }

    /// Adds an event with the participants added since the previous row. `kind` is a `kindIndex`.
    public mutating func append(id: ItemID, kind: UInt32, start: TimePoint, end: TimePoint?, place: ItemID?,
                                amount: Money? = nil, summary: String = "", attributes: [Attribute] = []) {
        let first = rows.last.map { $0.firstParticipant + $0.participantCount } ?? 0
        var extra: Int32 = -1
        if amount != nil || !summary.isEmpty || !attributes.isEmpty {
            extra = Int32(extras.count)
            extras.append(Extra(amount: amount, summary: summary, attributes: attributes))
        }
        rows.append(Row(id: id, start: start, end: end, place: place, kind: kind, firstParticipant: first,
                        participantCount: UInt32(participants.count) - first, extra: extra))
    }

    /// Takes the rows out, leaving this value empty but with its tables (indexes handed out stay valid).
    public mutating func takeRows() -> EventRows {
        var out = EventRows(meta: meta)
        out.kinds = kinds
        out.roles = roles
        swap(&out.rows, &rows)
        swap(&out.participants, &participants)
        swap(&out.extras, &extras)
        return out
    }

    /// The participants of row `i`.
    public func participants(of i: Int) -> ArraySlice<Slot> {
        let r = rows[i]
        return participants[Int(r.firstParticipant)..<Int(r.firstParticipant + r.participantCount)]
    }

    /// The event row `i` stands for.
    public func event(at i: Int) -> Event {
        let r = rows[i]
        var m = meta
        m.id = r.id
        let extra = r.extra >= 0 ? extras[Int(r.extra)] : nil
        return Event(meta: m, kind: kinds[Int(r.kind)], start: r.start, end: r.end,
                     participants: participants(of: i).map { Participant($0.entity, role: roles[Int($0.role)]) },
                     place: r.place, amount: extra?.amount, summary: extra?.summary ?? "", attributes: extra?.attributes ?? [])
    }

    /// Every row's event, in order.
    public var events: [Event] { rows.indices.map(event(at:)) }
}
