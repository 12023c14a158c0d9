import DossierModel

/// What a timeline draws, in a compact column-oriented form so a million events bin in one cheap pass:
/// lanes (one per entity) and event records with a time extent, a lane, an optional lane it points to
/// (caller → receiver, payer → payee) and an optional label.
public struct TimelineData: Sendable {
    public struct Lane: Hashable, Sendable {
        public var id: ItemID?
        public var label: String
        public var kind: EntityKind
        public init(id: ItemID?, label: String, kind: EntityKind) {
            self.id = id
            self.label = label
            self.kind = kind
        }
    }

    public var lanes: [Lane] = []
    /// Start and end (inclusive) of each record's extent, UTC microseconds. A point event has start == end
    /// (or a one-second extent); an event known only to the day or month covers that whole day or month.
    public private(set) var start: [Int64] = []
    public private(set) var end: [Int64] = []
    /// The lane the record is drawn on, or -1 (counted in the histogram only).
    public private(set) var lane: [Int32] = []
    /// The lane it points to, or -1.
    public private(set) var toLane: [Int32] = []
    /// Index into `labels`, or -1.
    public private(set) var labelIndex: [Int32] = []
    /// Whether the record counts in the histogram band (one record per event does; the extra records of an
    /// event with several undirected participants do not).
    public private(set) var counted: [Bool] = []
    /// `TimelineEventKind` raw value of each record (its glyph on the lane).
    public private(set) var kind: [UInt8] = []
    public var labels: [String] = []
    /// Entities with events in the range that did not get a lane (too many to show).
    public var lanesLeftOut = 0

    public init(lanes: [Lane] = []) { self.lanes = lanes }

    public var count: Int { start.count }

    public mutating func reserveCapacity(_ n: Int) {
        start.reserveCapacity(n); end.reserveCapacity(n); lane.reserveCapacity(n)
        toLane.reserveCapacity(n); labelIndex.reserveCapacity(n); counted.reserveCapacity(n)
        kind.reserveCapacity(n)
    }

    /// Adds one record. `end` before `start` is treated as a point at `start`.
    public mutating func append(start s: Int64, end e: Int64? = nil, lane l: Int, toLane t: Int = -1,
                                label: String? = nil, counted c: Bool = true, kind k: TimelineEventKind = .other) {
        start.append(s)
        end.append(max(s, e ?? s))
        lane.append(Int32(clamping: l))
        toLane.append(Int32(clamping: t))
        if let label, !label.isEmpty {
            labelIndex.append(Int32(clamping: labels.count))
            labels.append(label)
        } else {
            labelIndex.append(-1)
        }
        counted.append(c)
        kind.append(k.rawValue)
    }

    /// The smallest range holding every record (nil when empty).
    public var extent: ClosedRange<Int64>? {
        guard let lo = start.min(), let hi = end.max() else { return nil }
        return lo...hi
    }

    /// Builds lanes and records from a workspace's events.
    /// - entities: the lanes to show, in order; empty means the entities with the most events (up to `maxLanes`).
    /// - range: only events whose extent meets it; nil for all.
    public static func build(from reader: any ItemReader, caseID: ItemID?, entities: [ItemID] = [],
                             range: ClosedRange<Int64>? = nil, maxLanes: Int = 12) -> TimelineData {
        let events: [Event]
        if let range {
            // Day- or month-precision events that start before the range can still reach into it.
            let widened = (range.lowerBound &- 366 * 86_400_000_000)...range.upperBound
            events = reader.events(inTime: widened, inCase: caseID).filter {
                extent(of: $0).upperBound >= range.lowerBound
            }
        } else {
            events = reader.allEvents(inCase: caseID).sorted { ($0.start.utcMicros, $0.meta.id) < ($1.start.utcMicros, $1.meta.id) }
        }
        var laneIDs = entities
        var leftOut = 0
        if laneIDs.isEmpty {
            var counts: [ItemID: Int] = [:]
            for e in events {
                for p in Set(e.participants.map(\.entity)) where reader.entity(p) != nil { counts[p, default: 0] += 1 }
            }
            let ranked = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            laneIDs = ranked.prefix(maxLanes).map(\.key)
            leftOut = max(0, ranked.count - maxLanes)
        }
        var data = TimelineData()
        data.lanesLeftOut = leftOut
        var laneOf: [ItemID: Int] = [:]
        for id in laneIDs {
            laneOf[id] = data.lanes.count
            let e = reader.entity(id)
            data.lanes.append(Lane(id: id, label: e?.name ?? id.description, kind: e?.kind ?? "unknown"))
        }
        data.reserveCapacity(events.count)
        for e in events {
            let x = extent(of: e)
            let label = label(of: e)
            let k = TimelineEventKind(e.kind)
            let origins = e.participants.filter { $0.role.isOrigin }.compactMap { laneOf[$0.entity] }
            let destinations = e.participants.filter { $0.role.isDestination }.compactMap { laneOf[$0.entity] }
            var drawn = Set<Int>()
            var first = true
            if let o = origins.first {
                for d in destinations.isEmpty ? [-1] : destinations {
                    data.append(start: x.lowerBound, end: x.upperBound, lane: o, toLane: d, label: first ? label : nil,
                                counted: first, kind: k)
                    first = false
                    drawn.insert(o)
                    if d >= 0 { drawn.insert(d) }
                }
            }
            for p in e.participants {
                guard let l = laneOf[p.entity], !drawn.contains(l) else { continue }
                drawn.insert(l)
                data.append(start: x.lowerBound, end: x.upperBound, lane: l, label: first ? label : nil, counted: first,
                            kind: k)
                first = false
            }
            if first { data.append(start: x.lowerBound, end: x.upperBound, lane: -1, counted: true, kind: k) }
        }
        return data
    }

    /// The time an event covers: its start's precision interval, through its end when known.
    static func extent(of e: Event) -> ClosedRange<Int64> {
        let s = e.start.interval
        var hi = s.upperBound
        if e.start.precision >= .second { hi = s.lowerBound }
        if let end = e.end, end.utcMicros > hi {
            hi = end.precision >= .second ? end.utcMicros : end.interval.upperBound
        }
        return s.lowerBound...hi
    }

    static func label(of e: Event) -> String {
        var s = e.summary.isEmpty ? e.kind.rawValue : e.summary
        if let m = e.amount { s += " " + m.description }
        return s
    }
}
