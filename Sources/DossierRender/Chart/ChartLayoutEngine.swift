// Link charts in text: layout, orthogonal routing and drawing. No terminal here.
//
// Public API (used by `dossier chart`, case reports and the TUI's chart pane):
//
//   var graph = ChartGraphBuilder(reader: workspace).build(caseID: c, focus: id, depth: 2)  // or ChartGraph(nodes:edges:)
//   graph = graph.groupedByCommunity()                            // optional: groups = Louvain communities
//   let layout = ChartLayoutEngine.layout(graph, options: ChartLayoutOptions(style: .hierarchical, zoom: .full,
//                                         focus: id, seed: 1), size: ChartSize(width: 120, height: 40))
//   layout.nodes[i].rect          node boxes (grid cells from (0, 0)), in layout.graph.nodes order (.id, .kind, .text)
//   layout.edges[k].points        orthogonal polyline from border cell to border cell; .edge (index into
//                                 layout.graph.edges), .from/.to (node indices), .arrow, .label; .cells for every cell
//   layout.omitted / .notes       what was left out so the chart fits, and the footer line(s) saying so
//   layout.stats                  crossings, bends, counts and size (`--stats`)
//   ChartRenderer.draw(layout, into: &canvas, region: pane, offset: ChartPoint(x: panX, y: panY), glyphs: .unicode,
//                      palette: ChartPalette(theme: theme), highlight: ChartHighlight(nodes: path, edges: pathEdges))
//   ChartRenderer.text(layout, glyphs: .ascii, width: 100) -> [String]   plain lines (plus notes) for a report
//   ChartPainter.paints(layout, glyphs:)  the same drawing as positioned text runs with roles, for custom backends
//
// Zoom levels are `ChartZoom` (.full labels, .short labels, .dots = one cell per node); layouts are
// `ChartLayoutStyle`. To hide a node or expand neighbours, build a new `ChartGraph` (e.g. `graph.subgraph(...)`, or
// the builder with a larger depth) and lay it out again: the same graph and options always give the same chart.
//
// Guarantees (property-tested on seeded random graphs, up to 300 nodes): node boxes never overlap; no edge passes
// through a box; no cleanly routed edge runs along another (edges only cross, straight through); a link the router
// cannot place cleanly (after rip-up and reroute) is drawn dotted on a fallback path (`RoutedEdge.fallback`, counted
// in `unroutedEdges` and `stats.dottedEdges`), never dropped silently; every node of `layout.graph` is placed exactly once
// and every input node is either placed or listed in `omitted`; the layout fits `size` (a larger graph is summarised:
// the nodes with the fewest links are left out and `notes` says how many); `stats.crossings` is what is drawn (┼).
import DossierModel

public enum ChartLayoutEngine {
    /// Lays out and routes `graph` to fit `size`.
    public static func layout(_ graph: ChartGraph, options: ChartLayoutOptions = ChartLayoutOptions(),
                              size: ChartSize) -> ChartLayout {
        let run = LayoutRun(graph: graph, options: options, size: size)
        return run.result()
    }
}

/// One layout request: sizes the boxes, places, summarises when needed, routes, labels and crops.
struct LayoutRun {
    let graph: ChartGraph
    let options: ChartLayoutOptions
    let size: ChartSize
    let degrees: [Int]
    let labelWidth: Int
    /// Force-directed positions of the whole graph by node id, reused for every summary tried.
    let forcePositions: [ItemID: (Double, Double)]

    init(graph: ChartGraph, options: ChartLayoutOptions, size: ChartSize) {
        self.graph = graph
        self.options = options
        self.size = size
        degrees = graph.degrees
        let wanted = options.zoom == .short ? options.shortLabelWidth : options.fullLabelWidth
        labelWidth = max(1, min(wanted, size.width - 4))
        if options.style == .force && !graph.nodes.isEmpty {
            let p = ForcePlacement.simulate(ChartTopology(graph), seed: options.seed)
            var byID: [ItemID: (Double, Double)] = [:]
            for (i, node) in graph.nodes.enumerated() { byID[node.id] = p[i] }
            forcePositions = byID
        } else {
            forcePositions = [:]
        }
    }

