extension Correlator {
    /// What a block key is made of.
    enum BlockSort: UInt64 {
        /// A normalised identifier.
        case identifier = 1
        /// A name key (a pair of name words' primary sound keys, or a one-word name's key).
        case name
        /// A name key with the date of birth.
        case nameAndBirth
        /// One name word's sound key with the date of birth.
        case wordAndBirth
    }

    /// A block key as numbers (see `DescribeMemo`): the work per record and key is a hash of three integers, not a
    /// key string built, hashed and kept.
    struct BlockKey: Equatable {
        /// The sort in the high half, the kind class number in the low half (0 for identifiers, whatever the kind).
        var sortAndKind: UInt64
        /// An identifier's number, a name key (`NameKey`), or a sound key's number.
        var value: UInt64
        /// The date of birth's number, or 0.
        var birth: UInt64

        init(_ sort: BlockSort, kind: Int32 = 0, value: UInt64, birth: Int32 = 0) {
            sortAndKind = sort.rawValue << 32 | UInt64(UInt32(bitPattern: kind))
            self.value = value
            self.birth = UInt64(UInt32(bitPattern: birth))
        }

        var sort: BlockSort { BlockSort(rawValue: sortAndKind >> 32) ?? .identifier }
        var kind: Int { Int(sortAndKind & 0xFFFF_FFFF) }

        var hash: UInt64 {
            var h = sortAndKind &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ value) &* 0xBF58_476D_1CE4_E5B9
            h = (h ^ birth) &* 0x94D0_49BB_1331_11EB
            return h ^ (h >> 31)
        }
    }

    /// A name key as one number: two sound-key numbers (the smaller in the high half), or one and `single`.
    enum NameKey {
        static let single: UInt64 = 0xFFFF_FFFF
        static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
            UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
        }
        static func one(_ a: Int32) -> UInt64 { UInt64(UInt32(a)) << 32 | single }
        /// The key as the earlier key strings spelled it ("SM0", or "AN|SM0" with the two in string order).
        static func spelled(_ key: UInt64, _ names: [String]) -> String {
            let a = names[Int(key >> 32)]
            guard key & single != single else { return a }
            let b = names[Int(key & single)]
            return a < b ? a + "|" + b : b + "|" + a
        }
    }

    /// The blocks, numbered in order of first appearance, each with its members in ascending record order. Keys go
    /// into an open-addressing table of block numbers; (block, record) entries are then grouped by a counting sort,
    /// so building costs a constant per record and key however many blocks there are.
    struct BlockTable {
        private(set) var keys: [BlockKey] = []
        private var slots: [Int32]
        private var mask: Int
        private var entryBlock: [Int32] = []
        private var entryRecord: [Int32] = []

        init(expectedEntries: Int) {
            var capacity = 16
            while capacity < 2 * expectedEntries { capacity <<= 1 }
            slots = [Int32](repeating: -1, count: capacity)
            mask = capacity - 1
            entryBlock.reserveCapacity(expectedEntries)
            entryRecord.reserveCapacity(expectedEntries)
        }

        /// Puts `record` in the block of `key` (a record adds each of its keys once).
        mutating func add(_ key: BlockKey, record: Int32) {
            var s = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let b = slots[s]
                if b < 0 {
                    let n = Int32(keys.count)
                    slots[s] = n
                    keys.append(key)
                    entryBlock.append(n)
                    break
                }
                if keys[Int(b)] == key { entryBlock.append(b); break }
                s = (s + 1) & mask
            }
            entryRecord.append(record)
            if keys.count * 2 > slots.count { grow() }
        }

        private mutating func grow() {
            let capacity = slots.count * 2
            slots = [Int32](repeating: -1, count: capacity)
            mask = capacity - 1
            for (b, key) in keys.enumerated() {
                var s = Int(truncatingIfNeeded: key.hash) & mask
                while slots[s] >= 0 { s = (s + 1) & mask }
                slots[s] = Int32(b)
            }
        }

        /// Block `b`'s members are `members[start[b]..<start[b + 1]]`, in the order they were added.
        func grouped() -> (start: [Int32], members: [Int32]) {
            var start = [Int32](repeating: 0, count: keys.count + 1)
            for b in entryBlock { start[Int(b) + 1] += 1 }
            for b in 0..<keys.count { start[b + 1] += start[b] }
            var next = start
            var members = [Int32](repeating: 0, count: entryRecord.count)
            for (e, b) in entryBlock.enumerated() {
                members[Int(next[Int(b)])] = entryRecord[e]
                next[Int(b)] += 1
            }
            return (start, members)
        }
    }
}

extension Correlator {
    /// A crowded name block's members ordered by birth year, undated first (ties by record), in one reused buffer:
    /// the pairs such a block may make are then neighbours in this order.
    struct CrowdOrder {
        private(set) var sorted: [Int32] = []

        mutating func group(_ members: ArraySlice<Int32>, birthYear: [Int32]) {
            sorted.removeAll(keepingCapacity: true)
            sorted.append(contentsOf: members)
            sorted.sort { (birthYear[Int($0)], $0) < (birthYear[Int($1)], $1) }
        }
    }
}
