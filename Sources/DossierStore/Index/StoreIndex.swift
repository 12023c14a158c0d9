#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DossierModel

/// One change to apply to the index: a put (with where its record is and the keys it carries) or a delete.
struct IndexOp {
    var id: ItemID
    var ref: RecordRef?
    var keys: IndexKeys?
}

/// The index entries of new items made ahead of their commit (a streamed import's events, as their chunks are
/// written): plain fixed-size entries instead of one `IndexOp` each, and no work left for the commit but merging.
/// Every id is new to the index, and ids increase.
///
/// Kept in fixed-size pieces rather than arrays that double: growing never copies what is there (nor holds it twice
/// while it does), and the commit gathers the pieces into the index's arrays one at a time, freeing each as it goes.
struct FreshEntries {
    private(set) var ids = Pieces<IDEntry>()
    private(set) var times = Pieces<TimeEntry>()
    private(set) var members = Pieces<CaseEntry>()

    var count: Int { ids.count }
    var lastID: ItemID? { ids.last?.id }

    /// Adds the entries of a new item at `ref` (an id above every id added before).
    mutating func add(_ id: ItemID, _ ref: RecordRef, _ keys: IndexKeys) {
        ids.append(IDEntry(id, ref, kind: keys.kind))
        if let s = keys.start {
            times.append(TimeEntry(micros: s, high: id.high, low: id.low, segment: ref.segment, offset: ref.offset, length: ref.length))
        }
        for c in keys.cases {
            members.append(CaseEntry(caseHigh: c.high, caseLow: c.low, high: id.high, low: id.low, kind: keys.kind))
        }
    }

    /// Whether `id` is one of these entries'.
    func contains(_ id: ItemID) -> Bool {
        ids.containsSorted { $0.high != id.high ? $0.high < id.high : $0.low < id.low } equal: { $0.high == id.high && $0.low == id.low }
    }

    /// The entries as arrays with room for `extra` more each, leaving this empty.
    mutating func take(extra: Int) -> (ids: [IDEntry], times: [TimeEntry], members: [CaseEntry]) {
        (ids.take(extra: extra), times.take(extra: extra), members.take(extra: extra))
    }
}

/// An append-only sequence of plain fixed-size values kept in pieces of 4 MiB, each its own anonymous mapping, so
/// that a piece freed gives its memory back to the system at once (freed heap blocks of that size may stay resident).
/// Pieces are shared when the value is copied: only one copy may be appended to (the stream state's).
struct Pieces<Element> {
    private var pieces: [MappedPiece<Element>] = []
    private(set) var count = 0

    var last: Element? { pieces.last.flatMap { $0.count > 0 ? $0.base[$0.count - 1] : nil } }

    mutating func append(_ e: Element) {
        if pieces.isEmpty || pieces[pieces.count - 1].isFull { pieces.append(MappedPiece()) }
        pieces[pieces.count - 1].append(e)
        count += 1
    }

    /// Whether an element equal by `equal` is present, the elements being sorted by `less` (less than the key).
    func containsSorted(_ less: (Element) -> Bool, equal: (Element) -> Bool) -> Bool {
        // The first piece whose last element is not less than the key, then within it.
        var lo = 0, hi = pieces.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            let p = pieces[mid]
            if p.count > 0 && less(p.base[p.count - 1]) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < pieces.count else { return false }
        let buf = UnsafeBufferPointer(start: pieces[lo].base, count: pieces[lo].count)
        let i = SortedArrays.lowerBound(buf, less)
        return i < buf.count && equal(buf[i])
    }

    func forEach(_ body: (Element) -> Void) {
        for p in pieces { for i in 0..<p.count { body(p.base[i]) } }
    }

    /// All elements in one array with room for `extra` more; each piece is unmapped once copied, so the array and
    /// the pieces are never held whole at the same time.
    mutating func take(extra: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count + extra)
        for i in pieces.indices {
            out.append(contentsOf: UnsafeBufferPointer(start: pieces[i].base, count: pieces[i].count))
            pieces[i] = MappedPiece.empty
        }
        pieces = []
        count = 0
        return out
    }
}

/// One piece of `Pieces`: 4 MiB of anonymous memory (from the heap when the system refuses a mapping).
final class MappedPiece<Element>: @unchecked Sendable {
    static var bytes: Int { 4 << 20 }
    static var empty: MappedPiece { MappedPiece(capacity: 0) }
    let base: UnsafeMutablePointer<Element>
    let capacity: Int
    private(set) var count = 0
    private let mapped: Bool