    var gaps: (x: Int, y: Int) {
        switch (options.zoom, options.style) {
        case (.dots, _): (2, 1)
        case (_, .hierarchical): (3, 2)
        default: (4, 2)
        }
    }

    func result() -> ChartLayout {
        guard !graph.nodes.isEmpty, size.width > 0, size.height.map({ $0 > 0 }) ?? true else {
            return ChartLayout(graph: .empty, style: options.style, width: 0, height: 0, nodes: [], edges: [],
                               titles: [], omitted: graph.nodes.map(\.id), unroutedEdges: 0)
        }
        var laid = fitted(reserveRows: 0)
        if laid.unroutedEdges > 0 || !laid.omitted.isEmpty, let h = size.height, laid.height + 1 > h {
            laid = fitted(reserveRows: 1)  // room for the footer line
        }
        return laid
    }

    /// Node indices by importance: the focus first, then by degree, then input order.
    private var ranking: [Int] {
        let focusIndex = options.focus.flatMap { graph.index(of: $0) }
        return graph.nodes.indices.sorted { a, b in
            if a == focusIndex || b == focusIndex { return a == focusIndex && b != focusIndex }
            return degrees[a] != degrees[b] ? degrees[a] > degrees[b] : a < b
        }
    }

    /// The whole graph if it fits, else the largest top-ranked subset that does (placement decides the size;
    /// routing stays inside it, so only the chosen subset is routed).
    private func fitted(reserveRows: Int) -> ChartLayout {
        let limit = ChartSize(width: size.width, height: size.height.map { max(0, $0 - reserveRows) })
        var chosen = graph
        var placed = place(graph, limit: limit, gapBonus: roomBonus(graph))
        if placed == nil {
            let rank = ranking
            var lo = 0, hi = graph.nodes.count - 1  // lo fits (trivially for 0), hi is the largest count to try
            var best: (ChartTopology, [NodeBox], Placement)?
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                let sub = graph.subgraph(rank.prefix(mid))
                if let p = place(sub, limit: limit, gapBonus: roomBonus(sub)) { lo = mid; best = p } else { hi = mid - 1 }
            }
            chosen = graph.subgraph(rank.prefix(lo))
            placed = best ?? (lo > 0 ? place(chosen, limit: limit, gapBonus: roomBonus(chosen)) : nil)
        }
        var out = placed.flatMap { attempt(chosen, placed: $0, limit: limit) }
            ?? ChartLayout(graph: .empty, style: options.style, width: 0, height: 0, nodes: [], edges: [], titles: [],
                           omitted: [], unroutedEdges: 0)
        let shown = Set(out.graph.nodes.map(\.id))
        out.omitted = graph.nodes.map(\.id).filter { !shown.contains($0) }
        return out
    }

    /// Extra gap for charts with many links, so their channels have room and links need not run beside boxes
    /// (over the boxes' ports) or detour. Dense packings (force, grouped) need about m / (3·√n) parallel lanes
    /// between rows and columns of boxes (a random link spans a third of the chart, with √n corridors each way);
    /// sparse ones (circular, radial) already have room, and the layered layout sizes its own channels.
    private func roomBonus(_ sub: ChartGraph) -> Int {
        guard sub.edges.count > 120, options.zoom != .dots else { return 0 }
        switch options.style {
        case .force, .grouped:
            let lanes = Double(sub.edges.count) / (3 * Double(max(1, sub.nodes.count)).squareRoot())
            return 2 * Int(lanes.rounded(.up))
        case .hierarchical: return 2
        case .circular, .radial: return 0
        }
    }

    /// Routes `sub` on its placement; with unrouted edges, tries once more with wider gaps.
    private func attempt(_ sub: ChartGraph, placed: (ChartTopology, [NodeBox], Placement), limit: ChartSize) -> ChartLayout? {
        guard !sub.nodes.isEmpty else { return nil }
        let first = build(sub, placed: placed, limit: limit)
        // Large charts are not laid out twice: the time is better spent elsewhere (see the router's tuning).
        if first.unroutedEdges == 0 || sub.edges.count > 120 { return first }
        if let again = place(sub, limit: limit, gapBonus: roomBonus(sub) + 2) {
            let second = build(sub, placed: again, limit: limit)
            if second.unroutedEdges < first.unroutedEdges { return second }
        }
        return first
    }

    /// Boxes and their placement, when it fits `limit`.
    private func place(_ sub: ChartGraph, limit: ChartSize, gapBonus: Int) -> (ChartTopology, [NodeBox], Placement)? {
        guard !sub.nodes.isEmpty else { return nil }
        let topology = ChartTopology(sub)
        let boxes = sub.nodes.enumerated().map { i, node in nodeBox(node, degree: topology.neighbours[i].count) }
        let gx = gaps.x + gapBonus, gy = gaps.y + gapBonus / 2
        let aspect = limit.height.map { Double(limit.width) / Double(max(1, $0)) } ?? 3
        let seedPositions: [(Double, Double)]? = options.style == .force
            ? sub.nodes.map { forcePositions[$0.id] ?? (0, 0) } : nil
        let ctx = PlacementContext(topology: topology, boxes: boxes, groups: sub.nodes.map(\.group),
                                   focus: (options.focus.flatMap { sub.index(of: $0) }), seed: options.seed,
                                   gapX: gx, gapY: gy, aspect: aspect, maxWidth: limit.width, seedPositions: seedPositions)
        let placement: Placement
        switch options.style {
        case .hierarchical: placement = HierarchicalPlacement.place(ctx)
        case .force: placement = ForcePlacement.place(ctx)
        case .circular: placement = CircularPlacement.place(ctx)
        case .radial: placement = RadialPlacement.place(ctx)
        case .grouped: placement = GroupedPlacement.place(ctx)
        }
        let bounds = placement.bounds
        guard bounds.width <= limit.width, bounds.height <= (limit.height ?? Int.max) else { return nil }
        return (topology, boxes, placement)
    }

    private func build(_ sub: ChartGraph, placed: (ChartTopology, [NodeBox], Placement), limit: ChartSize) -> ChartLayout {
        let (topology, boxes, laid) = placed
        var placement = laid
        let bounds = placement.bounds
        // Routing room around the boxes, within the limit.
        let marginX = min(2, (limit.width - bounds.width) / 2)
        let marginY = min(2, ((limit.height ?? Int.max / 2) - bounds.height) / 2)
        placement.translate(dx: marginX - bounds.x, dy: marginY - bounds.y)
        let gridW = bounds.width + 2 * marginX, gridH = bounds.height + 2 * marginY
        var obstacles = placement.rects
        for t in placement.titles { obstacles.append(Rect(x: t.x, y: t.y, width: DisplayWidth.of(t.text), height: 1)) }
        var router = OrthogonalRouter(width: gridW, height: gridH, obstacles: obstacles)
        let large = topology.endpoints.count > 120
        if large {
            router.tuning = .large
            // Grouped: more states in all (1.2M), as its links between groups start with the second search (below),
            // but 12,000 per second search, not 30,000: on the benchmark's 300-node chart the searches that fail spend
            // less, so more links find a route within the chart's states; 14% fewer states expanded, 7% fewer
            // crossings (8,000, was 8,592), as many dotted links (95) as with 30,000 per search and 1.4M in all.
            // Hierarchical: 12,000 per second search and 850,000 in all: on the same bench 10% fewer states
            // (1.13M, was 1.25M), 4,288 crossings (was 4,372), 17 dotted links (was 16).
            var retry = OrthogonalRouter.Tuning.loose
            switch options.style {
            case .grouped:
                retry.expansionBudget = 12_000
                router.extraWork = 1_200_000
            case .hierarchical:
                retry.expansionBudget = 12_000
                router.extraWork = 850_000
            case .force, .circular, .radial:
                router.extraWork = 1_000_000
            }
            router.retryTuning = retry
        }
        let rects = placement.rects
        let length = topology.endpoints.map { manhattan(rects[$0.0], rects[$0.1]) }
        let order = topology.endpoints.indices.sorted { length[$0] != length[$1] ? length[$0] < length[$1] : $0 < $1 }
        var paths = [[ChartPoint]?](repeating: nil, count: topology.endpoints.count)
        var failed: [Int] = []
        for k in order {
            let (a, b) = topology.endpoints[k]
            // Grouped, large: a link between two groups' blocks is long (it leaves its block); its windowed first search
            // mostly fails after spending its whole budget (on the benchmark's 300-node chart 194 of about 330 did), so
            // it goes straight to the second search, with more second-search states for the chart (1.4M, not 1.0M).
            // Any layout, large: so does a link whose boxes' centres are more cells apart than an eighth of the first
            // search's budget (the path alone takes that many states; detours around the boxes and bundles in between
            // take the rest). On the benchmark's 300-node charts, of the first searches of links 400 cells or more
            // long 15 of 66 found a route (hierarchical), 80 of 188 (circular), 7 of 76 (radial).
            let long = large && length[k] / 2 >= router.tuning.expansionBudget / 8
            let direct = long || (large && options.style == .grouped && sub.nodes[a].group != sub.nodes[b].group)
            if let points = router.route(id: Int32(k), from: rects[a], to: rects[b], direct: direct) {
                paths[k] = points
            } else {
                failed.append(k)
            }
        }
        // Rip-up and reroute: an edge that found no route takes the path with the fewest conflicts; the edges in its
        // way are routed again, each at most a few times (negotiation stops; what is left is drawn dotted).
        var ripped = [Int](repeating: 0, count: topology.endpoints.count)
        var round = 0
        while !failed.isEmpty && round < 2 {
            round += 1
            var next: [Int] = []
            for k in failed where paths[k] == nil {
                let (a, b) = topology.endpoints[k]
                guard ripped[k] < 3, let (points, victims) = router.ripUp(id: Int32(k), from: rects[a], to: rects[b],
                                                                                      maxVictims: 6) else {
                    next.append(k)
                    continue
                }
                paths[k] = points
                for v32 in victims {
                    let v = Int(v32)
                    paths[v] = nil
                    ripped[v] += 1
                    let (va, vb) = topology.endpoints[v]
                    if let again = router.route(id: v32, from: rects[va], to: rects[vb]) { paths[v] = again } else { next.append(v) }
                }
            }
            failed = next
        }
        failed = topology.endpoints.indices.filter { paths[$0] == nil }
        var routed: [RoutedEdge] = []
        for k in topology.endpoints.indices {
            guard let points = paths[k] else { continue }
            let (a, b) = topology.endpoints[k]
            routed.append(RoutedEdge(edge: k, from: a, to: b, points: points, arrow: sub.edges[k].arrow, label: nil))
        }
        // Rip-up and reroute the crossed edges (twice round), each against all the others.
        for _ in 0..<(large ? 0 : 2) {
            var changed = false
            for i in routed.indices where router.isCrossed(Int32(routed[i].edge)) {
                let (a, b) = (routed[i].from, routed[i].to)
                if let points = router.reroute(id: Int32(routed[i].edge), from: rects[a], to: rects[b]) {
                    routed[i].points = points
                    changed = true
                }
            }
            if !changed { break }
        }
        // Links with no clean route are still drawn (dotted), on a path that only avoids the boxes.
        for k in failed {
            let (a, b) = topology.endpoints[k]
            if let points = router.fallbackRoute(from: rects[a], to: rects[b]) {
                routed.append(RoutedEdge(edge: k, from: a, to: b, points: points, arrow: sub.edges[k].arrow, label: nil,
                                         fallback: true))
            }
        }
        routed.sort { $0.edge < $1.edge }
        if options.edgeLabels { placeLabels(&routed, edges: sub.edges, router: router) }
        let nodes = sub.nodes.enumerated().map { i, node in
            PlacedNode(id: node.id, kind: node.kind, rect: rects[i], text: boxes[i].text)
        }
        var layout = ChartLayout(graph: sub, style: options.style, width: gridW, height: gridH, nodes: nodes,
                                 edges: routed, titles: placement.titles, omitted: [], unroutedEdges: failed.count)
        LayoutRun.crop(&layout)
        return layout
    }

    private func manhattan(_ a: Rect, _ b: Rect) -> Int {
        abs((a.x * 2 + a.width) - (b.x * 2 + b.width)) + abs((a.y * 2 + a.height) - (b.y * 2 + b.height))
    }

    /// The box for a node: "│g label│" three rows high, wider (then taller) when it has more links than border cells.
    func nodeBox(_ node: ChartNode, degree: Int) -> NodeBox {
        if options.zoom == .dots { return NodeBox(width: 1, height: 1, text: "") }
        let text = TextFit.truncate(LayoutRun.singleLine(node.label), to: labelWidth, ellipsis: options.ascii ? "~" : "…")
        var w = DisplayWidth.of(text) + 4
        var h = 3
        let widest = max(w, min(labelWidth + 4, size.width))
        while 2 * (w - 2) + 2 * (h - 2) < degree {
            if w + 2 <= max(widest, 24) && w + 2 <= size.width { w += 2 } else { h += 1 }
        }
        return NodeBox(width: w, height: h, text: text)
    }

    /// Labels are drawn on one line: control characters and line breaks become spaces.
    static func singleLine(_ s: String) -> String {
        String(s.map { c in c.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? " " : c })
    }

    /// Puts each edge's label (and count) on its longest free straight horizontal run, when it fits with a line cell
    /// on either side; otherwise just the count when that fits.
    private func placeLabels(_ routed: inout [RoutedEdge], edges: [ChartEdge], router: OrthogonalRouter) {
        for i in routed.indices where !routed[i].fallback {
            let e = edges[routed[i].edge]
            let count = e.count > 1 ? (options.ascii ? "x\(e.count)" : "×\(e.count)") : ""
            var candidates: [String] = []
            let label = LayoutRun.singleLine(e.label)
            if !label.isEmpty { candidates.append(count.isEmpty ? label : label + " " + count) }
            if !count.isEmpty { candidates.append(count) }
            guard !candidates.isEmpty else { continue }
            let runs = router.freeHorizontalRuns(routed[i].cells, id: Int32(routed[i].edge))
            guard let run = runs.first else { continue }
            let room = run.x1 - run.x0 + 1
            for text in candidates {
                let w = DisplayWidth.of(text)
                if w + 2 <= room {
                    routed[i].label = PlacedText(x: run.x0 + (room - w) / 2, y: run.y, text: text)
                    break
                }
            }
        }
    }

    /// Moves everything so the used cells start at (0, 0) and sets the size to what is used.
    static func crop(_ layout: inout ChartLayout) {
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        func cover(_ x: Int, _ y: Int, _ w: Int, _ h: Int) {
            minX = min(minX, x); minY = min(minY, y); maxX = max(maxX, x + w); maxY = max(maxY, y + h)
        }
        for n in layout.nodes { cover(n.rect.x, n.rect.y, n.rect.width, n.rect.height) }
        for e in layout.edges { for p in e.points { cover(p.x, p.y, 1, 1) } }
        for t in layout.titles { cover(t.x, t.y, DisplayWidth.of(t.text), 1) }
        guard minX <= maxX else { layout.width = 0; layout.height = 0; return }
        let dx = -minX, dy = -minY
        for i in layout.nodes.indices { layout.nodes[i].rect.x += dx; layout.nodes[i].rect.y += dy }
        for i in layout.edges.indices {
            for k in layout.edges[i].points.indices { layout.edges[i].points[k].x += dx; layout.edges[i].points[k].y += dy }
            if layout.edges[i].label != nil { layout.edges[i].label!.x += dx; layout.edges[i].label!.y += dy }
        }
        for i in layout.titles.indices { layout.titles[i].x += dx; layout.titles[i].y += dy }
        layout.width = maxX - minX
        layout.height = maxY - minY
    }
}
