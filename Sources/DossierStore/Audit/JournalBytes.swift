import DossierModel

/// Little-endian encoding of the fields of audit entries and request records.
/// (Kept separate from the store's record codec: the audit trail must stay readable on its own.)
struct JournalWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt16(i)))) } }
    mutating func u32(_ v: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) } }
    mutating func u64(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
    mutating func time(_ t: TimePoint) {
        i64(t.utcMicros)
        u16(UInt16(bitPattern: t.offsetMinutes))
        u8(t.precision.rawValue)
    }
    mutating func optionalTime(_ t: TimePoint?) {
        if let t { u8(1); time(t) } else { u8(0) }
    }
    mutating func id(_ id: ItemID) { u64(id.high); u64(id.low) }
    /// A count and the ids, 16 bytes each, stored in one pass (a bulk import's entry names a million).
    mutating func ids(_ ids: [ItemID]) {
        u32(UInt32(ids.count))
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: ids.count * 16))
        bytes.withUnsafeMutableBytes { b in
            var o = start
            for x in ids {
                b.storeBytes(of: x.high.littleEndian, toByteOffset: o, as: UInt64.self)
                b.storeBytes(of: x.low.littleEndian, toByteOffset: o + 8, as: UInt64.self)
                o += 16
            }
        }
    }
    /// A count of runs, then each run's first id (16 bytes) and length (8).
    mutating func idRuns(_ list: ItemIDRuns) {
        u32(UInt32(list.runs.count))
        for r in list.runs {
            id(r.first)
            u64(r.count)
        }
    }
    mutating func strings(_ list: [String]) {
        u32(UInt32(list.count))
        for s in list { string(s) }
    }
}

/// A decoding failure: which field could not be read.
struct JournalDecodingError: Error, CustomStringConvertible {
    var description: String
}

/// Reads what `JournalWriter` wrote; every read is bounds-checked, so damaged bytes give an error, never a trap.
struct JournalReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }

    private mutating func take(_ n: Int, _ field: String) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw JournalDecodingError(description: "\(field): needs \(n) bytes, \(remaining) left")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    mutating func u8(_ field: String) throws -> UInt8 { try take(1, field).first! }
    mutating func u16(_ field: String) throws -> UInt16 {
        try take(2, field).reversed().reduce(0) { ($0 << 8) | UInt16($1) }
    }
    mutating func u32(_ field: String) throws -> UInt32 {
        try take(4, field).reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }
    mutating func u64(_ field: String) throws -> UInt64 {
        try take(8, field).reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }
    mutating func i64(_ field: String) throws -> Int64 { Int64(bitPattern: try u64(field)) }
    mutating func raw(_ n: Int, _ field: String) throws -> [UInt8] { Array(try take(n, field)) }
    mutating func string(_ field: String) throws -> String {
        let n = Int(try u32(field))
        let slice = try take(n, field)
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw JournalDecodingError(description: "\(field): not valid UTF-8")
        }
        return s
    }
    mutating func time(_ field: String) throws -> TimePoint {
        let micros = try i64(field)
        let offset = Int16(bitPattern: try u16(field))
        guard let precision = TimePrecision(rawValue: try u8(field)) else {
            throw JournalDecodingError(description: "\(field): unknown time precision")
        }
        return TimePoint(utcMicros: micros, offsetMinutes: offset, precision: precision)
    }
    mutating func optionalTime(_ field: String) throws -> TimePoint? {
        switch try u8(field) {
        case 0: return nil
        case 1: return try time(field)
        default: throw JournalDecodingError(description: "\(field): bad presence flag")
        }
    }
    mutating func id(_ field: String) throws -> ItemID {
        ItemID(high: try u64(field), low: try u64(field))
    }
    mutating func ids(_ field: String) throws -> [ItemID] {
        let n = Int(try u32(field))
        guard n <= remaining / 16 else { throw JournalDecodingError(description: "\(field): \(n) ids do not fit") }
        let start = position
        position += n * 16
        return bytes.withUnsafeBytes { b in
            (0..<n).map { k in
                ItemID(high: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start + 16 * k, as: UInt64.self)),
                       low: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start + 16 * k + 8, as: UInt64.self)))
            }
        }
    }
    mutating func idRuns(_ field: String) throws -> ItemIDRuns {
        let n = Int(try u32(field))
        guard n <= remaining / 24 else { throw JournalDecodingError(description: "\(field): \(n) runs do not fit") }
        var out = ItemIDRuns()
        for _ in 0..<n {
            let first = try id(field)
            let count = try u64(field)
            guard count > 0, count <= UInt64(Int.max) else { throw JournalDecodingError(description: "\(field): a run of \(count) ids") }
            out.append(ItemIDRuns.Run(first: first, count: count))
        }
        return out
    }
    mutating func strings(_ field: String) throws -> [String] {
        let n = Int(try u32(field))
        guard n <= remaining / 4 else { throw JournalDecodingError(description: "\(field): \(n) strings do not fit") }
        var out: [String] = []
        for _ in 0..<n { out.append(try string(field)) }
        return out
    }
}

/// Lower-case hex of bytes.
func journalHex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits: [Character] = Array("0123456789abcdef")
    var s = ""
    for b in bytes {
        s.append(digits[Int(b >> 4)])
        s.append(digits[Int(b & 15)])
    }
    return s
}