    init(capacity wanted: Int? = nil) {
        let n = wanted ?? max(1, Self.bytes / MemoryLayout<Element>.stride)
        capacity = n
        let size = max(1, n * MemoryLayout<Element>.stride)
        if n > 0, let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED {
            base = p.bindMemory(to: Element.self, capacity: n)
            mapped = true
        } else {
            base = .allocate(capacity: max(1, n))
            mapped = false
        }
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(base), capacity * MemoryLayout<Element>.stride) } else { base.deallocate() }
    }

    var isFull: Bool { count == capacity }

    func append(_ e: Element) {
        (base + count).initialize(to: e)
        count += 1
    }
}

/// The in-memory indexes of a workspace, as sorted arrays of fixed-size entries (cheap to snapshot, cheap to load,
/// binary-searched). Values live in the segments; the index only says where.
struct StoreIndex {
    var ids = Column<IDEntry>()
    var identifiers = Column<KeyEntry>()
    var names = Column<KeyEntry>()
    var times = Column<TimeEntry>()
    var caseMembers = Column<CaseEntry>()
    var kindCounts: [Int] = Array(repeating: 0, count: 8)

    func position(of id: ItemID) -> Int? {
        ids.withUnsafeBufferPointer { buf -> Int? in
            let i = SortedArrays.lowerBound(buf) { $0.high != id.high ? $0.high < id.high : $0.low < id.low }
            return i < buf.count && buf[i].high == id.high && buf[i].low == id.low ? i : nil
        }
    }

    func entry(_ id: ItemID) -> IDEntry? { position(of: id).map { ids[$0] } }

    /// Ids carrying the hashed key, in id order.
    func ids(forKey key: UInt64, in array: Column<KeyEntry>) -> [ItemID] {
        array.withUnsafeBufferPointer { buf -> [ItemID] in
            var i = SortedArrays.lowerBound(buf) { $0.key < key }
            var out: [ItemID] = []
            while i < buf.count && buf[i].key == key {
                out.append(buf[i].id)
                i += 1
            }
            return out
        }
    }

    /// The index range of `caseMembers` belonging to `caseID`.
    func members(of caseID: ItemID) -> Range<Int> {
        caseMembers.withUnsafeBufferPointer { buf -> Range<Int> in
            let lo = SortedArrays.lowerBound(buf) {
                $0.caseHigh != caseID.high ? $0.caseHigh < caseID.high : $0.caseLow < caseID.low
            }
            var hi = lo
            while hi < buf.count && buf[hi].caseHigh == caseID.high && buf[hi].caseLow == caseID.low { hi += 1 }
            return lo..<hi
        }
    }

    /// The index range of `times` whose start lies in `range`.
    func times(in range: ClosedRange<Int64>) -> Range<Int> {
        times.withUnsafeBufferPointer { buf -> Range<Int> in
            let lo = SortedArrays.lowerBound(buf) { $0.micros < range.lowerBound }
            let hi = SortedArrays.lowerBound(buf) { $0.micros <= range.upperBound }
            return lo..<max(lo, hi)
        }
    }

    /// Applies changes in order (the last change to an id wins). `oldKeys` gives the keys of an item's version
    /// already in the index, so its stale entries can be removed; nil when that record cannot be read.
    mutating func apply(_ ops: [IndexOp], oldKeys: (IDEntry) -> IndexKeys?) {
        var none = FreshEntries()
        apply(ops, fresh: &none, oldKeys: oldKeys)
    }

