import DossierModel
import Foundation

/// How a column writes its times: ISO 8601, Unix seconds or milliseconds, or a strftime-style pattern
/// (%Y %y %m %d %H %M %S %f %z %b %p and literal text), read in a time zone.
public enum TimeFormat: Sendable, Equatable, CustomStringConvertible {
    case iso8601
    case unixSeconds
    case unixMillis
    case pattern(String)

    public init?(_ text: String) {
        switch text.lowercased() {
        case "iso8601", "iso", "iso-8601", "": self = .iso8601
        case "unix", "epoch", "unix-seconds": self = .unixSeconds
        case "unix-ms", "unix_ms", "epoch-ms": self = .unixMillis
        default:
            guard text.contains("%"), TimeFormat.validPattern(text) else { return nil }
            self = .pattern(text)
        }
    }

    public var description: String {
        switch self {
        case .iso8601: "iso8601"
        case .unixSeconds: "unix"
        case .unixMillis: "unix-ms"
        case .pattern(let p): p
        }
    }

    static func validPattern(_ p: String) -> Bool {
        var percent = false
        for c in p {
            if percent {
                guard "YymdHMSfzbp%".contains(c) else { return false }
                percent = false
            } else if c == "%" {
                percent = true
            }
        }
        return !percent
    }

    /// Parses `text` in `zone`; nil when it does not match.
    public func parse(_ text: String, zone: TimeZoneSpec) -> TimePoint? {
        switch self {
        case .iso8601:
            // Call records and bank statements mostly carry whole UTC seconds; the "Z" decides the zone.
            if let t = TimeFormat.utcSeconds(text) { return t }
            if case .fixed(let minutes) = zone { return TimePoint.parse(text, defaultOffsetMinutes: Int16(minutes)) }
            // Parse as UTC to find the local fields, then apply the zone's offset unless the text has its own.
            guard let asUTC = TimePoint.parse(text, defaultOffsetMinutes: 0) else { return nil }
            if TimeFormat.hasExplicitOffset(text) || asUTC.precision < .hour { return asUTC }
            return zone.localToUTC(localMicros: asUTC.utcMicros, precision: asUTC.precision)
        case .unixSeconds, .unixMillis:
            let t = text.trimmingCharacters(in: " ")
            guard let v = Int64(t) ?? Double(t).flatMap({ $0.isFinite && abs($0) < 1e15 ? Int64($0) : nil }) else { return nil }
            let (micros, overflow) = v.multipliedReportingOverflow(by: self == .unixSeconds ? 1_000_000 : 1000)
            guard !overflow else { return nil }
            return TimePoint(utcMicros: micros, precision: self == .unixSeconds ? .second : .microsecond)
        case .pattern(let p):
            return TimeFormat.parsePattern(Array(p.utf8), Array(text.utf8), zone: zone)
        }
    }

    /// "YYYY-MM-DDTHH:MM:SSZ" read without allocating; nil for anything else (the general parser then decides,
    /// including for 24:00:00 and leap seconds). Same result as `TimePoint.parse` for the texts it accepts.
    static func utcSeconds(_ text: String) -> TimePoint? {
        var copy = text
        return copy.withUTF8 { utcSeconds($0) }
    }

