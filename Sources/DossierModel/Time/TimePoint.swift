#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How precisely a time is known. "2019" is a year, not 2019-01-01T00:00:00Z.
public enum TimePrecision: UInt8, Sendable, Codable, CaseIterable, Comparable {
    case year = 1, month, day, hour, minute, second, microsecond

    public static func < (a: TimePrecision, b: TimePrecision) -> Bool { a.rawValue < b.rawValue }
}

/// A moment stored in UTC (microseconds since 1970) with the offset it was given in and its precision.
///
/// The original offset is kept so the analyst sees a partner's local time as the partner wrote it,
/// while every comparison and index works on the UTC value.
public struct TimePoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var utcMicros: Int64
    /// The offset from UTC the time was written in, in minutes (+120 for +02:00).
    public var offsetMinutes: Int16
    public var precision: TimePrecision

    public init(utcMicros: Int64, offsetMinutes: Int16 = 0, precision: TimePrecision = .second) {
        self.utcMicros = utcMicros
        self.offsetMinutes = offsetMinutes
        self.precision = precision
    }

    public init(unixSeconds: Int64, offsetMinutes: Int16 = 0, precision: TimePrecision = .second) {
        self.init(utcMicros: unixSeconds * 1_000_000, offsetMinutes: offsetMinutes, precision: precision)
    }

    public static func < (a: TimePoint, b: TimePoint) -> Bool { a.utcMicros < b.utcMicros }

    public static func now() -> TimePoint {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return TimePoint(utcMicros: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000, precision: .microsecond)
    }

    public var unixSeconds: Int64 { floorDiv(utcMicros, 1_000_000) }

    /// The span of time this point stands for: a day-precision time covers its whole (local) day.
    public var interval: ClosedRange<Int64> {
        let local = utcMicros + Int64(offsetMinutes) * 60_000_000
        let fields = CivilTime(localMicros: local)
        let end: Int64
        switch precision {
        case .year: end = CivilTime(year: fields.year + 1, month: 1, day: 1).localMicros
        case .month:
            end = fields.month == 12
                ? CivilTime(year: fields.year + 1, month: 1, day: 1).localMicros
                : CivilTime(year: fields.year, month: fields.month + 1, day: 1).localMicros
        case .day: end = local + 86_400_000_000
        case .hour: end = local + 3_600_000_000
        case .minute: end = local + 60_000_000
        case .second: end = local + 1_000_000
        case .microsecond: end = local + 1
        }
        let offset = Int64(offsetMinutes) * 60_000_000
        return utcMicros...(end - offset - 1)
    }

    /// ISO 8601 at the point's own precision, in its original offset ("2019", "2019-05-03", "2019-05-03T10:20:00+02:00").
    public var description: String { iso8601(inOriginalOffset: true) }

    /// ISO 8601 in UTC, for exports and sorting keys: dates stay dates, times of day always carry seconds.
    public var utcISO8601: String { iso8601(inOriginalOffset: false) }

    public func iso8601(inOriginalOffset: Bool) -> String {
        let offset = inOriginalOffset ? Int(offsetMinutes) : 0
        let c = CivilTime(localMicros: utcMicros + Int64(offset) * 60_000_000)
        var s = pad(c.year, 4)
        if precision >= .month { s += "-" + pad(c.month, 2) }
        if precision >= .day { s += "-" + pad(c.day, 2) }
        guard precision >= .hour else { return s }
        s += "T" + pad(c.hour, 2)
        s += ":" + pad(c.minute, 2)
        if precision >= .second || !inOriginalOffset { s += ":" + pad(c.second, 2) }
        if precision == .microsecond, c.micro != 0 { s += "." + pad(c.micro, 6) }
        if offset == 0 {
            s += "Z"
        } else {
            let sign = offset < 0 ? "-" : "+"
            s += sign + pad(abs(offset) / 60, 2) + ":" + pad(abs(offset) % 60, 2)
        }
        return s
    }

    /// Parses ISO 8601 and its common partner variants: "2019", "2019-05", "2019-05-03", "2019-05-03T10:20",
    /// "2019-05-03 10:20:30", fractions, "Z", "+02:00", "+0200", "+02". Without an offset, `defaultOffsetMinutes` applies.
    public static func parse(_ text: String, defaultOffsetMinutes: Int16 = 0) -> TimePoint? {
        var p = TimeScanner(Array(text.utf8))
        p.skipSpaces()
        guard let year = p.digits(exactly: 4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var precision = TimePrecision.year
        if p.accept(UInt8(ascii: "-")) {
            guard let m = p.digits(exactly: 2), (1...12).contains(m) else { return nil }
            month = m; precision = .month
            if p.accept(UInt8(ascii: "-")) {
                guard let d = p.digits(exactly: 2), d >= 1, d <= CivilTime.daysIn(month: m, year: year) else { return nil }
                day = d; precision = .day
            }
        } else if let m = p.digits(exactly: 2) {  // basic format 20190503
            guard (1...12).contains(m), let d = p.digits(exactly: 2), d >= 1, d <= CivilTime.daysIn(month: m, year: year) else {
                return nil
            }
            month = m; day = d; precision = .day
        }
        if precision == .day, p.accept(UInt8(ascii: "T")) || p.accept(UInt8(ascii: "t")) || p.accept(UInt8(ascii: " ")) {
            guard let h = p.digits(exactly: 2), h <= 24 else { return nil }
            hour = h; precision = .hour
            let hadColon = p.accept(UInt8(ascii: ":"))
            if let mi = p.digits(exactly: 2) {
                guard mi < 60 else { return nil }
                minute = mi; precision = .minute
                if p.accept(UInt8(ascii: ":")) || (!hadColon && p.peekDigit) {
                    guard let s = p.digits(exactly: 2), s <= 60 else { return nil }
                    second = min(s, 59); precision = .second
                    if p.accept(UInt8(ascii: ".")) || p.accept(UInt8(ascii: ",")) {
                        var scale = 100_000, count = 0
                        while let d = p.digit() {
                            if count < 6 { micro += d * scale; scale /= 10 }
                            count += 1
                        }
                        guard count > 0 else { return nil }
                        precision = .microsecond
                    }
                }
            } else if hadColon {
                return nil
            }
            if hour == 24 {
                guard minute == 0, second == 0, micro == 0 else { return nil }
            }
        }
        var offset = Int(defaultOffsetMinutes)
        if precision >= .hour {
            if p.accept(UInt8(ascii: "Z")) || p.accept(UInt8(ascii: "z")) {
                offset = 0
            } else if let sign = p.sign() {
                guard let oh = p.digits(exactly: 2), oh <= 18 else { return nil }
                _ = p.accept(UInt8(ascii: ":"))
                let om = p.digits(exactly: 2) ?? 0
                guard om < 60 else { return nil }
                offset = sign * (oh * 60 + om)
            }
        }
        p.skipSpaces()
        guard p.atEnd else { return nil }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, micro: micro)
        return TimePoint(utcMicros: local.localMicros - Int64(offset) * 60_000_000, offsetMinutes: Int16(offset), precision: precision)
    }
}

