#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

/// Raw cell text to a value, for the few distinct values a column repeats a million times (the phones of a calls
/// file). Keys are compared as bytes (the raw cell, not Unicode equivalence). A key of up to 16 bytes sits in its slot
/// as two words, so a probe compares integers and touches one 32-byte slot; longer keys are compared with their stored
/// text. A slot can also hold an item id (the entity a bare identifier cell resolved to), so the hot lookup of an
/// import touches one slot and nothing else. A class, so that reaching it through an array of caches does not copy
/// its table. Grows by doubling;
/// `removeAll` keeps a run over an unusually varied column from growing without bound.
final class CellCache<Value> {
    private struct Slot {
        /// 0 marks an empty slot.
        var hash: UInt64
        var a: UInt64
        var b: UInt64
        var length: UInt32
        var index: UInt32
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
            hash = h | 1
        }
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    /// Entry n's key and value (the slot holds n).
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

    private static func makeSlots(_ n: Int) -> UnsafeMutablePointer<Slot> {
        let p = UnsafeMutablePointer<Slot>.allocate(capacity: n)
        p.initialize(repeating: Slot(hash: 0, a: 0, b: 0, length: 0, index: 0, idHigh: 0, idLow: 0), count: n)
        return p
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = capacity - 1
        var i = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let s = slots[i]
            if s.hash == 0 { return i }
            if s.hash == key.hash && s.a == key.a && s.b == key.b && Int(s.length) == key.length
                && (key.length <= 16 || sameBytes(keys[Int(s.index)], bytes)) {
                return i
            }
            i = (i + 1) & mask
        }
    }

    private func sameBytes(_ stored: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = stored
        return s.withUTF8 { $0.count == bytes.count && memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    func value(for text: String) -> Value? {
        var s = text
        return s.withUTF8 { bytes in
            let key = Key(bytes)
            let s = slots[slot(key, bytes)]
            return s.hash == 0 ? nil : values[Int(s.index)]
        }
    }

    /// The id kept with `text` by `setID`.
    func id(for text: String) -> ItemID? {
        var s = text
        return s.withUTF8 { bytes in
            let key = Key(bytes)
            let s = slots[slot(key, bytes)]
            return s.hash == 0 || s.idHigh == 0 && s.idLow == 0 ? nil : ItemID(high: s.idHigh, low: s.idLow)
        }
    }

    /// Keeps `id` with a key already set.
    func setID(_ id: ItemID, for text: String) {
        var s = text
        s.withUTF8 { bytes in
            let i = slot(Key(bytes), bytes)
            guard slots[i].hash != 0 else { return }
            slots[i].idHigh = id.high
            slots[i].idLow = id.low
        }
    }

    func set(_ value: Value, for text: String) {
        var s = text
        s.withUTF8 { bytes in
            let key = Key(bytes)
            let i = slot(key, bytes)
            if slots[i].hash != 0 {
                values[Int(slots[i].index)] = value
                return
            }
            slots[i] = Slot(hash: key.hash, a: key.a, b: key.b, length: UInt32(truncatingIfNeeded: key.length),
                            index: UInt32(truncatingIfNeeded: values.count), idHigh: 0, idLow: 0)
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

    private func grow() {
        let old = slots, oldCapacity = capacity
        capacity *= 2
        slots = CellCache.makeSlots(capacity)
        let mask = capacity - 1
        for j in 0..<oldCapacity where old[j].hash != 0 {
            var i = Int(truncatingIfNeeded: old[j].hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = old[j]
        }
        old.deallocate()
    }
}