    /// The same for a cell's bytes.
    static func utcSeconds(_ b: UnsafeBufferPointer<UInt8>) -> TimePoint? {
        guard b.count == 20, let p = b.baseAddress, p[4] == 45, p[7] == 45, p[10] == 84, p[13] == 58, p[16] == 58,
              p[19] == 90 else { return nil }
        // Every other byte a digit (a byte below "0" wraps above 9).
        for i in 0..<19 where i != 4 && i != 7 && i != 10 && i != 13 && i != 16 {
            if p[i] &- 48 > 9 { return nil }
        }
        @inline(__always) func two(_ i: Int) -> Int { Int(p[i] &- 48) * 10 + Int(p[i + 1] &- 48) }
        let year = two(0) * 100 + two(2), month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17)
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, micro: 0)
        return TimePoint(utcMicros: local.localMicros, offsetMinutes: 0, precision: .second)
    }

    /// `parse` for a cell's bytes: the common whole-second UTC form read in place, anything else as text.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, zone: TimeZoneSpec) -> TimePoint? {
        if case .iso8601 = self, let t = TimeFormat.utcSeconds(bytes) { return t }
        return parse(String(decoding: bytes, as: UTF8.self), zone: zone)
    }

    static func hasExplicitOffset(_ text: String) -> Bool {
        guard let t = text.firstIndex(where: { $0 == "T" || $0 == " " }) else { return false }
        let rest = text[t...]
        return rest.contains("Z") || rest.contains("z") || rest.contains("+") || rest.dropFirst(3).contains("-")
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parsePattern(_ p: [UInt8], _ s: [UInt8], zone: TimeZoneSpec) -> TimePoint? {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var precision = TimePrecision.year
        var pm: Bool?
        var offset: Int?
        var i = 0, j = 0
        func number(_ maxDigits: Int) -> Int? {
            var v = 0, n = 0
            while n < maxDigits, j < s.count, s[j] >= 48, s[j] <= 57 { v = v * 10 + Int(s[j] - 48); j += 1; n += 1 }
            return n == 0 ? nil : v
        }
        while i < p.count {
            let c = p[i]
            if c == 37, i + 1 < p.count {  // %
                let f = p[i + 1]
                i += 2
                switch f {
                case UInt8(ascii: "Y"): guard let v = number(4) else { return nil }; year = v; precision = max(precision, .year)
                case UInt8(ascii: "y"): guard let v = number(2) else { return nil }; year = v < 70 ? 2000 + v : 1900 + v
                case UInt8(ascii: "m"): guard let v = number(2), (1...12).contains(v) else { return nil }; month = v; precision = max(precision, .month)
                case UInt8(ascii: "d"): guard let v = number(2), v >= 1 else { return nil }; day = v; precision = max(precision, .day)
                case UInt8(ascii: "H"): guard let v = number(2), v < 24 else { return nil }; hour = v; precision = max(precision, .hour)
                case UInt8(ascii: "M"): guard let v = number(2), v < 60 else { return nil }; minute = v; precision = max(precision, .minute)
                case UInt8(ascii: "S"): guard let v = number(2), v < 61 else { return nil }; second = min(v, 59); precision = max(precision, .second)
                case UInt8(ascii: "f"):
                    var scale = 100_000, n = 0
                    while j < s.count, s[j] >= 48, s[j] <= 57 { if n < 6 { micro += Int(s[j] - 48) * scale; scale /= 10 }; n += 1; j += 1 }
                    guard n > 0 else { return nil }
                    precision = .microsecond
                case UInt8(ascii: "b"):
                    guard j + 3 <= s.count else { return nil }
                    let name = String(decoding: s[j..<(j + 3)], as: UTF8.self).lowercased()
                    guard let m = months.firstIndex(of: name) else { return nil }
                    month = m + 1; j += 3
                    while j < s.count, (s[j] | 0x20) >= 97, (s[j] | 0x20) <= 122 { j += 1 }  // "March"
                    precision = max(precision, .month)
                case UInt8(ascii: "p"):
                    guard j + 2 <= s.count else { return nil }
                    let t = (s[j] | 0x20)
                    guard (t == 97 || t == 112), (s[j + 1] | 0x20) == 109 else { return nil }
                    pm = t == 112; j += 2
                case UInt8(ascii: "z"):
                    if j < s.count, s[j] == UInt8(ascii: "Z") { offset = 0; j += 1; break }
                    guard j < s.count, s[j] == 43 || s[j] == 45 else { return nil }
                    let sign = s[j] == 45 ? -1 : 1
                    j += 1
                    guard let h = number(2) else { return nil }
                    if j < s.count, s[j] == 58 { j += 1 }
                    let m = number(2) ?? 0
                    offset = sign * (h * 60 + m)
                case 37: guard j < s.count, s[j] == 37 else { return nil }; j += 1
                default: return nil
                }
            } else {
                guard j < s.count, s[j] == c else { return nil }
                i += 1; j += 1
            }
        }
        while j < s.count, s[j] == 32 { j += 1 }
        guard j == s.count else { return nil }
        if let pm {
            guard hour >= 1 && hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard day <= CivilTime.daysIn(month: month, year: year) else { return nil }
        let local = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, micro: micro).localMicros
        if let offset {
            return TimePoint(utcMicros: local - Int64(offset) * 60_000_000, offsetMinutes: Int16(offset), precision: precision)
        }
        return zone.localToUTC(localMicros: local, precision: precision)
    }
}

