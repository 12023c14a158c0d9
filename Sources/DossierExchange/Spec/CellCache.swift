#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

/// Raw cell text to a value, for the few distinct values a column repeats a million times (the phones of a calls
/// file). Keys are compared as bytes (the raw cell, not Unicode equivalence). An entry can also hold an item id (the
/// entity a bare identifier cell resolved to), which is what an import asks for on nearly every row.
///
/// Laid out for the processor's caches, since the lookups land at random: a table of 8-byte slots (32 bits of hash,
/// 32 bits of entry number) at most half full, and the entries packed densely after it, each holding its first 16
/// key bytes as two words and its id. A lookup reads one slot and one entry; a key longer than 16 bytes is also
/// compared with its stored text. A class, so that reaching it through an array of caches does not copy its table.
/// `removeAll` keeps a run over an unusually varied column from growing without bound.
final class CellCache<Value> {
    private struct Entry {
        var a: UInt64
        var b: UInt64
        var length: Int
        /// The id kept with the key; (0, 0) for none (a ULID is never zero: it starts with its milliseconds).
        var idHigh: UInt64
        var idLow: UInt64
    }

    /// A key's bytes read into words (the first 16, zero-padded) and its hash.
    private struct Key {
        var a: UInt64
        var b: UInt64
        var length: Int
        var hash: UInt64

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let length = bytes.count
            var a: UInt64 = 0, b: UInt64 = 0
            if let base = bytes.baseAddress {
                withUnsafeMutableBytes(of: &a) { _ = memcpy($0.baseAddress!, base, min(8, length)) }
                if length > 8 { withUnsafeMutableBytes(of: &b) { _ = memcpy($0.baseAddress!, base + 8, min(8, length - 8)) } }
            }
            var h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ UInt64(length)) &* 0xC2B2_AE3D_27D4_EB4F
            if length > 16 {
                for byte in UnsafeBufferPointer(rebasing: bytes[16...]) { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
            }
            // Murmur's finaliser: every input bit reaches the low bits the table is indexed by.
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 33
            self.a = a
            self.b = b
            self.length = length
            hash = h
        }

        /// The slot's hash half: never 0, which marks an empty slot.
        var tag: UInt64 { (hash >> 32) | 1 }
    }

    /// tag << 32 | entry number; 0 for empty.
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var entries: [Entry] = []
    /// Entry n's key and value.
    private var keys: [String] = []
    private var values: [Value] = []
    var count: Int { values.count }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.capacity = size
        slots = CellCache.makeSlots(size)
    }

    deinit { slots.deallocate() }

    private static func makeSlots(_ n: Int) -> UnsafeMutablePointer<UInt64> {
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        p.initialize(repeating: 0, count: n)
        return p
    }

    /// The entry holding `key` (>= 0), or -1 - the empty slot where it would go.
    private func find(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = capacity - 1
        let tag = key.tag
        var i = Int(truncatingIfNeeded: key.hash) & mask
        return entries.withUnsafeBufferPointer { e in
            while true {
                let s = slots[i]
                if s == 0 { return -1 - i }
                if s >> 32 == tag {
                    let n = Int(s & 0xFFFF_FFFF)
                    if e[n].a == key.a && e[n].b == key.b && e[n].length == key.length
                        && (key.length <= 16 || sameBytes(keys[n], bytes)) {
                        return n
                    }
                }
                i = (i + 1) & mask
            }
        }
    }

    private func sameBytes(_ stored: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = stored
        return s.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    private func find(_ text: String) -> Int {
        var s = text
        return s.withUTF8 { find(Key($0), $0) }
    }

    func value(for text: String) -> Value? {
        let n = find(text)
        return n >= 0 ? values[n] : nil
    }

    /// The id kept with `text` by `setID`.
    func id(for text: String) -> ItemID? {
        let n = find(text)
        guard n >= 0 else { return nil }
        let e = entries[n]
        return e.idHigh == 0 && e.idLow == 0 ? nil : ItemID(high: e.idHigh, low: e.idLow)
    }

    /// Keeps `id` with a key already set.
    func setID(_ id: ItemID, for text: String) {
        let n = find(text)
        guard n >= 0 else { return }
        entries[n].idHigh = id.high
        entries[n].idLow = id.low
    }

    func set(_ value: Value, for text: String) {
        var s = text
        s.withUTF8 { bytes in
            let key = Key(bytes)
            let n = find(key, bytes)
            if n >= 0 {
                values[n] = value
                return
            }
            slots[-1 - n] = key.tag << 32 | UInt64(entries.count)
            entries.append(Entry(a: key.a, b: key.b, length: key.length, idHigh: 0, idLow: 0))
            keys.append(text)
            values.append(value)
            if values.count * 2 > capacity { grow() }
        }
    }

    func removeAll() {
        slots.deallocate()
        capacity = 2048
        slots = CellCache.makeSlots(capacity)
        entries = []
        keys = []
        values = []
    }

    /// Doubles the table; every entry goes back in at its own hash.
    private func grow() {
        slots.deallocate()
        capacity *= 2
        slots = CellCache.makeSlots(capacity)
        let mask = capacity - 1
        for n in keys.indices {
            var text = keys[n]
            let key = text.withUTF8 { Key($0) }
            var i = Int(truncatingIfNeeded: key.hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = key.tag << 32 | UInt64(n)
        }
    }
}