    /// The same, with entries of new items made ahead (`fresh`, no op may concern their ids), which are taken over
    /// (moved into the index, not copied: `fresh` is left empty).
    mutating func apply(_ ops: [IndexOp], fresh: inout FreshEntries, oldKeys: (IDEntry) -> IndexKeys?) {
        if ops.isEmpty && fresh.count == 0 { return }
        // The last op per id, in id order.
        var final: [IndexOp]
        var sortedUnique = true
        for i in 1..<max(1, ops.count) where !(ops[i - 1].id < ops[i].id) {
            sortedUnique = false
            break
        }
        if sortedUnique {
            final = ops
        } else {
            let order = ops.indices.sorted { ops[$0].id != ops[$1].id ? ops[$0].id < ops[$1].id : $0 < $1 }
            final = []
            final.reserveCapacity(order.count)
            for (n, i) in order.enumerated() where n + 1 == order.count || ops[order[n + 1]].id != ops[i].id {
                final.append(ops[i])
            }
        }

        var newIDs: [IDEntry] = [], removedIDs: [IDEntry] = []
        var addIdent: [KeyEntry] = [], remIdent: [KeyEntry] = []
        var addName: [KeyEntry] = [], remName: [KeyEntry] = []
        var addTime: [TimeEntry] = [], remTime: [TimeEntry] = []
        var addCase: [CaseEntry] = [], remCase: [CaseEntry] = []
        var unreadableOld: Set<ItemID> = []
        addTime.reserveCapacity(final.count)
        newIDs.reserveCapacity(final.count)

        func keyEntries(_ keys: [UInt64], _ id: ItemID) -> [KeyEntry] {
            keys.map { KeyEntry(key: $0, high: id.high, low: id.low) }
        }

        for op in final {
            let id = op.id
            if let i = position(of: id) {
                let old = ids[i]
                kindCounts[Int(old.kind & 7)] -= 1
                if let k = oldKeys(old) {
                    remIdent += keyEntries(k.identifiers, id)
                    remName += keyEntries(k.names, id)
                    if let s = k.start {
                        remTime.append(TimeEntry(micros: s, high: id.high, low: id.low, segment: 0, offset: 0, length: 0))
                    }
                    for c in k.cases {
                        remCase.append(CaseEntry(caseHigh: c.high, caseLow: c.low, high: id.high, low: id.low, kind: 0))
                    }
                } else {
                    unreadableOld.insert(id)
                }
                if let ref = op.ref, let keys = op.keys {
                    ids[i] = IDEntry(id, ref, kind: keys.kind)
                } else {
                    removedIDs.append(old)
                }
            } else if let ref = op.ref, let keys = op.keys {
                newIDs.append(IDEntry(id, ref, kind: keys.kind))
            }
            guard let ref = op.ref, let keys = op.keys else { continue }
            kindCounts[Int(keys.kind & 7)] += 1
            addIdent += keyEntries(keys.identifiers, id)
            addName += keyEntries(keys.names, id)
            if let s = keys.start {
                addTime.append(TimeEntry(micros: s, high: id.high, low: id.low, segment: ref.segment, offset: ref.offset,
                                         length: ref.length))
            }
            for c in keys.cases {
                addCase.append(CaseEntry(caseHigh: c.high, caseLow: c.low, high: id.high, low: id.low, kind: keys.kind))
            }
        }

        if fresh.count > 0 {
            // The few entries of the ops go into the many made ahead, in place.
            fresh.ids.forEach { kindCounts[Int($0.kind & 7)] += 1 }
            var (freshIDs, freshTimes, freshMembers) = fresh.take(extra: max(newIDs.count, addTime.count, addCase.count))
            SortedArrays.mergeInPlace(&freshIDs, newIDs)
            newIDs = []
            swap(&newIDs, &freshIDs)
            freshTimes.append(contentsOf: addTime)
            addTime = []
            swap(&addTime, &freshTimes)
            if !Self.isSorted(addCase) { addCase.sort() }
            if !Self.isSorted(freshMembers) { freshMembers.sort() }
            SortedArrays.mergeInPlace(&freshMembers, addCase)
            addCase = []
            swap(&addCase, &freshMembers)
        }
        ids = Column(SortedArrays.merge(SortedArrays.removing(ids, removedIDs), newIDs))
        if !unreadableOld.isEmpty {
            identifiers.removeAll { unreadableOld.contains($0.id) }
            names.removeAll { unreadableOld.contains($0.id) }
            times.removeAll { unreadableOld.contains(ItemID(high: $0.high, low: $0.low)) }
            caseMembers.removeAll { unreadableOld.contains($0.id) }
        }
        identifiers = Self.update(identifiers, remove: &remIdent, add: &addIdent)
        names = Self.update(names, remove: &remName, add: &addName)
        times = Self.update(times, remove: &remTime, add: &addTime)
        caseMembers = Self.update(caseMembers, remove: &remCase, add: &addCase)
    }

    /// `a` without `remove` and with `add`; both are sorted in place (a streamed import's entries are not copied)
    /// and taken.
    private static func update<T: Comparable>(_ a: Column<T>, remove: inout [T], add: inout [T]) -> Column<T> {
        if remove.isEmpty && add.isEmpty { return a }
        if !Self.isSorted(remove) { remove.sort() }
        if !Self.isSorted(add) { add.sort() }
        var taken: [T] = []
        swap(&taken, &add)
        return Column(SortedArrays.merge(SortedArrays.removing(a, remove), taken))
    }

    private static func isSorted<T: Comparable>(_ a: [T]) -> Bool {
        var i = 1
        while i < a.count {
            if a[i] < a[i - 1] { return false }
            i += 1
        }
        return true
    }
}
