import DossierModel

/// Builds a `ChartGraph` from committed items: entities are nodes; links, and events joining participants, are edges.
///
/// - Links join their two entities (directed when the link is).
/// - An event joins its participants: from each origin role (caller, payer, sender) to each destination role
///   (receiver, payee, recipient) when it has both, else every pair undirected; its place is joined to each participant.
/// - Repeated links/events between one pair become one edge with a count (see `ChartGraph`).
/// - With a case, the chart holds the case's entities and the entities its links and events reach.
/// - With a focus, only the neighbourhood of the focus up to `depth` hops is kept.
public struct ChartGraphBuilder {
    public var reader: any ItemReader
    /// Overrides a node's group (e.g. communities computed by the engine); nodes not listed are grouped by case.
    public var groups: [ItemID: String]

    public init(reader: any ItemReader, groups: [ItemID: String] = [:]) {
        self.reader = reader
        self.groups = groups
    }

    public func build(caseID: ItemID? = nil, focus: ItemID? = nil, depth: Int = 1) -> ChartGraph {
        var entityIDs = Set<ItemID>()
        reader.forEach(.entity, inCase: caseID) { item in entityIDs.insert(item.id); return true }
        var edges: [ChartEdge] = []
        reader.forEach(.link, inCase: caseID) { item in
            if let l = item.link, l.from != l.to {
                edges.append(ChartEdge(from: l.from, to: l.to, directed: l.directed, label: l.type.rawValue))
            }
            return true
        }
        reader.forEach(.event, inCase: caseID) { item in
            if let e = item.event { edges.append(contentsOf: ChartGraphBuilder.edges(of: e)) }
            return true
        }
        // Entities reached by the case's links and events belong on its chart even when not filed in the case.
        for e in edges { entityIDs.insert(e.from); entityIDs.insert(e.to) }
        var entities = entityIDs.sorted().compactMap { reader.entity($0) }
        let present = Set(entities.map(\.meta.id))
        edges.removeAll { !present.contains($0.from) || !present.contains($0.to) }

        if let focus, present.contains(focus) {
            let keep = ChartGraphBuilder.neighbourhood(of: focus, depth: max(0, depth), edges: edges)
            entities.removeAll { !keep.contains($0.meta.id) }
            edges.removeAll { !keep.contains($0.from) || !keep.contains($0.to) }
        } else if focus != nil {
            entities = []
            edges = []
        }

        let caseNames = Dictionary(reader.cases.map { ($0.meta.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let nodes = entities.map { e in
            ChartNode(id: e.meta.id, label: e.name.isEmpty ? e.kind.rawValue : e.name, kind: e.kind,
                      group: groups[e.meta.id] ?? ChartGraphBuilder.caseGroup(e.meta.cases, names: caseNames))
        }
        return ChartGraph(nodes: nodes, edges: edges)
    }

    /// The edges an event draws between its participants (and its place).
    static func edges(of event: Event) -> [ChartEdge] {
        let label = event.kind.rawValue
        var people: [ItemID] = []
        var places: [ItemID] = []
        for p in event.participants {
            if p.role == .location { places.append(p.entity) } else { people.append(p.entity) }
        }
        if let place = event.place { places.append(place) }
        var out: [ChartEdge] = []
        let origins = event.participants.filter { $0.role.isOrigin }.map(\.entity)
        let destinations = event.participants.filter { $0.role.isDestination }.map(\.entity)
        if !origins.isEmpty && !destinations.isEmpty {
            for o in origins { for d in destinations where o != d { out.append(ChartEdge(from: o, to: d, directed: true, label: label)) } }
            let directedSet = Set(origins + destinations)
            let others = people.filter { !directedSet.contains($0) }
            for o in others { for p in directedSet where o != p { out.append(ChartEdge(from: p, to: o, directed: false, label: label)) } }
        } else {
            for i in people.indices {
                for j in people.indices where j > i && people[i] != people[j] {
                    out.append(ChartEdge(from: people[i], to: people[j], directed: false, label: label))
                }
            }
        }
        for place in Set(places).sorted() {
            for p in Set(people).sorted() where p != place {
                out.append(ChartEdge(from: p, to: place, directed: false, label: label))
            }
        }
        return out
    }

    /// Ids within `depth` hops of `focus`, following edges both ways.
    static func neighbourhood(of focus: ItemID, depth: Int, edges: [ChartEdge]) -> Set<ItemID> {
        var adjacency: [ItemID: [ItemID]] = [:]
        for e in edges {
            adjacency[e.from, default: []].append(e.to)
            adjacency[e.to, default: []].append(e.from)
        }
        var seen: Set<ItemID> = [focus]
        var frontier = [focus]
        for _ in 0..<depth where !frontier.isEmpty {
            var next: [ItemID] = []
            for v in frontier { for w in adjacency[v] ?? [] where !seen.contains(w) { seen.insert(w); next.append(w) } }
            frontier = next
        }
        return seen
    }

    private static func caseGroup(_ cases: [ItemID], names: [ItemID: String]) -> String {
        cases.compactMap { names[$0] }.min() ?? ""
    }

    /// Resolves a full id, a unique id prefix (at least 4 characters) or an entity name (exact, then case-insensitive).
    public static func resolveEntity(_ text: String, in reader: any ItemReader) -> ItemID? {
        if let id = ItemID(text), reader.entity(id) != nil { return id }
        let lower = text.lowercased()
        var exact: [ItemID] = [], folded: [ItemID] = [], prefixed: [ItemID] = []
        reader.forEach(.entity, inCase: nil) { item in
            guard let e = item.entity else { return true }
            if e.name == text { exact.append(e.meta.id) }
            if e.name.lowercased() == lower { folded.append(e.meta.id) }
            if lower.count >= 4 && e.meta.id.description.hasPrefix(lower) { prefixed.append(e.meta.id) }
            return true
        }
        if exact.count == 1 { return exact[0] }
        if folded.count == 1 { return folded[0] }
        if prefixed.count == 1 { return prefixed[0] }
        return nil
    }
}
