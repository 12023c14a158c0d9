/// A top-level member's value that is not an object or array.
enum JSONScalar: Equatable, Sendable {
    case string(String)
    /// The number's text as written (callers pick the type they need).
    case number(String)
    case bool(Bool)
    case null

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .number(let n) = self { Int(n) } else { nil } }
}

/// One element of a streamed array: one complete JSON value, read on its own.
struct JSONElement: Equatable, Sendable {
    /// The key of the top-level array it is in.
    var array: String
    /// Its position in that array, from 0.
    var index: Int
    /// The 1-based line its first byte is on.
    var line: Int
    var bytes: [UInt8]

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// What a `JSONArrayStream` hands out, in file order.
enum JSONStreamItem: Equatable, Sendable {
    /// A top-level member whose value is a scalar, with the line the value is on.
    case scalar(key: String, value: JSONScalar, line: Int)
    case element(JSONElement)
}

/// Reads a JSON document shaped `{"key": scalar, "array": [element, ...], ...}` (a STIX bundle, a Dossier JSON
/// document) in 1 MiB pieces and hands out the elements of the top-level arrays asked for one at a time, each as its
/// own bytes with the line it starts on, plus the top-level scalar members. Other top-level objects and arrays are
/// checked and skipped. Memory is one element (and the read buffer) however large the file.
///
/// The whole text is checked as it goes (RFC 8259: literals, numbers, escapes, UTF-8 in strings, nesting up to 512):
/// the first fault throws an `ExchangeError` naming the file and the line ("feed.json:3: not valid JSON: expected
/// \",\" or \"}\""). A document whose top level is valid JSON but not an object throws `shapeError`.
final class JSONArrayStream {
    static let maxDepth = 512

    let file: FileBytes
    private let arrays: Set<String>
    private let shapeError: String
    private let readSize: Int
    /// The keys of the top-level members read so far, in file order.
    private(set) var members: [String] = []
    /// The keys asked for whose value was an array.
    private(set) var arraysRead: Set<String> = []
    // The reading state is touched for every byte; it is never shared between threads, so the accesses go unchecked.
    /// The line the reading is on (1-based).
    @exclusivity(unchecked) private(set) var line = 1
    @exclusivity(unchecked) private var buf: [UInt8] = []
    @exclusivity(unchecked) private var pos = 0
    /// Where the value being read began: bytes from here on are kept when the buffer is refilled.
    @exclusivity(unchecked) private var mark: Int?
    @exclusivity(unchecked) private var eof = false
    @exclusivity(unchecked) private var stack: [UInt8] = []

    private enum State {
        case start
        case member(first: Bool)
        case afterMember
        case element(key: String, index: Int)
        case end
        case done
    }
    private var state = State.start

    init(path: String, arrays: Set<String>, shapeError: String, readSize: Int = 1 << 20) throws {
        file = try FileBytes(path: path)
        self.arrays = arrays
        self.shapeError = shapeError
        self.readSize = max(1, readSize)
    }

    var name: String { file.name }

