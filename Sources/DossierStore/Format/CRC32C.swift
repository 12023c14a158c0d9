import CDossierCRC

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the CPU's CRC-32C instruction where there is one,
/// otherwise slice-by-16 tables.
///
/// The store checksums every frame with it, and checks the checksum of every record it reads (a time-range scan
/// checks thousands). Slice-by-16 consumes sixteen bytes per step, with sixteen independent table lookups; the
/// instruction (x86-64 SSE 4.2, ARMv8 CRC32) eight bytes per instruction.
public enum CRC32C {
    /// Whether this CPU has the instruction (asked once).
    static let hardware = dossier_crc32c_hw_available() != 0

    /// Sixteen 256-entry tables laid out one after another: table k at [k * 256] gives the CRC of a byte followed
    /// by k zero bytes.
    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 16 * 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[i] = c
        }
        for k in 1..<16 {
            for i in 0..<256 {
                let prev = t[(k - 1) * 256 + i]
                t[k * 256 + i] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return t
    }()

    /// The CRC-32C of `bytes`, continuing from `previous` (the CRC of the bytes before them, 0 to start).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return previous }
        if hardware { return dossier_crc32c_hw(previous, base, bytes.count) }
        return tableChecksum(bytes, continuing: previous)
    }

    /// The same CRC from the tables (used where the CPU has no CRC-32C instruction; the tests compare the two).
    static func tableChecksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return previous }
        return table.withUnsafeBufferPointer { tp -> UInt32 in
            let t = tp.baseAddress!
            var crc = ~previous
            var p = base
            var n = bytes.count
            while n >= 16 {
                let a = p.loadUnaligned(as: UInt64.self).littleEndian ^ UInt64(crc)
                let b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
                crc = t[3840 + Int(a & 0xFF)] ^ t[3584 + Int((a >> 8) & 0xFF)]
                    ^ t[3328 + Int((a >> 16) & 0xFF)] ^ t[3072 + Int((a >> 24) & 0xFF)]
                    ^ t[2816 + Int((a >> 32) & 0xFF)] ^ t[2560 + Int((a >> 40) & 0xFF)]
                    ^ t[2304 + Int((a >> 48) & 0xFF)] ^ t[2048 + Int(a >> 56)]
                    ^ t[1792 + Int(b & 0xFF)] ^ t[1536 + Int((b >> 8) & 0xFF)]
                    ^ t[1280 + Int((b >> 16) & 0xFF)] ^ t[1024 + Int((b >> 24) & 0xFF)]
                    ^ t[768 + Int((b >> 32) & 0xFF)] ^ t[512 + Int((b >> 40) & 0xFF)]
                    ^ t[256 + Int((b >> 48) & 0xFF)] ^ t[Int(b >> 56)]
                p += 16
                n -= 16
            }
            if n >= 8 {
                let v = p.loadUnaligned(as: UInt64.self).littleEndian ^ UInt64(crc)
                crc = t[1792 + Int(v & 0xFF)] ^ t[1536 + Int((v >> 8) & 0xFF)]
                    ^ t[1280 + Int((v >> 16) & 0xFF)] ^ t[1024 + Int((v >> 24) & 0xFF)]
                    ^ t[768 + Int((v >> 32) & 0xFF)] ^ t[512 + Int((v >> 40) & 0xFF)]
                    ^ t[256 + Int((v >> 48) & 0xFF)] ^ t[Int(v >> 56)]
                p += 8
                n -= 8
            }
            while n > 0 {
                crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                p += 1
                n -= 1
            }
            return ~crc
        }
    }

    public static func checksum(_ bytes: [UInt8], continuing previous: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0, continuing: previous) }
    }
}