extension TimePoint: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = TimePoint.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Proleptic Gregorian calendar fields of a local time (days-from-civil, after Howard Hinnant).
public struct CivilTime: Equatable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, micro: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, micro: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.micro) = (year, month, day, hour, minute, second, micro)
    }

    public init(localMicros: Int64) {
        let days = floorDiv(localMicros, 86_400_000_000)
        var rest = localMicros - days * 86_400_000_000
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        hour = Int(rest / 3_600_000_000); rest %= 3_600_000_000
        minute = Int(rest / 60_000_000); rest %= 60_000_000
        second = Int(rest / 1_000_000)
        micro = Int(rest % 1_000_000)
        year = Int(y); month = Int(m); day = Int(d)
    }

    /// Days since 1970-01-01 of the date part.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var localMicros: Int64 {
        daysSinceEpoch * 86_400_000_000 + Int64(hour) * 3_600_000_000 + Int64(minute) * 60_000_000
            + Int64(second) * 1_000_000 + Int64(micro)
    }

    /// 0 = Monday ... 6 = Sunday (ISO weekday minus one).
    public var weekdayFromMonday: Int { Int(floorMod(daysSinceEpoch + 3, 7)) }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

@inlinable func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

@inlinable func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

private func pad(_ value: Int, _ width: Int) -> String {
    let s = String(abs(value))
    let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    return value < 0 ? "-" + padded : padded
}

/// A tiny byte scanner for time parsing: no Foundation, no allocation per field.
struct TimeScanner {
    let bytes: [UInt8]
    var i = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { i >= bytes.count }
    var peekDigit: Bool { i < bytes.count && bytes[i] >= 48 && bytes[i] <= 57 }
    mutating func skipSpaces() { while i < bytes.count && bytes[i] == 32 { i += 1 } }
    mutating func accept(_ c: UInt8) -> Bool {
        if i < bytes.count && bytes[i] == c { i += 1; return true }
        return false
    }
    mutating func digit() -> Int? {
        guard peekDigit else { return nil }
        defer { i += 1 }
        return Int(bytes[i] - 48)
    }
    mutating func digits(exactly n: Int) -> Int? {
        guard i + n <= bytes.count else { return nil }
        var v = 0
        for k in 0..<n {
            let c = bytes[i + k]
            guard c >= 48 && c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        i += n
        return v
    }
    mutating func sign() -> Int? {
        if accept(UInt8(ascii: "+")) { return 1 }
        if accept(UInt8(ascii: "-")) { return -1 }
        return nil
    }
}
