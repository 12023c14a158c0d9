import DossierModel

/// The four lists of the items pane.
public enum ItemTab: String, CaseIterable, Sendable {
    case entities, links, events, sources

    public var kind: ItemKind {
        switch self {
        case .entities: .entity
        case .links: .link
        case .events: .event
        case .sources: .source
        }
    }
}

/// A column of the items pane: a title, a preferred width and how to show an item in it.
public struct ItemColumn: Sendable {
    public var title: String
    public var width: Int
    /// Whether sorting compares numbers/times rather than text (the sort key is then `sortKey`).
    public var value: @Sendable (Item, any ItemReader) -> String
    public var sortKey: (@Sendable (Item) -> Int64)?

    public static func columns(for tab: ItemTab) -> [ItemColumn] {
        let grade: @Sendable (Item, any ItemReader) -> String = { item, reader in
            reader.effectiveGrading(of: item.meta).map(\.description) ?? ""
        }
        let marks: @Sendable (Item, any ItemReader) -> String = { item, _ in
            (item.meta.reviewed ? "✓" : "") + (item.meta.flagged ? "⚑" : "")
        }
        let name: @Sendable (ItemID, any ItemReader) -> String = { id, reader in reader.item(id)?.displayName ?? id.description }
        switch tab {
        case .entities:
            return [
                ItemColumn(title: "Kind", width: 10, value: { i, _ in i.subkind }),
                ItemColumn(title: "Name", width: 24, value: { i, _ in i.displayName }),
                ItemColumn(title: "Identifier", width: 20, value: { i, _ in i.entity?.identifiers.first?.value ?? "" }),
                ItemColumn(title: "Grade", width: 5, value: grade),
                ItemColumn(title: "Rev", width: 3, value: marks),
            ]
        case .links:
            return [
                ItemColumn(title: "Type", width: 10, value: { i, _ in i.subkind }),
                ItemColumn(title: "From", width: 18, value: { i, r in i.link.map { name($0.from, r) } ?? "" }),
                ItemColumn(title: "To", width: 18, value: { i, r in i.link.map { name($0.to, r) } ?? "" }),
                ItemColumn(title: "Weight", width: 6, value: { i, _ in i.link.map { formatWeight($0.weight) } ?? "" },
                           sortKey: { i in Int64((i.link?.weight ?? 0) * 1000) }),
                ItemColumn(title: "Grade", width: 5, value: grade),
                ItemColumn(title: "Rev", width: 3, value: marks),
            ]
        case .events:
            return [
                ItemColumn(title: "Time", width: 16, value: { i, _ in i.event.map { compactTime($0.start) } ?? "" },
                           sortKey: { i in i.event?.start.utcMicros ?? 0 }),
                ItemColumn(title: "Kind", width: 8, value: { i, _ in i.subkind }),
                ItemColumn(title: "Summary", width: 24, value: { i, r in i.event.map { eventSummary($0, r) } ?? "" }),
                ItemColumn(title: "Amount", width: 14, value: { i, _ in i.event?.amount?.description ?? "" },
                           sortKey: { i in i.event?.amount?.tenThousandths ?? 0 }),
                ItemColumn(title: "Grade", width: 5, value: grade),
                ItemColumn(title: "Rev", width: 3, value: marks),
            ]
        case .sources:
            return [
                ItemColumn(title: "Provider", width: 14, value: { i, _ in i.source?.provider ?? "" }),
                ItemColumn(title: "Reference", width: 16, value: { i, _ in i.source?.reference ?? "" }),
                ItemColumn(title: "Grade", width: 5, value: { i, _ in i.source?.grading.description ?? "" }),
                ItemColumn(title: "Handling", width: 16, value: { i, _ in i.source?.handling?.description ?? "" }),
                ItemColumn(title: "File", width: 20, value: { i, _ in i.source?.fileName ?? "" }),
                ItemColumn(title: "Rev", width: 3, value: marks),
            ]
        }
    }

    init(title: String, width: Int, value: @escaping @Sendable (Item, any ItemReader) -> String,
         sortKey: (@Sendable (Item) -> Int64)? = nil) {
        self.title = title
        self.width = width
        self.value = value
        self.sortKey = sortKey
    }
}

