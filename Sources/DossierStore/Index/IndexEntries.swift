import DossierModel

/// Where a record's frame lies: segment number, byte offset of the frame, total frame length.
struct RecordRef: Hashable {
    var segment: UInt32
    var offset: UInt32
    var length: UInt32
}

/// id → record. Sorted by id. Plain fixed-size structs so snapshots are written and read as raw arrays.
struct IDEntry: Comparable {
    var high: UInt64
    var low: UInt64
    var segment: UInt32
    var offset: UInt32
    var length: UInt32
    var kind: UInt8

    init(_ id: ItemID, _ ref: RecordRef, kind: UInt8) {
        high = id.high; low = id.low
        segment = ref.segment; offset = ref.offset; length = ref.length
        self.kind = kind
    }

    var id: ItemID { ItemID(high: high, low: low) }
    var ref: RecordRef { RecordRef(segment: segment, offset: offset, length: length) }

    static func < (a: IDEntry, b: IDEntry) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }
    static func == (a: IDEntry, b: IDEntry) -> Bool { a.high == b.high && a.low == b.low }
}

/// hashed key (identifier or name) → id. Sorted by (key, id).
struct KeyEntry: Comparable {
    var key: UInt64
    var high: UInt64
    var low: UInt64

    var id: ItemID { ItemID(high: high, low: low) }

    static func < (a: KeyEntry, b: KeyEntry) -> Bool {
        a.key != b.key ? a.key < b.key : (a.high != b.high ? a.high < b.high : a.low < b.low)
    }
    static func == (a: KeyEntry, b: KeyEntry) -> Bool { a.key == b.key && a.high == b.high && a.low == b.low }
}

/// event start → event record. Sorted by (start, id).
struct TimeEntry: Comparable {
    var micros: Int64
    var high: UInt64
    var low: UInt64
    var segment: UInt32
    var offset: UInt32
    var length: UInt32

    var ref: RecordRef { RecordRef(segment: segment, offset: offset, length: length) }

    static func < (a: TimeEntry, b: TimeEntry) -> Bool {
        a.micros != b.micros ? a.micros < b.micros : (a.high != b.high ? a.high < b.high : a.low < b.low)
    }
    static func == (a: TimeEntry, b: TimeEntry) -> Bool { a.micros == b.micros && a.high == b.high && a.low == b.low }
}

/// case → member item (with its kind). Sorted by (case, item id).
struct CaseEntry: Comparable {
    var caseHigh: UInt64
    var caseLow: UInt64
    var high: UInt64
    var low: UInt64
    var kind: UInt8

    var id: ItemID { ItemID(high: high, low: low) }

    static func < (a: CaseEntry, b: CaseEntry) -> Bool {
        if a.caseHigh != b.caseHigh { return a.caseHigh < b.caseHigh }
        if a.caseLow != b.caseLow { return a.caseLow < b.caseLow }
        return a.high != b.high ? a.high < b.high : a.low < b.low
    }
    static func == (a: CaseEntry, b: CaseEntry) -> Bool {
        a.caseHigh == b.caseHigh && a.caseLow == b.caseLow && a.high == b.high && a.low == b.low
    }
}

/// The index keys one item contributes.
struct IndexKeys {
    var kind: UInt8
    var cases: [ItemID]
    var identifiers: [UInt64]
    var names: [UInt64]
    var start: Int64?

    static func kindCode(_ k: ItemKind) -> UInt8 {
        switch k {
        case .case: 0
        case .entity: 1
        case .link: 2
        case .event: 3
        case .source: 4
        case .note: 5
        case .judgement: 6
        case .analyst: 7
        }
    }

    static func kind(_ code: UInt8) -> ItemKind { ItemCodec.tags[Int(code & 7)] }

    /// The keys of an event starting at `start` in `cases` (already free of repeats).
    init(eventStart start: Int64, cases: [ItemID]) {
        kind = 3
        self.cases = cases
        identifiers = []
        names = []
        self.start = start
    }

    init(_ item: Item) {
        kind = IndexKeys.kindCode(item.kind)
        cases = item.meta.cases
        identifiers = []
        names = []
        start = nil
        switch item {
        case .entity(let e):
            identifiers = Array(Set(e.identifiers.map(KeyHash.identifier)))
            names = [KeyHash.name(e.name)]
        case .case(let c):
            names = [KeyHash.name(c.name)]
        case .event(let e):
            start = e.start.utcMicros
        default:
            break
        }
        if cases.count > 1 { cases = Array(Set(cases)) }
    }
}

/// Stable 64-bit hashes of index keys (FNV-1a with a final avalanche). Collisions are harmless: every hit is
/// checked against the decoded item.
enum KeyHash {
    static func bytes(_ s: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    static func identifier(_ i: Identifier) -> UInt64 { bytes(i.scheme.rawValue + ":" + i.value, seed: 1) }
    static func name(_ n: String) -> UInt64 { bytes(n, seed: 2) }
}

/// A fast 64-bit checksum for index snapshots (four multiply-rotate lanes over 32-byte blocks).
enum FastChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var a = seed &+ p1, b = seed &+ p2, c = seed, d = seed &- p1
        @inline(__always) func round(_ acc: UInt64, _ v: UInt64) -> UInt64 {
            let x = acc &+ v &* p2
            return ((x << 31) | (x >> 33)) &* p1
        }
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return seed }
        while i + 32 <= n {
            a = round(a, base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = round(b, base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = round(c, base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = round(d, base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        while i < n {
            h = round(h, UInt64(base.load(fromByteOffset: i, as: UInt8.self)))
            i += 1
        }
        h ^= UInt64(n)
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        return h
    }
}

/// Sorted-array helpers shared by the indexes.
enum SortedArrays {
    /// First index whose element is not less than `key`.
    @inline(__always)
    static func lowerBound<T>(_ a: UnsafeBufferPointer<T>, _ less: (T) -> Bool) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if less(a[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func lowerBound<T>(_ a: Column<T>, _ less: (T) -> Bool) -> Int {
        a.withUnsafeBufferPointer { lowerBound($0, less) }
    }

    /// `a` merged with `b` (both sorted).
    static func merge<T: Comparable>(_ a: [T], _ b: [T]) -> [T] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        if let last = a.last, let first = b.first, last < first { return a + b }
        var out: [T] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        if i < a.count { out.append(contentsOf: a[i...]) }
        if j < b.count { out.append(contentsOf: b[j...]) }
        return out
    }

    /// Merges sorted `small` into sorted `big` in place (from the back: `big` is not copied unless it must grow).
    static func mergeInPlace<T: Comparable>(_ big: inout [T], _ small: [T]) {
        if small.isEmpty { return }
        if big.isEmpty { big = small; return }
        if let last = big.last, let first = small.first, last < first { big.append(contentsOf: small); return }
        var i = big.count - 1, j = small.count - 1
        big.append(contentsOf: small)
        var k = big.count - 1
        while j >= 0 {
            if i >= 0 && small[j] < big[i] {
                big[k] = big[i]
                i -= 1
            } else {
                big[k] = small[j]
                j -= 1
            }
            k -= 1
        }
    }

    /// `a` without the elements equal to one in `removals` (both sorted).
    static func removing<T: Comparable>(_ a: Column<T>, _ removals: [T]) -> [T] {
        if removals.isEmpty { return a.elements }
        var out: [T] = []
        out.reserveCapacity(a.count)
        var j = 0
        for x in a {
            while j < removals.count && removals[j] < x { j += 1 }
            if j < removals.count && removals[j] == x { continue }
            out.append(x)
        }
        return out
    }
}
