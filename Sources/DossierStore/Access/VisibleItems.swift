import DossierModel

/// A workspace as one analyst may see it: restricted cases they are not among, and the items only in those cases,
/// are left out of every read. Built by `AccessPolicy.visibleItems(_:for:)`; the engine, renderers and exporters can
/// take it wherever they take an `ItemReader`.
public struct VisibleItems: ItemReader {
    public let base: any ItemReader
    /// The case ids hidden from the analyst.
    public let hidden: Set<ItemID>

    public init(_ base: any ItemReader, hiding hidden: Set<ItemID>) {
        self.base = base
        self.hidden = hidden
    }

    public var version: UInt64 { base.version }

    public var cases: [Case] { base.cases.filter { !hidden.contains($0.meta.id) } }

    public func item(_ id: ItemID) -> Item? {
        guard let item = base.item(id), AccessPolicy.isVisible(item, hidden: hidden) else { return nil }
        return item
    }

    public func entities(withIdentifier identifier: Identifier) -> [ItemID] {
        let ids = base.entities(withIdentifier: identifier)
        if hidden.isEmpty { return ids }
        return ids.filter { item($0) != nil }
    }

    public func forEach(_ kind: ItemKind, inCase caseID: ItemID?, _ body: (Item) -> Bool) {
        if let c = caseID, hidden.contains(c) { return }
        if hidden.isEmpty { return base.forEach(kind, inCase: caseID, body) }
        base.forEach(kind, inCase: caseID) { item in
            AccessPolicy.isVisible(item, hidden: hidden) ? body(item) : true
        }
    }

    public func events(inTime range: ClosedRange<Int64>, inCase caseID: ItemID?) -> [Event] {
        if let c = caseID, hidden.contains(c) { return [] }
        let events = base.events(inTime: range, inCase: caseID)
        if hidden.isEmpty { return events }
        return events.filter { AccessPolicy.isVisible(.event($0), hidden: hidden) }
    }

    public func count(_ kind: ItemKind, inCase caseID: ItemID?) -> Int {
        if let c = caseID, hidden.contains(c) { return 0 }
        if hidden.isEmpty { return base.count(kind, inCase: caseID) }
        var n = 0
        forEach(kind, inCase: caseID) { _ in n += 1; return true }
        return n
    }
}
