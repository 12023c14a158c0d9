/// Raw cell text to a value, for the few distinct values a column repeats a million times (the phones of a calls
/// file): one FNV-1a pass over the bytes and a linear probe, cheaper than `Dictionary<String, _>`'s seeded SipHash.
/// A class, so that reaching it through an array of caches does not copy its tables. Grows by doubling; `removeAll` keeps a run over an unusually varied column from growing without bound.
final class CellCache<Value> {
    private var keys: [String?]
    private var hashes: [UInt64]
    private var values: [Value?]
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
    }

    static func hash(_ text: String) -> UInt64 {
        var s = text
        return s.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            // FNV's low bits mix poorly (keys differing in their last digits): finish with murmur's avalanche.
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            h = h &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 33
            return h | 1  // 0 marks an empty slot
        }
    }

    /// The slot holding `text`, or the empty slot where it would go.
    private func slot(_ text: String, _ h: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 {
            if hashes[i] == h && keys[i] == text { return i }
            i = (i + 1) & mask
        }
        return i
    }

    func value(for text: String) -> Value? {
        values[slot(text, CellCache.hash(text))]
    }

    func set(_ value: Value, for text: String) {
        let h = CellCache.hash(text)
        let i = slot(text, h)
        if hashes[i] == 0 {
            if (count + 1) * 2 > keys.count {
                grow()
                set(value, for: text)
                return
            }
            keys[i] = text
            hashes[i] = h
            count += 1
        }
        values[i] = value
    }

    func removeAll() {
        keys = Array(repeating: nil, count: 2048)
        hashes = Array(repeating: 0, count: 2048)
        values = Array(repeating: nil, count: 2048)
        count = 0
    }

    private func grow() {
        let old = (keys, hashes, values)
        keys = Array(repeating: nil, count: old.0.count * 2)
        hashes = Array(repeating: 0, count: keys.count)
        values = Array(repeating: nil, count: keys.count)
        count = 0
        for i in old.0.indices {
            guard let k = old.0[i], let v = old.2[i] else { continue }
            let j = slot(k, old.1[i])
            keys[j] = k
            hashes[j] = old.1[i]
            values[j] = v
            count += 1
        }
    }
}
