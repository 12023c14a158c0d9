/// Finds where a JSON text first breaks, so errors can name a line (Foundation's parser does not say where).
struct JSONSyntax {
    let b: [UInt8]
    var i = 0

    /// The 1-based line of the first syntax error, or nil when the text is valid JSON.
    static func errorLine(_ bytes: [UInt8]) -> Int? {
        var s = JSONSyntax(b: bytes)
        let ok = s.value() && { s.space(); return s.i == bytes.count }()
        guard !ok else { return nil }
        let at = min(s.i, bytes.count)
        return 1 + bytes[..<at].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// The 1-based line on which each element of the top-level object's array `key` begins (STIX's "objects"), so a
    /// rejected object can be named by its line like a rejected CSV row. Empty when the text is not shaped that way.
    static func elementLines(_ bytes: [UInt8], ofTopLevelArray key: String) -> [Int] {
        var s = JSONSyntax(b: bytes)
        let wanted = Array(key.utf8)
        var starts: [Int] = []
        s.space()
        guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: "{") else { return [] }
        s.i += 1
        while true {
            s.space()
            guard s.i < bytes.count, bytes[s.i] == 34 else { return [] }
            let keyStart = s.i + 1
            guard s.string() else { return [] }
            let isWanted = bytes[keyStart..<(s.i - 1)].elementsEqual(wanted)
            s.space()
            guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: ":") else { return [] }
            s.i += 1
            s.space()
            if isWanted, s.i < bytes.count, bytes[s.i] == UInt8(ascii: "[") {
                s.i += 1; s.space()
                while s.i < bytes.count, bytes[s.i] != UInt8(ascii: "]") {
                    starts.append(s.i)
                    guard s.value(depth: 2) else { return [] }
                    s.space()
                    if s.i < bytes.count, bytes[s.i] == UInt8(ascii: ",") { s.i += 1; s.space() }
                }
                s.i += 1
            } else {
                guard s.value(depth: 1) else { return [] }
            }
            s.space()
            guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: ",") else { break }
            s.i += 1
        }
        // One pass turns byte offsets (ascending) into line numbers.
        var lines: [Int] = []
        lines.reserveCapacity(starts.count)
        var line = 1, at = 0
        for start in starts {
            while at < start { if bytes[at] == 10 { line += 1 }; at += 1 }
            lines.append(line)
        }
        return lines
    }

    mutating func space() { while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 } }

    mutating func literal(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { return false }
        i += w.count
        return true
    }

    mutating func value(depth: Int = 0) -> Bool {
        space()
        guard i < b.count, depth < 512 else { return false }
        switch b[i] {
        case UInt8(ascii: "{"):
            i += 1; space()
            if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return true }
            while true {
                space()
                guard i < b.count, b[i] == 34, string() else { return false }
                space()
                guard i < b.count, b[i] == UInt8(ascii: ":") else { return false }
                i += 1
                guard value(depth: depth + 1) else { return false }
                space()
                guard i < b.count else { return false }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; return true }
                return false
            }
        case UInt8(ascii: "["):
            i += 1; space()
            if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return true }
            while true {
                guard value(depth: depth + 1) else { return false }
                space()
                guard i < b.count else { return false }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "]") { i += 1; return true }
                return false
            }
        case 34: return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default:
            let start = i
            while i < b.count, (b[i] >= 48 && b[i] <= 57) || b[i] == 45 || b[i] == 43 || b[i] == 46 || b[i] == 101 || b[i] == 69 { i += 1 }
            return i > start
        }
    }

    mutating func string() -> Bool {
        i += 1
        while i < b.count {
            let c = b[i]
            if c == 34 { i += 1; return true }
            if c == 92 { i += 2; continue }
            if c < 32 { return false }
            i += 1
        }
        return false
    }
}
