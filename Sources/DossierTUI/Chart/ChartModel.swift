import DossierModel
import DossierRender

/// What a link chart shows: a case's entities, or one entity's neighbourhood (the drill-down view).
public struct ChartSource: Hashable, Sendable {
    public var caseID: ItemID?
    /// The drilled-into entity: the chart is its neighbourhood (one hop, within the case).
    public var focus: ItemID?
}

/// An undirected pair of entities, for the edges of a path or a connecting network.
public struct ChartPair: Hashable, Sendable {
    public var a: ItemID
    public var b: ItemID
    public init(_ a: ItemID, _ b: ItemID) {
        self.a = min(a, b)
        self.b = max(a, b)
    }
}

/// A path or connecting network found by the engine, shown on the chart: its entities are added when missing and
/// drawn highlighted with the edges between them.
public struct ChartConnection: Sendable, Equatable {
    public var title: String
    public var nodes: [ItemID]
    public var edges: [ChartPair]
}

/// Everything a chart's layout depends on. Selection and panning are not in it: they never lay the chart out again.
struct ChartKey: Hashable, Sendable {
    struct GraphPart: Hashable, Sendable {
        var source: ChartSource
        var expanded: [ItemID]
        var version: UInt64
    }
    var graph: GraphPart
    var hidden: Set<ItemID>
    /// Entities kept when a large chart is cut down (marks, a connection's entities, expanded entities).
    var pinned: [ItemID]
    var extraNodes: [ItemID]
    var extraEdges: [ChartPair]
    var style: ChartLayoutStyle
    var zoom: ChartZoom
    var size: ChartSize
    var ascii: Bool
}

/// A chart built in the background: the graph of its source (kept so hiding, zooming or a new layout style only lay
/// it out again) and the layout drawn and panned over.
public struct ChartModel: Sendable {
    let key: ChartKey
    /// The source's graph with expansions, before hiding and cutting down.
    let graph: ChartGraph
    public let layout: ChartLayout
    /// Entities of the source the chart could hold (before hiding and cutting down).
    public let total: Int
    /// Entities left out before layout because the chart would be too large to read.
    public let cut: Int

    /// Charts larger than this are cut down to their best-connected entities before layout.
    static let maxNodes = 100
    /// The widest sheet a chart is laid out on before entities are left out (panned over in the pane).
    static let maxSheetWidth = 480

    /// Builds (or reuses) the graph for `key` and lays it out. Returns nil when cancelled.
    static func build(_ reader: any ItemReader, key: ChartKey, cached: ChartGraph?, job: JobHandle) -> ChartModel? {
        let graph = cached ?? sourceGraph(reader, key.graph, job: job)
        if job.isCancelled { return nil }
        // A path or network may run through entities the chart does not hold: add them and the pairs between them.
        var nodes = graph.nodes
        var present = Set(nodes.map(\.id))
        for id in key.extraNodes where !present.contains(id) {
            guard let e = reader.entity(id) else { continue }
            nodes.append(ChartNode(id: id, label: e.name.isEmpty ? e.kind.rawValue : e.name, kind: e.kind))
            present.insert(id)
        }
        var extraEdges: [ChartEdge] = []
        if !key.extraEdges.isEmpty {
            let existing = Set(graph.edges.map { ChartPair($0.from, $0.to) })
            for pair in key.extraEdges where !existing.contains(pair) { extraEdges.append(ChartEdge(from: pair.a, to: pair.b)) }
        }
        nodes.removeAll { key.hidden.contains($0.id) }
        var cut = 0
        if nodes.count > maxNodes {
            // Cut down before building the graph to lay out: a large case has a million merged pairs, and only the
            // pairs among the kept entities are worth merging again.
            var degree: [ItemID: Int] = [:]
            degree.reserveCapacity(nodes.count)
            for e in graph.edges { degree[e.from, default: 0] += 1; degree[e.to, default: 0] += 1 }
            let pinned = Set(key.pinned + [key.graph.source.focus].compactMap { $0 })
            let order = nodes.indices.sorted { a, b in
                let pa = pinned.contains(nodes[a].id), pb = pinned.contains(nodes[b].id)
                if pa != pb { return pa }
                let da = degree[nodes[a].id] ?? 0, db = degree[nodes[b].id] ?? 0
                return da != db ? da > db : a < b
            }
            cut = nodes.count - maxNodes
            let kept = Set(order.prefix(maxNodes))
            nodes = nodes.indices.filter { kept.contains($0) }.map { nodes[$0] }
        }
        if job.isCancelled { return nil }
        let ids = Set(nodes.map(\.id))
        let edges = graph.edges.filter { ids.contains($0.from) && ids.contains($0.to) } + extraEdges
        let shown = ChartGraph(nodes: nodes, edges: edges)
        if job.isCancelled { return nil }
        let options = ChartLayoutOptions(style: key.style, zoom: key.zoom, focus: key.graph.source.focus, seed: 1,
                                         ascii: key.ascii)
        // The pane pans, so a chart wider than the pane is fine: when entities would be left out for lack of room
        // (a wide layer of the hierarchy, say), lay out again on a wider sheet rather than drop them.
        var size = key.size
        var layout = ChartLayoutEngine.layout(shown, options: options, size: size)
        while !layout.omitted.isEmpty && size.width < maxSheetWidth && !job.isCancelled {
            size = ChartSize(width: min(maxSheetWidth, size.width * 2), height: size.height.map { $0 * 2 })
            layout = ChartLayoutEngine.layout(shown, options: options, size: size)
        }
        return ChartModel(key: key, graph: graph, layout: layout, total: graph.nodes.count, cut: cut)
    }

