import Synchronization

/// Read access to a workspace's committed items: what the engine, renderers, exporters and the TUI need.
///
/// The store implements it over its indexes; `InMemoryItems` implements it for tests, dry runs and small data.
/// Case filters take case ids; `nil` means every case.
public protocol ItemReader: Sendable {
    /// Changes whenever committed data changes; caches of derived results are keyed by it.
    var version: UInt64 { get }
    var cases: [Case] { get }
    func item(_ id: ItemID) -> Item?
    /// Ids of the entities carrying this normalised identifier.
    func entities(withIdentifier identifier: Identifier) -> [ItemID]
    /// Calls `body` for every item of `kind` (in `caseID`), in id order; stop by returning false.
    func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool)
    /// Events whose start lies in `range` (UTC microseconds), in time order.
    func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event]
    func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int
}

extension ItemReader {
    public func caseNamed(_ name: String) -> Case? {
        cases.first { $0.name == name } ?? cases.first { $0.name.lowercased() == name.lowercased() }
    }

    public func entity(_ id: ItemID) -> Entity? { item(id)?.entity }

    public func allEntities(inCase caseID: ItemID? = nil) -> [Entity] {
        var out: [Entity] = []
        forEach(.entity, inCase: caseID) { if let e = $0.entity { out.append(e) }; return true }
        return out
    }

    public func allLinks(inCase caseID: ItemID? = nil) -> [Link] {
        var out: [Link] = []
        forEach(.link, inCase: caseID) { if let l = $0.link { out.append(l) }; return true }
        return out
    }

    public func allEvents(inCase caseID: ItemID? = nil) -> [Event] {
        var out: [Event] = []
        forEach(.event, inCase: caseID) { if let e = $0.event { out.append(e) }; return true }
        return out
    }

    public func allItems(_ kind: ItemKind, inCase caseID: ItemID? = nil) -> [Item] {
        var out: [Item] = []
        forEach(kind, inCase: caseID) { out.append($0); return true }
        return out
    }

    /// The grading that applies to an item: its own, else its source's.
    public func effectiveGrading(of meta: ItemMeta) -> Grading? {
        meta.grading ?? meta.source.flatMap { item($0)?.source?.grading }
    }

    /// The handling that applies to an item: its own, else its source's.
    public func effectiveHandling(of meta: ItemMeta) -> HandlingCode? {
        meta.handling ?? meta.source.flatMap { item($0)?.source?.handling }
    }
}

/// A plain in-memory set of items implementing `ItemReader`: for tests, dry runs and the engine's own fixtures.
public struct InMemoryItems: ItemReader {
    public private(set) var version: UInt64 = 0
    private var items: [ItemID: Item] = [:]
    private var byIdentifier: [Identifier: [ItemID]] = [:]
    /// Each kind's items in id order, made on the first `forEach` after a change: analyses walk a kind several
    /// times, and sorting every id for each walk made a walk n log n.
    private var order = KindOrder()

    public init(_ items: [Item] = []) {
        for item in items { put(item) }
    }

    public mutating func put(_ item: Item) {
        if let old = items[item.id]?.entity {
            for identifier in old.identifiers { byIdentifier[identifier]?.removeAll { $0 == item.id } }
        }
        items[item.id] = item
        if let e = item.entity {
            for identifier in e.identifiers { byIdentifier[identifier, default: []].append(item.id) }
        }
        version &+= 1
        invalidateOrder()
    }

    public mutating func delete(_ id: ItemID) {
        if let old = items.removeValue(forKey: id)?.entity {
            for identifier in old.identifiers { byIdentifier[identifier]?.removeAll { $0 == id } }
        }
        version &+= 1
        invalidateOrder()
    }

    /// Forgets the id order after a change; a copy made before the change keeps the order it shares.
    private mutating func invalidateOrder() {
        if isKnownUniquelyReferenced(&order) { order.clear() } else { order = KindOrder() }
    }

    public mutating func apply(_ batch: ChangeBatch) {
        for change in batch.changes {
            switch change {
            case .put(let item): put(item)
            case .delete(let id, _): delete(id)
            }
        }
    }

    public var cases: [Case] { items.values.compactMap(\.caseValue).sorted { $0.name < $1.name } }

    public func item(_ id: ItemID) -> Item? { items[id] }

    public func entities(withIdentifier identifier: Identifier) -> [ItemID] { byIdentifier[identifier] ?? [] }

    public func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) {
        for item in order.items(of: kind, from: items) {
            if let c = caseID, !item.meta.cases.contains(c) { continue }
            if !body(item) { return }
        }
    }

    public func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] {
        allEvents(inCase: caseID).filter { range.contains($0.start.utcMicros) }
            .sorted { ($0.start.utcMicros, $0.meta.id) < ($1.start.utcMicros, $1.meta.id) }
    }

    public func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int {
        var n = 0
        forEach(kind, inCase: caseID) { _ in n += 1; return true }
        return n
    }
}

/// The id-ordered items of each kind for `InMemoryItems`, computed once per kind and shared by the copies that
/// hold the same items (a reader is often copied into analyses running on other threads, hence the lock).
private final class KindOrder: Sendable {
    private let lists = Mutex<[ItemKind: [Item]]>([:])

    func items(of kind: ItemKind, from all: [ItemID: Item]) -> [Item] {
        lists.withLock { cache in
            if let cached = cache[kind] { return cached }
            let sorted = all.values.filter { $0.kind == kind }.sorted { $0.id < $1.id }
            cache[kind] = sorted
            return sorted
        }
    }

    func clear() {
        lists.withLock { if !$0.isEmpty { $0 = [:] } }
    }
}
