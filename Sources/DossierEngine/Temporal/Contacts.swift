import DossierModel

/// One counterpart of a phone (or any entity) in calls, messages and other two-sided events.
public struct ContactSummary: Sendable, Equatable {
    public var id: ItemID
    public var name: String
    public var kind: String
    public var total: Int
    /// Events the subject started (caller, sender, payer) towards this counterpart.
    public var outgoing: Int
    /// Events this counterpart started towards the subject.
    public var incoming: Int
    /// Events without a direction (meetings, messages without roles).
    public var undirected: Int
    public var first: TimePoint
    public var last: TimePoint
    /// Sum of durations of the events whose end is known, seconds.
    public var totalSeconds: Int64
    /// Mean duration over the events whose end is known (0 when none).
    public var meanSeconds: Double
    public var outgoingSeconds: Int64
    public var incomingSeconds: Int64
}

public enum Contacts {
    /// Who `subject` deals with most: counterparts ranked by number of events, then total duration, then name.
    public static func of(_ subject: ItemID, in reader: any ItemReader, top: Int? = nil, caseID: ItemID? = nil,
                          kinds: Set<EventKind>? = nil, resolution: Resolution? = nil,
                          progress: AnalysisProgress? = nil) throws -> [ContactSummary] {
        let me = Set(resolution?.members(of: subject) ?? [subject])
        struct Acc { var total = 0, out = 0, inc = 0, und = 0, first = Int64.max, last = Int64.min
            var seconds: Int64 = 0, timed = 0, outSeconds: Int64 = 0, inSeconds: Int64 = 0 }
        var acc: [ItemID: Acc] = [:]
        var n = 0
        var cancelled = false
        reader.forEach(.event, inCase: caseID) { item in
            n += 1
            if n & 8191 == 0, progress?.isCancelled == true { cancelled = true; return false }
            guard let e = item.event, kinds.map({ $0.contains(e.kind) }) ?? true else { return true }
            guard let mine = e.participants.first(where: { me.contains($0.entity) }) else { return true }
            let t = e.start.utcMicros
            let duration = e.durationSeconds.map { max(0, $0) }
            for p in e.participants where !me.contains(p.entity) && p.role != .location {
                let other = resolution?.canonical(p.entity) ?? p.entity
                var a = acc[other] ?? Acc()
                a.total += 1
                if mine.role.isOrigin && p.role.isDestination {
                    a.out += 1; a.outSeconds += duration ?? 0
                } else if mine.role.isDestination && p.role.isOrigin {
                    a.inc += 1; a.inSeconds += duration ?? 0
                } else { a.und += 1 }
                a.first = min(a.first, t); a.last = max(a.last, t)
                if let d = duration { a.seconds += d; a.timed += 1 }
                acc[other] = a
            }
            return true
        }
        if cancelled { throw AnalysisCancelled() }
        var out = acc.map { id, a -> ContactSummary in
            let e = reader.entity(id)
            return ContactSummary(id: id, name: e?.name ?? id.description, kind: e?.kind.rawValue ?? "", total: a.total,
                                  outgoing: a.out, incoming: a.inc, undirected: a.und, first: TimePoint(utcMicros: a.first),
                                  last: TimePoint(utcMicros: a.last), totalSeconds: a.seconds,
                                  meanSeconds: a.timed == 0 ? 0 : Double(a.seconds) / Double(a.timed),
                                  outgoingSeconds: a.outSeconds, incomingSeconds: a.inSeconds)
        }
        out.sort {
            if $0.total != $1.total { return $0.total > $1.total }
            if $0.totalSeconds != $1.totalSeconds { return $0.totalSeconds > $1.totalSeconds }
            return $0.name != $1.name ? $0.name < $1.name : $0.id < $1.id
        }
        if let top { out = Array(out.prefix(max(0, top))) }
        return out
    }
}