    /// The source's entities and the links and events between them, plus each expanded entity's neighbours across
    /// the workspace (each pair once: an expansion never doubles a count the chart already has).
    static func sourceGraph(_ reader: any ItemReader, _ part: ChartKey.GraphPart, job: JobHandle) -> ChartGraph {
        let builder = ChartGraphBuilder(reader: reader)
        let base = builder.build(caseID: part.source.caseID, focus: part.source.focus, depth: 1)
        guard !part.expanded.isEmpty else { return base }
        var nodes = base.nodes
        var edges = base.edges
        var ids = Set(nodes.map(\.id))
        var pairs = Set(edges.map { ChartPair($0.from, $0.to) })
        for id in part.expanded {
            if job.isCancelled { break }
            let around = builder.build(caseID: nil, focus: id, depth: 1)
            for node in around.nodes where ids.insert(node.id).inserted { nodes.append(node) }
            for edge in around.edges where pairs.insert(ChartPair(edge.from, edge.to)).inserted { edges.append(edge) }
        }
        return ChartGraph(nodes: nodes, edges: edges)
    }
}

/// The state of one link chart pane: how it is laid out and drawn, what is selected, marked, hidden or expanded.
public struct ChartPaneState: Sendable {
    public var style: ChartLayoutStyle = .hierarchical
    public var zoom: ChartZoom = .full
    /// The chart cell at the pane's top-left corner.
    public var pan = ChartPoint(x: 0, y: 0)
    public var selected: ItemID?
    /// Marked entities, in the order marked (two for a path, more for a connecting network).
    public var marked: [ItemID] = []
    public var hidden: Set<ItemID> = []
    public var expanded: [ItemID] = []
    public var connection: ChartConnection?
    /// Scroll to the selection at the next frame (after the selection moved or the chart was laid out anew).
    var follow = true
    /// The viewport of the last frame, for panning by a fraction of it.
    var viewport = (width: 40, height: 10)
    public internal(set) var model: ChartModel?
    var pendingKey: ChartKey?

    public init() {}

    public var layout: ChartLayout? { model?.layout }

    /// The selected node's index in the layout.
    var selectedIndex: Int? { selected.flatMap { layout?.nodeIndex(of: $0) } }

    /// Keeps the selection on a node of the current layout (the focus entity, else the first node).
    mutating func settleSelection(focus: ItemID?) {
        guard let layout, !layout.nodes.isEmpty else { return }
        if let s = selected, layout.nodeIndex(of: s) != nil { return }
        selected = focus.flatMap { layout.nodeIndex(of: $0) != nil ? $0 : nil } ?? layout.nodes[0].id
        follow = true
    }

    /// Moves the selection to the nearest node in a direction (dx, dy are -1, 0 or 1): the node whose centre lies in
    /// that direction with the least distance, counting sideways distance double.
    mutating func moveSelection(dx: Int, dy: Int) -> Bool {
        guard let layout, let from = selectedIndex else { return false }
        let c = ChartPaneState.centre(layout.nodes[from].rect)
        var best: (Int, Int)?
        for (i, node) in layout.nodes.enumerated() where i != from {
            let p = ChartPaneState.centre(node.rect)
            let ax = (p.x - c.x) * dx, ay = (p.y - c.y) * dy
            let along = dx != 0 ? ax : ay
            let across = dx != 0 ? abs(p.y - c.y) : abs(p.x - c.x)
            guard along > 0 else { continue }
            // Rows are about twice as tall as columns are wide: weigh vertical distance double.
            let score = (dx != 0 ? along : along * 2) + 2 * (dx != 0 ? across * 2 : across)
            if best == nil || score < best!.1 || (score == best!.1 && i < best!.0) { best = (i, score) }
        }
        guard let (i, _) = best else { return false }
        selected = layout.nodes[i].id
        follow = true
        return true
    }

    static func centre(_ r: Rect) -> (x: Int, y: Int) { (r.x * 2 + r.width, r.y * 2 + r.height) }

    /// Pans by a fraction of the viewport, kept inside the chart.
    mutating func panBy(dx: Int, dy: Int) {
        pan.x += dx * max(1, viewport.width / 4)
        pan.y += dy * max(1, viewport.height / 4)
        clampPan()
        follow = false
    }

    mutating func clampPan() {
        guard let layout else { return }
        pan.x = max(0, min(pan.x, layout.width - viewport.width))
        pan.y = max(0, min(pan.y, layout.height - viewport.height))
    }

    /// Scrolls the least needed so the selected node is inside the viewport (centred when it is far off).
    mutating func scrollToSelection() {
        guard let layout, let i = selectedIndex else { return }
        let r = layout.nodes[i].rect
        if r.x < pan.x || r.maxX > pan.x + viewport.width { pan.x = r.x + r.width / 2 - viewport.width / 2 }
        if r.y < pan.y || r.maxY > pan.y + viewport.height { pan.y = r.y + r.height / 2 - viewport.height / 2 }
        clampPan()
    }

    mutating func centreOnSelection() {
        guard let layout, let i = selectedIndex else { return }
        let r = layout.nodes[i].rect
        pan = ChartPoint(x: r.x + r.width / 2 - viewport.width / 2, y: r.y + r.height / 2 - viewport.height / 2)
        clampPan()
    }
}