    /// The next scalar member or array element, or nil once the document has been read to its end.
    func next() throws -> JSONStreamItem? {
        while true {
            switch state {
            case .start:
                if try ensure(3), buf[pos] == 0xEF, buf[pos + 1] == 0xBB, buf[pos + 2] == 0xBF { pos += 3 }
                try space()
                guard let c = try peek() else { throw syntax("the file is empty") }
                guard c == UInt8(ascii: "{") else {
                    try skipValue()
                    try space()
                    if try peek() != nil { throw syntax("unexpected text after the end of the document") }
                    state = .done
                    throw ExchangeError(file: name, shapeError)
                }
                pos += 1
                state = .member(first: true)
            case .member(let first):
                try space()
                guard let c = try peek() else { throw endOfFile() }
                if first && c == UInt8(ascii: "}") { pos += 1; state = .end; continue }
                guard c == 34 else { throw syntax(first ? "expected a member name or \"}\"" : "expected a member name") }
                let key = try readString()
                try colon()
                guard let v = try peek() else { throw endOfFile() }
                members.append(key)
                if v == UInt8(ascii: "["), arrays.contains(key) {
                    pos += 1
                    arraysRead.insert(key)
                    try space()
                    if try peek() == UInt8(ascii: "]") { pos += 1; state = .afterMember } else { state = .element(key: key, index: 0) }
                    continue
                }
                if v == UInt8(ascii: "{") || v == UInt8(ascii: "[") {
                    try skipValue()
                    state = .afterMember
                    continue
                }
                let at = line
                let value = try readScalar()
                state = .afterMember
                return .scalar(key: key, value: value, line: at)
            case .afterMember:
                try space()
                guard let c = try peek() else { throw endOfFile() }
                if c == UInt8(ascii: ",") { pos += 1; state = .member(first: false); continue }
                if c == UInt8(ascii: "}") { pos += 1; state = .end; continue }
                throw syntax("expected \",\" or \"}\"")
            case .element(let key, let index):
                try space()
                let at = line
                mark = pos
                try skipValue()
                let bytes = Array(buf[(mark ?? pos)..<pos])
                mark = nil
                try space()
                guard let c = try peek() else { throw endOfFile() }
                if c == UInt8(ascii: ",") {
                    pos += 1
                    state = .element(key: key, index: index + 1)
                } else if c == UInt8(ascii: "]") {
                    pos += 1
                    state = .afterMember
                } else {
                    throw syntax("expected \",\" or \"]\"")
                }
                return .element(JSONElement(array: key, index: index, line: at, bytes: bytes))
            case .end:
                try space()
                if try peek() != nil { throw syntax("unexpected text after the end of the document") }
                state = .done
                return nil
            case .done:
                return nil
            }
        }
    }

    /// Reads to the end of the document (checking it), handing out nothing more.
    func drain() throws { while try next() != nil {} }

    // MARK: errors

    private func syntax(_ what: String) -> ExchangeError { ExchangeError(file: name, line: line, "not valid JSON: " + what) }

    private func endOfFile() -> ExchangeError { syntax("the file ends in the middle of the document") }

    private func unexpected(_ c: UInt8) -> ExchangeError {
        c >= 33 && c < 127 ? syntax("unexpected \"\(Character(Unicode.Scalar(c)))\"") : syntax("unexpected byte 0x" + hex(c))
    }

