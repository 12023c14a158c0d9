import DossierModel

/// One entity on a link chart.
public struct ChartNode: Hashable, Sendable {
    public var id: ItemID
    public var label: String
    public var kind: EntityKind
    /// What the node is grouped by in the grouped layout: a case name or a community label ("" = none).
    public var group: String

    public init(id: ItemID, label: String, kind: EntityKind, group: String = "") {
        self.id = id
        self.label = label
        self.kind = kind
        self.group = group
    }
}

/// Which ends of a chart edge carry an arrowhead.
public enum ChartArrow: String, Hashable, Sendable {
    /// An undirected relation (associate, family, a meeting).
    case none
    /// From `from` to `to` (a call from caller to receiver, a payment from payer to payee).
    case forward
    /// Directed relations in both directions between the pair (A called B and B called A).
    case both
}

/// One drawn connection between two chart nodes. Repeated links and events between one pair are merged into one
/// edge whose `count` says how many there were.
public struct ChartEdge: Hashable, Sendable {
    public var from: ItemID
    public var to: ItemID
    public var arrow: ChartArrow
    public var label: String
    public var count: Int

    public init(from: ItemID, to: ItemID, arrow: ChartArrow = .none, label: String = "", count: Int = 1) {
        self.from = from
        self.to = to
        self.arrow = arrow
        self.label = label
        self.count = max(1, count)
    }

    public init(from: ItemID, to: ItemID, directed: Bool, label: String = "", count: Int = 1) {
        self.init(from: from, to: to, arrow: directed ? .forward : .none, label: label, count: count)
    }

    public var directed: Bool { arrow != .none }
}

/// The input of a link chart: nodes and the edges between them.
///
/// The initialiser keeps the first node of each id, drops edges whose ends are not nodes and self-loops, and merges
/// edges between one pair (in either direction) into one edge with the summed count, so a chart draws each pair once.
public struct ChartGraph: Hashable, Sendable {
    public private(set) var nodes: [ChartNode]
    public private(set) var edges: [ChartEdge]
    private var indexByID: [ItemID: Int]

    public init(nodes: [ChartNode], edges: [ChartEdge]) {
        var kept: [ChartNode] = []
        var index: [ItemID: Int] = [:]
        for node in nodes where index[node.id] == nil {
            index[node.id] = kept.count
            kept.append(node)
        }
        self.nodes = kept
        self.indexByID = index
        self.edges = ChartGraph.merge(edges, index: index)
    }

    public static let empty = ChartGraph(nodes: [], edges: [])

    public func index(of id: ItemID) -> Int? { indexByID[id] }
    public func node(_ id: ItemID) -> ChartNode? { indexByID[id].map { nodes[$0] } }

    /// Node index pairs of the edges, in edge order.
    public var endpoints: [(Int, Int)] {
        edges.map { (indexByID[$0.from] ?? 0, indexByID[$0.to] ?? 0) }
    }

    /// Number of edges at each node (merged edges count once).
    public var degrees: [Int] {
        var d = [Int](repeating: 0, count: nodes.count)
        for (a, b) in endpoints { d[a] += 1; d[b] += 1 }
        return d
    }

    /// The graph restricted to the nodes at `indices` (kept in the graph's order) and the edges between them.
    public func subgraph(_ indices: some Sequence<Int>) -> ChartGraph {
        let keep = Set(indices)
        let ids = Set(keep.map { nodes[$0].id })
        return ChartGraph(nodes: nodes.indices.filter { keep.contains($0) }.map { nodes[$0] },
                          edges: edges.filter { ids.contains($0.from) && ids.contains($0.to) })
    }