/// An event's summary, or its participants' names when it has none ("Ivan → +44 7700 900123").
func eventSummary(_ event: Event, _ reader: any ItemReader) -> String {
    if !event.summary.isEmpty { return event.summary }
    let names = event.participants.prefix(3).map { reader.item($0.entity)?.displayName ?? $0.entity.description }
    return names.joined(separator: " → ")
}

/// "2024-02-10 21:15" in the time's own offset, cut to minutes (the detail card shows the full time).
func compactTime(_ t: TimePoint) -> String {
    String(t.description.prefix(16)).replacingFirstT()
}

extension String {
    fileprivate func replacingFirstT() -> String {
        guard let i = firstIndex(of: "T") else { return self }
        var s = self
        s.replaceSubrange(i...i, with: " ")
        return s
    }
}

func formatWeight(_ w: Double) -> String {
    w == w.rounded() && abs(w) < 1e15 ? String(Int64(w)) : String(w)
}

/// What an item table shows: which list of which case, in which order, through which filter.
public struct ItemTableKey: Hashable, Sendable {
    public var tab: ItemTab
    public var caseID: ItemID?
    public var sortColumn: Int
    public var ascending: Bool
    public var filter: String
}

/// The rows of one tab for one case, sorted and filtered: only ids are kept; cells are computed for visible rows.
public struct ItemTable: Sendable {
    public let tab: ItemTab
    public let caseID: ItemID?
    public let sortColumn: Int
    public let ascending: Bool
    public let filter: String
    public let version: UInt64
    public let rows: [ItemID]
    /// True for the empty stand-in shown while a large list is built in the background.
    public let isLoading: Bool

    public var key: ItemTableKey {
        ItemTableKey(tab: tab, caseID: caseID, sortColumn: sortColumn, ascending: ascending, filter: filter)
    }

    /// An empty table standing for `key` until the real one is built.
    public init(loading key: ItemTableKey) {
        tab = key.tab
        caseID = key.caseID
        sortColumn = key.sortColumn
        ascending = key.ascending
        filter = key.filter
        version = 0
        rows = []
        isLoading = true
    }

    public init(reader: any ItemReader, key: ItemTableKey, job: JobHandle? = nil) {
        self.init(reader: reader, tab: key.tab, caseID: key.caseID, sortColumn: key.sortColumn < 0 ? nil : key.sortColumn,
                  ascending: key.ascending, filter: key.filter, job: job)
    }

    /// Builds the rows. Unsorted, unfiltered event lists keep time order straight from the store's time index.
    public init(reader: any ItemReader, tab: ItemTab, caseID: ItemID?, sortColumn: Int?, ascending: Bool, filter: String,
                job: JobHandle? = nil) {
        self.isLoading = false
        self.tab = tab
        self.caseID = caseID
        self.ascending = ascending
        self.filter = filter
        self.version = reader.version
        let columns = ItemColumn.columns(for: tab)
        let column = sortColumn.map { min(max(0, $0), columns.count - 1) }
        self.sortColumn = column ?? -1
        let needle = filter.lowercased()
        var items: [Item] = []
        let total = reader.count(tab.kind, inCase: caseID)
        if tab == .events && column == nil {
            for event in reader.events(inTime: Int64.min...Int64.max, inCase: caseID) { items.append(.event(event)) }
        } else {
            reader.forEach(tab.kind, inCase: caseID) { item in
                items.append(item)
                if items.count & 8191 == 0 {
                    job?.progress(items.count, of: total)
                    if job?.isCancelled == true { return false }
                }
                return true
            }
        }
        if !needle.isEmpty {
            items = items.filter { item in columns.contains { $0.value(item, reader).lowercased().contains(needle) } }
        }
        if let c = column {
            let col = columns[c]
            if let key = col.sortKey {
                let keyed = items.map { (key($0), $0.id) }
                let sorted = keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                rows = ascending ? sorted.map(\.1) : sorted.reversed().map(\.1)
            } else {
                let keyed = items.map { ($0.id, col.value($0, reader).lowercased()) }
                let sorted = keyed.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
                rows = ascending ? sorted.map(\.0) : sorted.reversed().map(\.0)
            }
        } else {
            rows = ascending ? items.map(\.id) : items.reversed().map(\.id)
        }
    }
}