    private func hex(_ c: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(c >> 4)], digits[Int(c & 15)]])
    }

    // MARK: bytes

    /// The byte at the reading position, reading more of the file when the buffer is used up; nil at the end.
    @inline(__always) private func peek() throws -> UInt8? {
        if pos < buf.count { return buf[pos] }
        return try refill() ? buf[pos] : nil
    }

    /// Whether `n` bytes from the reading position are in the buffer (reading more as needed).
    private func ensure(_ n: Int) throws -> Bool {
        while buf.count - pos < n { guard try refill() else { return false } }
        return true
    }

    /// Drops what is no longer needed (everything before the mark or the reading position) and appends the next
    /// piece of the file. False at the end of the file.
    private func refill() throws -> Bool {
        if eof { return false }
        let keep = mark ?? pos
        if keep > 0 {
            buf.removeSubrange(0..<keep)
            pos -= keep
            if mark != nil { mark = 0 }
        }
        if try file.read(into: &buf, max: readSize) == 0 { eof = true; return false }
        return true
    }

    private func space() throws {
        while true {
            if pos == buf.count { guard try refill() else { return } }
            let start = pos
            var lines = 0
            let stop = buf.withUnsafeBufferPointer { p -> Int in
                var i = start
                while i < p.count {
                    let c = p[i]
                    if c == 10 { lines += 1 } else if c != 32 && c != 9 && c != 13 { break }
                    i += 1
                }
                return i
            }
            pos = stop
            line += lines
            if stop < buf.count { return }
        }
    }

    private func colon() throws {
        try space()
        guard let c = try peek() else { throw endOfFile() }
        guard c == UInt8(ascii: ":") else { throw syntax("expected \":\" after a member name") }
        pos += 1
        try space()
    }

    // MARK: values

    /// Skips one value of any kind, checking it. Iterative, so deep nesting costs a byte per level, not a stack frame.
    private func skipValue() throws {
        stack.removeAll(keepingCapacity: true)
        var needValue = true
        while true {
            if needValue {
                try space()
                guard let c = try peek() else { throw endOfFile() }
                needValue = false
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    pos += 1
                    try space()
                    let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if try peek() == close { pos += 1; break }
                    guard stack.count < Self.maxDepth else { throw syntax("nested more than \(Self.maxDepth) levels deep") }
                    stack.append(c)
                    if c == UInt8(ascii: "{") { try memberName() }
                    needValue = true
                case 34: try skipString()
                case UInt8(ascii: "t"): try literal("true")
                case UInt8(ascii: "f"): try literal("false")
                case UInt8(ascii: "n"): try literal("null")
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
                default: throw unexpected(c)
                }
                continue
            }
            guard let top = stack.last else { return }
            try space()
            guard let c = try peek() else { throw endOfFile() }
            if c == UInt8(ascii: ",") {
                pos += 1
                if top == UInt8(ascii: "{") { try space(); try memberName() }
                needValue = true
            } else if top == UInt8(ascii: "{") ? c == UInt8(ascii: "}") : c == UInt8(ascii: "]") {
                pos += 1
                stack.removeLast()
            } else {
                throw syntax(top == UInt8(ascii: "{") ? "expected \",\" or \"}\"" : "expected \",\" or \"]\"")
            }
        }
    }

    /// A member name and its colon, inside a skipped object.
    private func memberName() throws {
        guard let c = try peek() else { throw endOfFile() }
        guard c == 34 else { throw c == UInt8(ascii: "}") ? syntax("a \",\" before \"}\"") : syntax("expected a member name") }
        try skipString()
        try colon()
    }

    /// Skips a string (the reading position on its opening quote), checking escapes and UTF-8.
    private func skipString() throws {
        pos += 1
        while true {
            // The plain run up to the next quote, backslash, control byte or non-ASCII byte, in one go.
            let start = pos
            pos = buf.withUnsafeBufferPointer { p -> Int in
                var i = start
                while i < p.count {
                    let c = p[i]
                    if c == 34 || c == 92 || c < 32 || c >= 0x80 { break }
                    i += 1
                }
                return i
            }
            if pos == buf.count { guard try refill() else { throw syntax("unclosed string") }; continue }
            let c = buf[pos]
            if c == 34 { pos += 1; return }
            if c == 92 {
                pos += 1
                guard let e = try peek() else { throw syntax("unclosed string") }
                switch e {
                case 34, 92, 47, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    pos += 1
                case UInt8(ascii: "u"):
                    pos += 1
                    for _ in 0..<4 {
                        guard let h = try peek() else { throw syntax("unclosed string") }
                        guard Self.hexValue(h) != nil else { throw syntax("bad \\u escape in a string") }
                        pos += 1
                    }
                default:
                    throw e >= 32 && e < 127 ? syntax("bad escape \"\\\(Character(Unicode.Scalar(e)))\" in a string")
                        : syntax("bad escape in a string")
                }
                continue
            }
            if c < 32 { throw c == 10 || c == 13 ? syntax("unclosed string") : syntax("control character 0x\(hex(c)) in a string") }
            if c >= 0x80 { try utf8Sequence(c); continue }
            pos += 1
        }
    }

    /// Checks one multi-byte UTF-8 sequence starting with `lead` (no overlong forms, surrogates or values past U+10FFFF).
    private func utf8Sequence(_ lead: UInt8) throws {
        let count: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 1
        case 0xE0: count = 2; low = 0xA0
        case 0xED: count = 2; high = 0x9F
        case 0xE1...0xEF: count = 2
        case 0xF0: count = 3; low = 0x90
        case 0xF4: count = 3; high = 0x8F
        case 0xF1...0xF3: count = 3
        default: throw syntax("invalid UTF-8 in a string")
        }
        pos += 1
        for i in 0..<count {
            guard let c = try peek() else { throw syntax("unclosed string") }
            guard c >= (i == 0 ? low : 0x80) && c <= (i == 0 ? high : 0xBF) else { throw syntax("invalid UTF-8 in a string") }
            pos += 1
        }
    }

    private func literal(_ word: StaticString) throws {
        for i in 0..<word.utf8CodeUnitCount {
            guard let c = try peek() else { throw endOfFile() }
            guard c == word.utf8Start[i] else { throw syntax("expected \"\(word)\"") }
            pos += 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private func number() throws {
        func digits() throws -> Int {
            var n = 0
            while let c = try peek(), c >= 48 && c <= 57 { pos += 1; n += 1 }
            return n
        }
        if try peek() == UInt8(ascii: "-") { pos += 1 }
        guard let first = try peek(), first >= 48 && first <= 57 else { throw syntax("bad number") }
        if first == 48 { pos += 1 } else { _ = try digits() }
        if try peek() == UInt8(ascii: ".") {
            pos += 1
            guard try digits() > 0 else { throw syntax("bad number") }
        }
        if let e = try peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            pos += 1
            if let s = try peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { pos += 1 }
            guard try digits() > 0 else { throw syntax("bad number") }
        }
    }

    /// A string at the reading position, checked and decoded.
    private func readString() throws -> String {
        mark = pos
        defer { mark = nil }
        try skipString()
        return Self.decodeString(buf[((mark ?? pos) + 1)..<(pos - 1)])
    }

    private func readScalar() throws -> JSONScalar {
        guard let c = try peek() else { throw endOfFile() }
        switch c {
        case 34: return .string(try readString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            mark = pos
            defer { mark = nil }
            try number()
            return .number(String(decoding: buf[(mark ?? pos)..<pos], as: UTF8.self))
        default: throw unexpected(c)
        }
    }

    // MARK: decoding checked text

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: UInt32(c - 48)
        case 65...70: UInt32(c - 55)
        case 97...102: UInt32(c - 87)
        default: nil
        }
    }

    /// The text of a checked string's contents (between its quotes), escapes resolved; a lone surrogate escape
    /// becomes U+FFFD.
    static func decodeString(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(92) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.endIndex else { return nil }
            var v: UInt32 = 0
            for k in at..<(at + 4) { guard let h = hexValue(raw[k]) else { return nil }; v = v << 4 | h }
            return v
        }
        while i < raw.endIndex {
            let c = raw[i]
            guard c == 92, i + 1 < raw.endIndex else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                guard var v = hex4(i) else { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); continue }
                i += 4
                if v >= 0xD800 && v < 0xDC00, i + 1 < raw.endIndex, raw[i] == 92, raw[i + 1] == UInt8(ascii: "u"),
                   let low = hex4(i + 2), low >= 0xDC00 && low < 0xE000 {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Reads the string-valued members of a checked JSON object (an element a `JSONArrayStream` handed out) without
/// parsing the rest: what tells a STIX object's type and id before deciding whether to parse it.
enum JSONObjectPeek {
    /// The values of `keys` that are strings (nil for a key missing or not a string); nil when `bytes` is not an object.
    static func strings(_ keys: [String], in bytes: [UInt8]) -> [String?]? {
        var i = 0
        func space() { while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 } }
        /// Moves past a string (on its opening quote); returns its contents' range.
        func string() -> Range<Int> {
            let start = i + 1
            i += 1
            while i < bytes.count, bytes[i] != 34 { i += bytes[i] == 92 ? 2 : 1 }
            i += 1
            return start..<min(i - 1, bytes.count)
        }
        func skip() {
            var depth = 0
            repeat {
                space()
                guard i < bytes.count else { return }
                switch bytes[i] {
                case 34: _ = string()
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; i += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; i += 1
                default:
                    if depth == 0 {
                        while i < bytes.count, !(bytes[i] == 44 || bytes[i] == 125 || bytes[i] == 93 || bytes[i] <= 32) { i += 1 }
                    } else {
                        i += 1
                    }
                }
            } while depth > 0 && i < bytes.count
        }
        let wanted = keys.map { Array($0.utf8) }
        var found = [String?](repeating: nil, count: keys.count)
        var left = keys.count
        space()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        while left > 0 {
            space()
            guard i < bytes.count, bytes[i] == 34 else { break }
            let keyRange = string()
            let raw = bytes[keyRange]
            let want: Int?
            if raw.contains(92) {
                let key = Array(JSONArrayStream.decodeString(raw).utf8)
                want = wanted.firstIndex(of: key)
            } else {
                want = wanted.firstIndex { $0.count == raw.count && $0.elementsEqual(raw) }
            }
            space()
            i += 1  // the colon
            space()
            if let k = want, i < bytes.count, bytes[i] == 34 {
                let value = string()
                if found[k] == nil { left -= 1 }
                found[k] = JSONArrayStream.decodeString(bytes[value])
            } else {
                skip()
            }
            space()
            guard i < bytes.count, bytes[i] == 44 else { break }
            i += 1
        }
        return found
    }
}