    /// Merges edges by unordered pair. The merged edge keeps the first edge's orientation; arrows combine
    /// (forward + reverse = both; any undirected member makes the pair undirected); labels are the distinct labels
    /// by descending frequency joined with "/" (at most two, then "+").
    private static func merge(_ edges: [ChartEdge], index: [ItemID: Int]) -> [ChartEdge] {
        struct Accumulator {
            var edge: ChartEdge
            var forward = 0, backward = 0, undirected = 0
            var labelCounts: [String: Int] = [:]
            var labelOrder: [String] = []
        }
        var byPair: [PairKey: Int] = [:]
        var acc: [Accumulator] = []
        for e in edges {
            guard let a = index[e.from], let b = index[e.to], a != b else { continue }
            let key = PairKey(min(a, b), max(a, b))
            let slot: Int
            if let s = byPair[key] {
                slot = s
            } else {
                slot = acc.count
                byPair[key] = slot
                var first = ChartEdge(from: e.from, to: e.to, arrow: .none, label: "")
                first.count = 0
                acc.append(Accumulator(edge: first))
            }
            let sameWay = acc[slot].edge.from == e.from
            switch e.arrow {
            case .none: acc[slot].undirected += e.count
            case .forward: if sameWay { acc[slot].forward += e.count } else { acc[slot].backward += e.count }
            case .both: acc[slot].forward += e.count; acc[slot].backward += e.count
            }
            acc[slot].edge.count += e.count
            if !e.label.isEmpty {
                if acc[slot].labelCounts[e.label] == nil { acc[slot].labelOrder.append(e.label) }
                acc[slot].labelCounts[e.label, default: 0] += e.count
            }
        }
        return acc.map { a in
            var edge = a.edge
            if a.undirected > 0 {
                edge.arrow = .none
            } else if a.forward > 0 && a.backward > 0 {
                edge.arrow = .both
            } else if a.backward > 0 {
                edge = ChartEdge(from: edge.to, to: edge.from, arrow: .forward, count: edge.count)
            } else {
                edge.arrow = .forward
            }
            let ranked = a.labelOrder.enumerated().sorted {
                let ca = a.labelCounts[$0.element] ?? 0, cb = a.labelCounts[$1.element] ?? 0
                return ca != cb ? ca > cb : $0.offset < $1.offset
            }.map(\.element)
            edge.label = ranked.prefix(2).joined(separator: "/") + (ranked.count > 2 ? "+" : "")
            edge.count = max(1, edge.count)
            return edge
        }
    }
}

struct PairKey: Hashable {
    let a: Int
    let b: Int
    init(_ a: Int, _ b: Int) { self.a = a; self.b = b }
}

/// Index adjacency of a chart graph, the form every layout works on.
struct ChartTopology {
    let count: Int
    let endpoints: [(Int, Int)]
    /// Neighbours of each node (each merged edge once), in edge order.
    let neighbours: [[Int]]
    /// For directed edges, whether the edge points from endpoints.0 to endpoints.1.
    let directed: [Bool]

    init(_ graph: ChartGraph) {
        self.init(count: graph.nodes.count, endpoints: graph.endpoints, directed: graph.edges.map { $0.arrow == .forward })
    }

    init(count: Int, endpoints: [(Int, Int)], directed: [Bool]) {
        self.count = count
        self.endpoints = endpoints
        self.directed = directed
        var n = [[Int]](repeating: [], count: count)
        for (a, b) in endpoints { n[a].append(b); n[b].append(a) }
        neighbours = n
    }

    /// The topology restricted to `members` (renumbered 0..<members.count in that order).
    func induced(_ members: [Int]) -> ChartTopology {
        var local = [Int: Int]()
        for (i, v) in members.enumerated() { local[v] = i }
        var ends: [(Int, Int)] = [], dir: [Bool] = []
        for (k, (a, b)) in endpoints.enumerated() {
            if let la = local[a], let lb = local[b] { ends.append((la, lb)); dir.append(directed[k]) }
        }
        return ChartTopology(count: members.count, endpoints: ends, directed: dir)
    }

    var degrees: [Int] { neighbours.map(\.count) }

    /// Connected components, each as node indices in ascending order; components ordered by their smallest index.
    func components() -> [[Int]] {
        var seen = [Bool](repeating: false, count: count)
        var out: [[Int]] = []
        for start in 0..<count where !seen[start] {
            var comp: [Int] = [start]
            seen[start] = true
            var head = 0
            while head < comp.count {
                let v = comp[head]; head += 1
                for w in neighbours[v] where !seen[w] { seen[w] = true; comp.append(w) }
            }
            out.append(comp.sorted())
        }
        return out
    }
}
