import DossierModel

/// Tick marks for a time range drawn across a number of columns: the step adapts to the span (years down to
/// seconds) so labels do not collide; times are shown in one stated offset from UTC.
public struct TimeAxis: Sendable {
    public enum Unit: Int, Sendable, Comparable {
        case second, minute, hour, day, month, year
        public static func < (a: Unit, b: Unit) -> Bool { a.rawValue < b.rawValue }

        var approxMicros: Double {
            switch self {
            case .second: 1e6
            case .minute: 60e6
            case .hour: 3600e6
            case .day: 86400e6
            case .month: 30.436875 * 86400e6
            case .year: 365.2425 * 86400e6
            }
        }
    }

    public struct Step: Hashable, Sendable {
        public var unit: Unit
        public var count: Int
    }

    public struct Tick: Hashable, Sendable {
        public var column: Int
        public var utcMicros: Int64
        public var label: String
    }

    /// Steps tried from finest to coarsest.
    static let steps: [Step] = {
        var s: [Step] = []
        for n in [1, 2, 5, 10, 15, 30] { s.append(Step(unit: .second, count: n)) }
        for n in [1, 2, 5, 10, 15, 30] { s.append(Step(unit: .minute, count: n)) }
        for n in [1, 2, 3, 6, 12] { s.append(Step(unit: .hour, count: n)) }
        for n in [1, 2, 7, 14] { s.append(Step(unit: .day, count: n)) }
        for n in [1, 3, 6] { s.append(Step(unit: .month, count: n)) }
        for n in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] { s.append(Step(unit: .year, count: n)) }
        return s
    }()

    public let range: ClosedRange<Int64>
    public let columns: Int
    /// Minutes east of UTC the axis is labelled in.
    public let offsetMinutes: Int
    public let step: Step
    public let ticks: [Tick]

    public init(range: ClosedRange<Int64>, columns: Int, offsetMinutes: Int = 0) {
        self.range = range
        self.columns = max(1, columns)
        self.offsetMinutes = offsetMinutes
        let span = Double(range.upperBound) - Double(range.lowerBound) + 1
        let perColumn = span / Double(self.columns)
        let chosen = TimeAxis.steps.first { step in
            let spacing = Double(step.count) * step.unit.approxMicros / perColumn
            return spacing >= Double(TimeAxis.labelWidth(step.unit) + 2)
        } ?? TimeAxis.steps[TimeAxis.steps.count - 1]
        self.step = chosen
        self.ticks = TimeAxis.makeTicks(range: range, columns: self.columns, offsetMinutes: offsetMinutes, step: chosen)
    }

    /// The zone the axis is labelled in: "UTC" or "UTC+02:00".
    public var zoneName: String { TimeAxis.zoneName(offsetMinutes) }

    public static func zoneName(_ offset: Int) -> String {
        guard offset != 0 else { return "UTC" }
        let a = abs(offset)
        return "UTC" + (offset < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60)
    }

    /// The column a UTC time falls in (may be outside 0..<columns for times outside the range).
    @inlinable
    public func column(of utcMicros: Int64) -> Int {
        TimeAxis.column(of: utcMicros, from: range.lowerBound, scale: scale)
    }

    /// Columns per microsecond.
    public var scale: Double {
        Double(columns) / (Double(range.upperBound) - Double(range.lowerBound) + 1)
    }

    @inlinable
    public static func column(of t: Int64, from start: Int64, scale: Double) -> Int {
        let c = (Double(t) - Double(start)) * scale
        if c < -1e9 { return -1_000_000_000 }
        if c > 1e9 { return 1_000_000_000 }
        return Int(c.rounded(.down))
    }

    static func labelWidth(_ unit: Unit) -> Int {
        switch unit {
        case .year: 4           // 2024
        case .month: 7          // 2024-03
        case .day: 5            // 03-14
        case .hour, .minute: 5  // 14:05 (or 03-14 at midnight)
        case .second: 8         // 14:05:30
        }
    }

    /// Full date and time in the axis zone at the precision of the step ("2024-03-14 09:30").
    public func format(_ utcMicros: Int64, unit: Unit? = nil) -> String {
        let c = CivilTime(localMicros: utcMicros &+ Int64(offsetMinutes) * 60_000_000)
        let date = TimeAxis.four(c.year) + "-" + TimeAxis.two(c.month) + "-" + TimeAxis.two(c.day)
        switch unit ?? step.unit {
        case .year: return TimeAxis.four(c.year)
        case .month: return TimeAxis.four(c.year) + "-" + TimeAxis.two(c.month)
        case .day: return date
        case .hour, .minute: return date + " " + TimeAxis.two(c.hour) + ":" + TimeAxis.two(c.minute)
        case .second:
            return date + " " + TimeAxis.two(c.hour) + ":" + TimeAxis.two(c.minute) + ":" + TimeAxis.two(c.second)
        }
    }

    static func makeTicks(range: ClosedRange<Int64>, columns: Int, offsetMinutes: Int, step: Step) -> [Tick] {
        let offset = Int64(offsetMinutes) * 60_000_000
        let scale = Double(columns) / (Double(range.upperBound) - Double(range.lowerBound) + 1)
        var local = CivilTime(localMicros: range.lowerBound &+ offset)
        // Round down to the step's boundary.
        local.micro = 0
        switch step.unit {
        case .second: local.second -= local.second % step.count
        case .minute: local.second = 0; local.minute -= local.minute % step.count
        case .hour: local.second = 0; local.minute = 0; local.hour -= local.hour % step.count
        case .day:
            local.second = 0; local.minute = 0; local.hour = 0
            if step.count == 7 || step.count == 14 { local = CivilTime(localMicros: local.localMicros - Int64(local.weekdayFromMonday) * 86_400_000_000) }
        case .month:
            local = CivilTime(year: local.year, month: local.month - (local.month - 1) % step.count, day: 1)
        case .year:
            let y = local.year - ((local.year % step.count) + step.count) % step.count
            local = CivilTime(year: y, month: 1, day: 1)
        }
        var ticks: [Tick] = []
        var guardCount = 0
        while guardCount < 10_000 {
            guardCount += 1
            let utc = local.localMicros - offset
            if utc > range.upperBound { break }
            if utc >= range.lowerBound {
                let col = column(of: utc, from: range.lowerBound, scale: scale)
                if col >= 0 && col < columns {
                    ticks.append(Tick(column: col, utcMicros: utc, label: label(local, step.unit)))
                }
            }
            local = advance(local, by: step)
        }
        return ticks
    }

    static func advance(_ t: CivilTime, by step: Step) -> CivilTime {
        switch step.unit {
        case .second: return CivilTime(localMicros: t.localMicros + Int64(step.count) * 1_000_000)
        case .minute: return CivilTime(localMicros: t.localMicros + Int64(step.count) * 60_000_000)
        case .hour: return CivilTime(localMicros: t.localMicros + Int64(step.count) * 3_600_000_000)
        case .day: return CivilTime(localMicros: t.localMicros + Int64(step.count) * 86_400_000_000)
        case .month:
            let m = t.month - 1 + step.count
            return CivilTime(year: t.year + m / 12, month: m % 12 + 1, day: 1)
        case .year: return CivilTime(year: t.year + step.count, month: 1, day: 1)
        }
    }

    static func label(_ t: CivilTime, _ unit: Unit) -> String {
        switch unit {
        case .year: return four(t.year)
        case .month: return four(t.year) + "-" + two(t.month)
        case .day: return two(t.month) + "-" + two(t.day)
        case .hour, .minute:
            return t.hour == 0 && t.minute == 0 ? two(t.month) + "-" + two(t.day) : two(t.hour) + ":" + two(t.minute)
        case .second: return two(t.hour) + ":" + two(t.minute) + ":" + two(t.second)
        }
    }

    static func two(_ v: Int) -> String { v < 10 && v >= 0 ? "0\(v)" : "\(v)" }
    static func four(_ v: Int) -> String {
        guard v >= 0 else { return "-" + four(-v) }
        let s = String(v)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
