import DossierModel

/// Appends little-endian integers, LEB128 varints and length-prefixed UTF-8 to a byte buffer.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always) mutating func varint(_ value: Int) { varint(UInt64(truncatingIfNeeded: value)) }

    /// Zig-zag signed varint: small negative numbers stay short.
    mutating func signed(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func double(_ v: Double) { u64(v.bitPattern) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func id(_ id: ItemID) {
        u64(id.high)
        u64(id.low)
    }
}

/// Why a record could not be decoded (its bytes are damaged or from an unknown format).
struct CodecError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Reads what `ByteWriter` wrote, with bounds checks on every read: damaged bytes give a `CodecError`, never a trap.
struct ByteReader {
    let base: UnsafeRawPointer?
    let count: Int
    private(set) var position = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        base = buffer.baseAddress
        count = buffer.count
    }

    // `0 <= position <= count` always holds (every step forward is checked against what is left first), so the
    // arithmetic on positions below wraps instead of checking for overflow: it cannot overflow, and the checks cost
    // a few instructions on every field of every record a scan decodes.
    var remaining: Int { count &- position }
    @inline(__always) var atEnd: Bool { position >= count }

    @inline(__always) private mutating func need(_ n: Int) throws -> UnsafeRawPointer {
        guard n >= 0, n <= count &- position, let b = base else { throw CodecError("record ends early at byte \(position)") }
        let p = b + position
        position &+= n
        return p
    }

    @inline(__always) mutating func u8() throws -> UInt8 { try need(1).load(as: UInt8.self) }

    /// Steps over the next byte when it is zero (an absent optional, an empty list or string) and says whether it
    /// did; reads nothing past the end.
    @inline(__always) mutating func skipZero() -> Bool {
        guard position < count, let b = base, b.load(fromByteOffset: position, as: UInt8.self) == 0 else { return false }
        position &+= 1
        return true
    }

    @inline(__always) mutating func u16() throws -> UInt16 { UInt16(littleEndian: try need(2).loadUnaligned(as: UInt16.self)) }
    @inline(__always) mutating func u32() throws -> UInt32 { UInt32(littleEndian: try need(4).loadUnaligned(as: UInt32.self)) }
    @inline(__always) mutating func u64() throws -> UInt64 { UInt64(littleEndian: try need(8).loadUnaligned(as: UInt64.self)) }

    /// Varints are read inline: one byte (counts, lengths, small numbers: most of them) directly, up to eight bytes
    /// (times are eight-byte varints, four per event) from one 64-bit load. Anything else goes to `longVarint`.
    @inline(__always) mutating func varint() throws -> UInt64 {
        if let b = base {
            let left = count &- position
            if left >= 8 {
                let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                if word & 0x80 == 0 {
                    position &+= 1
                    return word & 0x7F
                }
                // The first byte with its high bit clear ends the varint.
                let stops = ~word & 0x8080_8080_8080_8080
                if stops != 0 {
                    let last = stops.trailingZeroBitCount >> 3  // index of the varint's last byte
                    position &+= last &+ 1
                    return ByteReader.compact(word & (UInt64.max >> (56 - 8 * UInt64(last))))
                }
            } else if left > 0 {
                let byte = b.load(fromByteOffset: position, as: UInt8.self)
                if byte < 0x80 {
                    position &+= 1
                    return UInt64(byte)
                }
            }
        }
        return try longVarint()
    }

    /// The value of up to eight varint bytes (little-endian in `word`, bytes after the last one zero): their low
    /// seven bits each, packed together.
    @inline(__always) static func compact(_ word: UInt64) -> UInt64 {
        var v = word & 0x7F7F_7F7F_7F7F_7F7F
        v = (v & 0x007F_007F_007F_007F) | ((v & 0x7F00_7F00_7F00_7F00) >> 1)
        v = (v & 0x0000_3FFF_0000_3FFF) | ((v & 0x3FFF_0000_3FFF_0000) >> 2)
        return (v & 0x0000_0000_0FFF_FFFF) | ((v & 0x0FFF_FFFF_0000_0000) >> 4)
    }

    /// Nine- and ten-byte varints, varints near the end of the buffer, and damaged ones (reported as errors).
    private mutating func longVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 64 else { throw CodecError("varint too long at byte \(position)") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A varint that must fit a count or length (at most `limit`, by default what is left in the record).
    @inline(__always) mutating func count(max limit: Int? = nil) throws -> Int {
        let v = try varint()
        guard v <= UInt64(limit ?? remaining) else { throw CodecError("count \(v) too large at byte \(position)") }
        return Int(v)
    }

    @inline(__always) mutating func signed() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    @inline(__always) mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let b: throw CodecError("bad flag \(b) at byte \(position - 1)")
        }
    }

    mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    /// A length-prefixed string's bytes (valid while the reader's buffer is).
    @inline(__always) mutating func stringBytes() throws -> UnsafeRawBufferPointer {
        let n = try count()
        return UnsafeRawBufferPointer(start: try need(n), count: n)
    }

    mutating func string() throws -> String {
        let n = try count()
        if n == 0 { return "" }
        let p = try need(n)
        return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        let p = try need(n)
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    @inline(__always) mutating func id() throws -> ItemID {
        let p = try need(16)
        return ItemID(high: UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
                      low: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }
}
