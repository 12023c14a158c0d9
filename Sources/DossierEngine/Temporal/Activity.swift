import DossierModel

public enum ActivityBucket: String, CaseIterable, Sendable {
    case hour, day, week, month
}

/// Events per time bucket plus a day-of-week × hour-of-day matrix (the data of a heat matrix).
public struct ActivityReport: Sendable, Equatable {
    public struct Bucket: Sendable, Equatable {
        /// Start of the bucket, UTC microseconds.
        public var start: Int64
        /// "2024-01-15T10", "2024-01-15", "2024-01-15" (the Monday of an ISO week) or "2024-01".
        public var label: String
        public var count: Int
    }
    public var bucket: ActivityBucket
    /// Consecutive buckets from the first event to the last (empty ones included, up to 100 000 buckets).
    public var buckets: [Bucket]
    /// matrix[d][h]: events on weekday d (0 = Monday) at hour h, in the report's offset.
    public var matrix: [[Int]]
    public var total: Int
    public var first: TimePoint?
    public var last: TimePoint?
}

public enum Activity {
    /// Counts events (of `entity`, and of every record merged with it, when given; of `caseID` when given),
    /// bucketed in local time at `offsetMinutes` from UTC.
    public static func report(_ reader: any ItemReader, entity: ItemID? = nil, caseID: ItemID? = nil,
                              bucket: ActivityBucket = .day, offsetMinutes: Int = 0, resolution: Resolution? = nil,
                              progress: AnalysisProgress? = nil) throws -> ActivityReport {
        let members = entity.map { Set(resolution?.members(of: $0) ?? [$0]) }
        var times: [Int64] = []
        var n = 0
        var cancelled = false
        progress.begin("activity", total: reader.count(.event, inCase: caseID))
        reader.forEach(.event, inCase: caseID) { item in
            n += 1
            if n & 8191 == 0 { progress.advance(by: 8192); if progress?.isCancelled == true { cancelled = true; return false } }
            guard let e = item.event else { return true }
            if let members {
                guard e.participants.contains(where: { members.contains($0.entity) }) || e.place.map(members.contains) == true
                else { return true }
            }
            times.append(e.start.utcMicros)
            return true
        }
        if cancelled { throw AnalysisCancelled() }
        return report(times: times, bucket: bucket, offsetMinutes: offsetMinutes)
    }

    /// The report over explicit event times (UTC microseconds).
    public static func report(times input: [Int64], bucket: ActivityBucket, offsetMinutes: Int = 0) -> ActivityReport {
        let offset = Int64(offsetMinutes) * 60_000_000
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        guard !input.isEmpty else {
            return ActivityReport(bucket: bucket, buckets: [], matrix: matrix, total: 0, first: nil, last: nil)
        }
        let times = input.sorted()
        var counts: [Int64: Int] = [:]
        for t in times {
            let local = t + offset
            let c = CivilTime(localMicros: local)
            matrix[c.weekdayFromMonday][c.hour] += 1
            counts[bucketStart(local, bucket), default: 0] += 1
        }
        var buckets: [ActivityReport.Bucket] = []
        var cursor = bucketStart(times.first! + offset, bucket)
        let lastStart = bucketStart(times.last! + offset, bucket)
        if counts.count > 100_000 || estimatedBuckets(cursor, lastStart, bucket) > 100_000 {
            for (start, count) in counts.sorted(by: { $0.key < $1.key }) {
                buckets.append(.init(start: start - offset, label: label(start, bucket), count: count))
            }
        } else {
            while cursor <= lastStart {
                buckets.append(.init(start: cursor - offset, label: label(cursor, bucket), count: counts[cursor] ?? 0))
                cursor = nextStart(cursor, bucket)
            }
        }
        return ActivityReport(bucket: bucket, buckets: buckets, matrix: matrix, total: times.count,
                              first: TimePoint(utcMicros: times.first!), last: TimePoint(utcMicros: times.last!))
    }

    static let hourMicros: Int64 = 3_600_000_000
    static let dayMicros: Int64 = 86_400_000_000

    static func bucketStart(_ local: Int64, _ b: ActivityBucket) -> Int64 {
        switch b {
        case .hour: return floorDivide(local, hourMicros) * hourMicros
        case .day: return floorDivide(local, dayMicros) * dayMicros
        case .week:
            let day = floorDivide(local, dayMicros)
            let weekday = ((day + 3) % 7 + 7) % 7  // 0 = Monday (1970-01-01 was a Thursday)
            return (day - weekday) * dayMicros
        case .month:
            let c = CivilTime(localMicros: local)
            return CivilTime(year: c.year, month: c.month, day: 1).localMicros
        }
    }

    static func nextStart(_ start: Int64, _ b: ActivityBucket) -> Int64 {
        switch b {
        case .hour: return start + hourMicros
        case .day: return start + dayMicros
        case .week: return start + 7 * dayMicros
        case .month:
            let c = CivilTime(localMicros: start)
            return c.month == 12 ? CivilTime(year: c.year + 1, month: 1, day: 1).localMicros
                                 : CivilTime(year: c.year, month: c.month + 1, day: 1).localMicros
        }
    }

    static func estimatedBuckets(_ a: Int64, _ b: Int64, _ bucket: ActivityBucket) -> Int64 {
        let span = b - a
        switch bucket {
        case .hour: return span / hourMicros
        case .day: return span / dayMicros
        case .week: return span / (7 * dayMicros)
        case .month: return span / (28 * dayMicros)
        }
    }

    static func label(_ start: Int64, _ b: ActivityBucket) -> String {
        let c = CivilTime(localMicros: start)
        func p(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        switch b {
        case .hour: return "\(p(c.year, 4))-\(p(c.month, 2))-\(p(c.day, 2))T\(p(c.hour, 2))"
        case .day, .week: return "\(p(c.year, 4))-\(p(c.month, 2))-\(p(c.day, 2))"
        case .month: return "\(p(c.year, 4))-\(p(c.month, 2))"
        }
    }
}

@inline(__always) func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
