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
/// Laid out for the processor's caches, since the lookups land at random: an open-addressing table at most half full
/// whose slots hold everything a lookup of an id needs (the key's first 16 bytes as two words, its length, part of
/// its hash, the entry number, the id), so a lookup reads one slot: one cache miss, not two. A key longer than 16
/// bytes is also compared with its stored text; values and texts are kept by entry number beside the table. A class,
/// so that reaching it through an array of caches does not copy its table. `removeAll` keeps a run over an unusually
/// varied column from growing without bound.
final class CellCache<Value> {
    private struct Slot {
        var a: UInt64
        var b: UInt64
        /// tag << 32 | entry number; 0 for an empty slot.
        var entry: UInt64
        /// The key's length, and the id kept with the key ((0, 0) for none: a ULID is never zero, it starts with its
        /// milliseconds).
        var length: Int
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

    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var capacity: Int
    /// Entry n's key and value.
    @exclusivity(unchecked) private var keys: [String] = []
    @exclusivity(unchecked) private var values: [Value] = []
    var count: Int { values.count }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        self.capacity = size
        slots = CellCache.makeSlots(size)
    }

    deinit { slots.deallocate() }

    private static func makeSlots(_ n: Int) -> UnsafeMutablePointer<Slot> {
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: n)
        p.initialize(repeating: Slot(a: 0, b: 0, entry: 0, length: 0, idHigh: 0, idLow: 0), count: n)
        return p
    }

    /// The slot holding `key` (>= 0), or -1 - the empty slot where it would go.
    private func find(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = capacity - 1
        let tag = key.tag
        let slots = self.slots
        var i = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let s = slots[i].entry
            if s == 0 { return -1 - i }
            if s >> 32 == tag && slots[i].a == key.a && slots[i].b == key.b && slots[i].length == key.length
                && (key.length <= 16 || sameBytes(keys[Int(s & 0xFFFF_FFFF)], bytes)) {
                return i
            }
            i = (i + 1) & mask
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

    /// The value kept for the cell `bytes`.
    func value(forBytes bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        let i = find(Key(bytes), bytes)
        return i >= 0 ? values[Int(slots[i].entry & 0xFFFF_FFFF)] : nil
    }

    /// The id kept with the cell `bytes` by `setID`.
    @inline(__always)
    func id(forBytes bytes: UnsafeBufferPointer<UInt8>) -> ItemID? {
        let i = find(Key(bytes), bytes)
        guard i >= 0 else { return nil }
        let s = slots[i]
        return s.idHigh == 0 && s.idLow == 0 ? nil : ItemID(high: s.idHigh, low: s.idLow)
    }

    func value(for text: String) -> Value? {
        let i = find(text)
        return i >= 0 ? values[Int(slots[i].entry & 0xFFFF_FFFF)] : nil
    }

    /// The id kept with `text` by `setID`.
    func id(for text: String) -> ItemID? {
        let i = find(text)
        guard i >= 0 else { return nil }
        let s = slots[i]
        return s.idHigh == 0 && s.idLow == 0 ? nil : ItemID(high: s.idHigh, low: s.idLow)
    }

    /// Keeps `id` with a key already set.
    func setID(_ id: ItemID, for text: String) {
        let i = find(text)
        guard i >= 0 else { return }
        slots[i].idHigh = id.high
        slots[i].idLow = id.low
    }

    func set(_ value: Value, for text: String) {
        var s = text
        s.withUTF8 { bytes in
            let key = Key(bytes)
            let i = find(key, bytes)
            if i >= 0 {
                values[Int(slots[i].entry & 0xFFFF_FFFF)] = value
                return
            }
            slots[-1 - i] = Slot(a: key.a, b: key.b, entry: key.tag << 32 | UInt64(values.count), length: key.length,
                                 idHigh: 0, idLow: 0)
            keys.append(text)
            values.append(value)
            if values.count * 2 > capacity { grow() }
        }
    }

    func removeAll() {
        slots.deallocate()
        capacity = 2048
        slots = CellCache.makeSlots(capacity)
        keys = []
        values = []
    }

    /// Doubles the table; every slot goes to its place by its own hash.
    private func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        slots = CellCache.makeSlots(capacity)
        let mask = capacity - 1
        for j in 0..<oldCapacity where old[j].entry != 0 {
            var text = keys[Int(old[j].entry & 0xFFFF_FFFF)]
            let key = text.withUTF8 { Key($0) }
            var i = Int(truncatingIfNeeded: key.hash) & mask
            while slots[i].entry != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
