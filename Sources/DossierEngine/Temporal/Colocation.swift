import DossierModel

public enum PlaceMode: String, CaseIterable, Sendable {
    /// Cell sites only.
    case cell
    /// Addresses and locations.
    case address
    /// Any place.
    case any

    func accepts(_ kind: EntityKind?) -> Bool {
        switch self {
        case .any: return true
        case .cell: return kind == .cellSite
        case .address: return kind == .address || kind == .location
        }
    }
}

/// Two entities seen at the same place within the window.
public struct Colocation: Sendable, Equatable {
    public struct Occasion: Sendable, Equatable {
        public var place: ItemID
        public var timeA: Int64
        public var timeB: Int64
    }
    public var a: ItemID
    public var b: ItemID
    /// Pairs of sightings (one of each) at one place within the window.
    public var count: Int
    public var places: Int
    public var first: Int64
    public var last: Int64
    /// The first few occasions, in time order (at most 10).
    public var occasions: [Occasion]
}

/// Co-location by a sweep over each place's time-sorted sightings: every sighting is paired with the earlier
/// sightings of other entities at the same place no more than `window` before it.
public enum Colocator {
    /// A sighting: entity index, place index, time (UTC microseconds).
    public struct Sighting: Sendable {
        public var entity: Int32
        public var place: Int32
        public var time: Int64
        public init(entity: Int32, place: Int32, time: Int64) { self.entity = entity; self.place = place; self.time = time }
    }

    public static func find(_ reader: any ItemReader, windowSeconds: Int64, places mode: PlaceMode = .any,
                            caseID: ItemID? = nil, after: Int64? = nil, before: Int64? = nil, resolution: Resolution? = nil,
                            progress: AnalysisProgress? = nil) throws -> [Colocation] {
        var entityIndex: [ItemID: Int32] = [:], entities: [ItemID] = []
        var placeIndex: [ItemID: Int32] = [:], places: [ItemID] = []
        var placeOK: [ItemID: Bool] = [:]
        var sightings: [Sighting] = []
        var cancelled = false
        var n = 0
        reader.forEach(.event, inCase: caseID) { item in
            n += 1
            if n & 8191 == 0, progress?.isCancelled == true { cancelled = true; return false }
            guard let e = item.event else { return true }
            let t = e.start.utcMicros
            if let after, t < after { return true }
            if let before, t >= before { return true }
            var place = e.place
            if place == nil { place = e.participants.first { $0.role == .location }?.entity }
            guard let p = place else { return true }
            let ok: Bool
            if let known = placeOK[p] { ok = known } else { ok = mode.accepts(reader.entity(p)?.kind); placeOK[p] = ok }
            guard ok else { return true }
            let pi: Int32
            if let x = placeIndex[p] { pi = x } else { pi = Int32(places.count); placeIndex[p] = pi; places.append(p) }
            for part in e.participants where part.role != .location && part.entity != p {
                let id = resolution?.canonical(part.entity) ?? part.entity
                let ei: Int32
                if let x = entityIndex[id] { ei = x } else { ei = Int32(entities.count); entityIndex[id] = ei; entities.append(id) }
                sightings.append(Sighting(entity: ei, place: pi, time: t))
            }
            return true
        }
        if cancelled { throw AnalysisCancelled() }
        return try find(sightings: sightings, entities: entities, places: places, windowSeconds: windowSeconds,
                        progress: progress)
    }

    /// The sweep over explicit sightings; `entities[i]`/`places[i]` name index i.
    public static func find(sightings input: [Sighting], entities: [ItemID], places: [ItemID], windowSeconds: Int64,
                            progress: AnalysisProgress? = nil) throws -> [Colocation] {
        let window = max(0, windowSeconds) * 1_000_000
        progress.begin("colocation", total: input.count)
        var sightings = input
        sightings.sort { $0.place != $1.place ? $0.place < $1.place : ($0.time != $1.time ? $0.time < $1.time : $0.entity < $1.entity) }
        struct Acc { var count = 0; var first = Int64.max; var last = Int64.min; var lastPlace: Int32 = -1; var places = 0
            var occasions: [Colocation.Occasion] = [] }
        var pairs: [UInt64: Acc] = [:]
        var start = 0
        for i in 0..<sightings.count {
            if i & 65535 == 0 { try progress.check(); progress.advance(by: min(65536, sightings.count - i)) }
            let s = sightings[i]
            if start < i && (sightings[start].place != s.place) { start = i }
            while start < i && s.time - sightings[start].time > window { start += 1 }
            var j = start
            while j < i {
                let o = sightings[j]
                j += 1
                if o.entity == s.entity { continue }
                let (lo, hi) = o.entity < s.entity ? (o, s) : (s, o)
                let key = UInt64(UInt32(lo.entity)) << 32 | UInt64(UInt32(hi.entity))
                var a = pairs[key] ?? Acc()
                a.count += 1
                a.first = min(a.first, o.time)
                a.last = max(a.last, s.time)
                if a.lastPlace != s.place { a.places += 1; a.lastPlace = s.place }
                if a.occasions.count < 10 {
                    a.occasions.append(.init(place: places[Int(s.place)], timeA: lo.time, timeB: hi.time))
                }
                pairs[key] = a
            }
        }
        var out: [Colocation] = pairs.map { key, a in
            let x = entities[Int(key >> 32)], y = entities[Int(key & 0xFFFF_FFFF)]
            let occasions = a.occasions.sorted { min($0.timeA, $0.timeB) < min($1.timeA, $1.timeB) }
            return x < y ? Colocation(a: x, b: y, count: a.count, places: a.places, first: a.first, last: a.last, occasions: occasions)
                : Colocation(a: y, b: x, count: a.count, places: a.places, first: a.first, last: a.last,
                             occasions: occasions.map { .init(place: $0.place, timeA: $0.timeB, timeB: $0.timeA) })
        }
        out.sort { $0.count != $1.count ? $0.count > $1.count : ($0.a != $1.a ? $0.a < $1.a : $0.b < $1.b) }
        return out
    }
}
