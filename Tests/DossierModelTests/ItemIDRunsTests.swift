import Testing
import DossierModel

@Suite struct ItemIDRunsTests {
    let base = ItemID(high: 0x0190_0000_0000_1234, low: 100)

    func id(_ k: UInt64) -> ItemID { ItemID(high: base.high, low: base.low + k) }

    /// Consecutive ids join one run; a gap or a step back starts another; order and repeats are kept.
    @Test func appendKeepsOrderInMaximalRuns() {
        var list = ItemIDRuns()
        for k: UInt64 in [0, 1, 2, 5, 6, 3, 3] { list.append(id(k)) }
        #expect(list.count == 7)
        #expect(list.runs == [.init(first: id(0), count: 3), .init(first: id(5), count: 2), .init(first: id(3), count: 1),
                              .init(first: id(3), count: 1)])
        #expect(Array(list) == [id(0), id(1), id(2), id(5), id(6), id(3), id(3)])
        // The same ids appended as runs, split differently, make an equal list.
        var byRuns = ItemIDRuns()
        byRuns.append(.init(first: id(0), count: 1))
        byRuns.append(.init(first: id(1), count: 2))
        byRuns.append(.init(first: id(5), count: 0))
        byRuns.append(.init(first: id(5), count: 2))
        byRuns.append(contentsOf: [id(3), id(3)])
        #expect(byRuns == list)
        #expect(ItemIDRuns([id(0), id(1)]) != ItemIDRuns([id(1), id(0)]))
    }

    /// A run crosses the low word's carry into the high word.
    @Test func runsCrossTheLowWordCarry() {
        let top = ItemID(high: 7, low: UInt64.max - 1)
        let list = ItemIDRuns([top, ItemID(high: 7, low: UInt64.max), ItemID(high: 8, low: 0), ItemID(high: 8, low: 1)])
        #expect(list.runs == [.init(first: top, count: 4)])
        #expect(Array(list) == [top, ItemID(high: 7, low: UInt64.max), ItemID(high: 8, low: 0), ItemID(high: 8, low: 1)])
        #expect(list.contains(ItemID(high: 8, low: 0)))
        #expect(!list.contains(ItemID(high: 8, low: 2)))
        #expect(!list.contains(ItemID(high: 7, low: UInt64.max - 2)))
        #expect(!list.contains(ItemID(high: 9, low: 0)))
    }

    /// Sorted and unique: runs put back in id order, overlaps counted once, touching runs joined.
    @Test func sortedUniqueJoinsWhatTouchesOrOverlaps() {
        var list = ItemIDRuns()
        list.append(.init(first: id(10), count: 5))  // 10...14
        list.append(id(3))
        list.append(.init(first: id(0), count: 3))  // 0...2 touches 3
        list.append(.init(first: id(12), count: 6))  // 12...17 overlaps 10...14
        list.append(id(20))
        list.append(id(20))
        let s = list.sortedUnique()
        #expect(s.runs == [.init(first: id(0), count: 4), .init(first: id(10), count: 8), .init(first: id(20), count: 1)])
        #expect(s.count == 13)
        #expect(Array(s) == (0...3).map(id) + (10...17).map(id) + [id(20)])
        #expect(ItemIDRuns().sortedUnique().isEmpty)
    }

    /// An import's shape: events numbered with gaps where entities were numbered, the entities put after them.
    @Test func anImportsIDsBecomeOneRun() {
        var put = ItemIDRuns()
        var entities: [ItemID] = []
        for k: UInt64 in 0..<10_000 {
            if k % 97 == 0 { entities.append(id(k)) } else { put.append(id(k)) }
        }
        put.append(contentsOf: entities)
        #expect(put.count == 10_000)
        #expect(put.runs.count == 2 * entities.count)  // the events between entities, then each entity
        #expect(put.sortedUnique().runs == [.init(first: id(0), count: 10_000)])
    }
}
