/// A list of item ids kept as runs of consecutive ids: an id one above the id before it extends that id's run.
///
/// The ids one import makes are consecutive, so the million items a bulk import puts are a handful of runs (what the
/// audit trail names for that commit), not a 16 MB array held while the import streams and copied again when written.
/// Any list can be held: ids in no order are simply runs of one. Runs are always maximal (appending never leaves two
/// neighbouring runs that could be one), so two lists of the same ids in the same order are equal.
public struct ItemIDRuns: Hashable, Sendable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// `count` consecutive ids from `first`.
    public struct Run: Hashable, Sendable {
        public var first: ItemID
        public var count: UInt64

        public init(first: ItemID, count: UInt64) {
            self.first = first
            self.count = count
        }

        /// The id `k` places above `first` (128-bit addition: a run may cross a carry into the high word).
        public func id(at k: UInt64) -> ItemID {
            let (low, carry) = first.low.addingReportingOverflow(k)
            return ItemID(high: first.high &+ (carry ? 1 : 0), low: low)
        }

        /// The id just past the run's last.
        var end: ItemID { id(at: count) }

        func contains(_ id: ItemID) -> Bool {
            // id - first, as 128 bits, below count.
            let (low, borrow) = id.low.subtractingReportingOverflow(first.low)
            let high = id.high &- first.high &- (borrow ? 1 : 0)
            return high == 0 && low < count && !(id < first)
        }
    }

    public private(set) var runs: [Run] = []
    /// How many ids (not runs) the list holds.
    public private(set) var count = 0

    public init() {}

    public init<S: Sequence>(_ ids: S) where S.Element == ItemID {
        for id in ids { append(id) }
    }

    public init(arrayLiteral ids: ItemID...) { self.init(ids) }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ id: ItemID) {
        if let last = runs.last, last.end == id, last.count < UInt64.max {
            runs[runs.count - 1].count += 1
        } else {
            runs.append(Run(first: id, count: 1))
        }
        count += 1
    }

    /// Appends `run`'s ids (joined to the last run when they continue it). A run of no ids adds nothing.
    public mutating func append(_ run: Run) {
        guard run.count > 0 else { return }
        if let last = runs.last, last.end == run.first, last.count <= UInt64.max - run.count {
            runs[runs.count - 1].count += run.count
        } else {
            runs.append(run)
        }
        count += Int(clamping: run.count)
    }

    public mutating func append<S: Sequence>(contentsOf ids: S) where S.Element == ItemID {
        for id in ids { append(id) }
    }

    /// Whether `id` is in the list (run by run: as many steps as runs, not ids).
    public func contains(_ id: ItemID) -> Bool { runs.contains { $0.contains(id) } }

    /// The same ids as a set in ascending order, each once: the runs sorted and joined where they meet or overlap.
    /// (An import's events and the entities it allocated between them become one run again.)
    public func sortedUnique() -> ItemIDRuns {
        var out = ItemIDRuns()
        for r in runs.sorted(by: { $0.first < $1.first }) {
            guard let last = out.runs.last, !(last.end < r.first) else {
                out.append(r)
                continue
            }
            // Overlapping or touching the last run: extend it to whichever end is further.
            let end = r.end
            if last.end < end {
                let grow = end.low &- last.end.low  // less than 2^64 apart: the low words' difference
                out.runs[out.runs.count - 1].count += grow
                out.count += Int(clamping: grow)
            }
        }
        return out
    }


    public func makeIterator() -> Iterator { Iterator(runs: runs) }

    public struct Iterator: IteratorProtocol {
        let runs: [Run]
        var run = 0
        var k: UInt64 = 0

        public mutating func next() -> ItemID? {
            while run < runs.count {
                if k < runs[run].count {
                    defer { k += 1 }
                    return runs[run].id(at: k)
                }
                run += 1
                k = 0
            }
            return nil
        }
    }

    public var underestimatedCount: Int { count }

    public var description: String { Array(self).description }
}