/// The time zone times without an offset are read in: a fixed offset or an IANA zone name.
public enum TimeZoneSpec: Sendable, Equatable, CustomStringConvertible {
    case fixed(minutes: Int)
    case named(String)

    /// "UTC", "Z", "+02:00", "-0530", "Europe/Berlin".
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: " ")
        if t.isEmpty || t.uppercased() == "UTC" || t == "Z" || t.uppercased() == "GMT" { self = .fixed(minutes: 0); return }
        if let first = t.first, first == "+" || first == "-" {
            let digits = t.dropFirst().filter { $0 != ":" }
            guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII), let v = Int(digits) else { return nil }
            let minutes = digits.count == 2 ? v * 60 : (v / 100) * 60 + v % 100
            guard minutes <= 18 * 60 else { return nil }
            self = .fixed(minutes: first == "-" ? -minutes : minutes)
            return
        }
        guard TimeZone(identifier: t) != nil else { return nil }
        self = .named(t)
    }

    public var description: String {
        switch self {
        case .fixed(let m):
            if m == 0 { return "UTC" }
            let a = abs(m)
            return (m < 0 ? "-" : "+") + (a / 60 < 10 ? "0" : "") + "\(a / 60):" + (a % 60 < 10 ? "0" : "") + "\(a % 60)"
        case .named(let n): return n
        }
    }

    /// The UTC time of a local wall-clock time in this zone, keeping the offset that applied.
    func localToUTC(localMicros: Int64, precision: TimePrecision) -> TimePoint {
        switch self {
        case .fixed(let m):
            return TimePoint(utcMicros: localMicros - Int64(m) * 60_000_000, offsetMinutes: Int16(m), precision: precision)
        case .named(let name):
            guard let tz = TimeZone(identifier: name) else { return TimePoint(utcMicros: localMicros, precision: precision) }
            let guess = Double(localMicros / 1_000_000)
            var offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: guess))
            offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: guess - Double(offset)))
            return TimePoint(utcMicros: localMicros - Int64(offset) * 1_000_000, offsetMinutes: Int16(offset / 60), precision: precision)
        }
    }
}

/// `parseDurationSeconds` for a cell's bytes: whole seconds read in place, anything else as text.
func parseDurationSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var whole = 0
    if bytes.count > 0 && bytes.count <= 9 {
        for b in bytes {
            guard b >= 48 && b <= 57 else { return parseDurationSeconds(String(decoding: bytes, as: UTF8.self)) }
            whole = whole * 10 + Int(b - 48)
        }
        return Double(whole)
    }
    return parseDurationSeconds(String(decoding: bytes, as: UTF8.self))
}

/// A duration cell: seconds ("75", "75.5") or clock form ("1:15", "00:01:15").
func parseDurationSeconds(_ text: String) -> Double? {
    // Fast path: whole seconds, as call records give them.
    var whole = 0, digits = 0
    for b in text.utf8 {
        guard b >= 48 && b <= 57 && digits < 9 else { digits = -1; break }
        whole = whole * 10 + Int(b - 48)
        digits += 1
    }
    if digits > 0 { return Double(whole) }
    let t = text.trimmingCharacters(in: " ")
    if let v = Double(t), v.isFinite, v >= 0, v < 1e9 { return v }
    let parts = t.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3 else { return nil }
    var total = 0.0
    for (k, part) in parts.enumerated() {
        guard let v = Double(part), v >= 0, v.isFinite, k == 0 || v < 60 else { return nil }
        total = total * 60 + v
    }
    return total
}
