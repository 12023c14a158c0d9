import Testing
import DossierModel
@testable import DossierRender

/// The chart guarantees, checked on seeded random graphs for every layout and several areas.
@Suite struct ChartPropertyTests {
    static let sizes: [ChartSize] = [ChartSize(width: 160), ChartSize(width: 100, height: 40), ChartSize(width: 60, height: 20)]

    @Test(arguments: ChartLayoutStyle.allCases)
    func guaranteesHoldOnRandomGraphs(style: ChartLayoutStyle) {
        for seed in UInt64(1)...16 {
            var rng = SeededGenerator(seed: seed &* 7919)
            let n = 1 + Int(rng.next() % 30)
            let m = Int(rng.next() % UInt64(2 * n + 1))
            let graph = ChartFixtures.random(n: n, m: m, seed: seed)
            let size = ChartPropertyTests.sizes[Int(seed % 3)]
            let zoom: ChartZoom = seed % 5 == 0 ? .short : (seed % 7 == 0 ? .dots : .full)
            let options = ChartLayoutOptions(style: style, zoom: zoom, seed: seed)
            let layout = ChartLayoutEngine.layout(graph, options: options, size: size)
            check(layout, input: graph, size: size, context: "\(style) seed \(seed) n \(n) m \(m) zoom \(zoom)")
            // Deterministic: the same input gives the same chart.
            let again = ChartLayoutEngine.layout(graph, options: options, size: size)
            #expect(ChartRenderer.text(again) == ChartRenderer.text(layout), "\(style) seed \(seed) not deterministic")
        }
    }

    func check(_ layout: ChartLayout, input: ChartGraph, size: ChartSize, context: String) {
        // Every node of the input is either shown exactly once or listed as left out.
        let shown = layout.nodes.map(\.id)
        #expect(Set(shown).count == shown.count, "\(context): a node placed twice")
        #expect(shown == layout.graph.nodes.map(\.id), "\(context): nodes out of graph order")
        #expect(Set(shown).isDisjoint(with: layout.omitted), "\(context): a node both shown and omitted")
        #expect(Set(shown).union(layout.omitted) == Set(input.nodes.map(\.id)), "\(context): nodes lost")
        if layout.omitted.isEmpty { #expect(layout.graph.edges.count == input.edges.count, "\(context): edges lost") }
        // Every link is drawn: cleanly routed, or on a dotted fallback path counted as unrouted.
        let clean = layout.edges.filter { !$0.fallback }.count
        #expect(clean + layout.unroutedEdges == layout.graph.edges.count, "\(context): edge count")
        #expect(Set(layout.edges.map(\.edge)).count == layout.edges.count, "\(context): an edge drawn twice")

        // No two boxes overlap; all inside the chart.
        let rects = layout.nodes.map(\.rect)
        let bounds = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        for (i, r) in rects.enumerated() {
            #expect(bounds.contains(r), "\(context): node \(i) \(r) outside \(bounds)")
            for j in (i + 1)..<rects.count {
                #expect(!r.intersects(rects[j]), "\(context): nodes \(i) \(r) and \(j) \(rects[j]) overlap")
            }
        }

        // Edges: start and end on their own boxes' borders (not corners), never pass through any box, never run
        // along another edge, stay orthogonal and inside the chart.
        var horizontal: [ChartPoint: Int] = [:], vertical: [ChartPoint: Int] = [:], used: [ChartPoint: Int] = [:]
        for (k, e) in layout.edges.enumerated() {
            for (p, q) in zip(e.points, e.points.dropFirst()) {
                #expect(p.x == q.x || p.y == q.y, "\(context): edge \(k) not orthogonal")
            }
            let cells = e.cells
            #expect(cells.count >= 3, "\(context): edge \(k) too short")
            guard let first = cells.first, let last = cells.last else { continue }
            #expect(onBorder(first, rects[e.from]), "\(context): edge \(k) does not start on its source's border")
            #expect(onBorder(last, rects[e.to]), "\(context): edge \(k) does not end on its target's border")
            for (c, p) in cells.enumerated() where c > 0 && c < cells.count - 1 {
                #expect(bounds.contains(x: p.x, y: p.y), "\(context): edge \(k) leaves the chart")
                for (i, r) in rects.enumerated() where r.contains(x: p.x, y: p.y) {
                    Issue.record("\(context): edge \(k) passes through node \(i) at \(p)")
                }
                if e.fallback { continue }  // dotted: may run along other links, never through a box
                let a = cells[c - 1], b = cells[c + 1]
                if a.y == p.y && b.y == p.y {
                    if let other = horizontal[p] { Issue.record("\(context): edges \(other) and \(k) overlap at \(p)") }
                    horizontal[p] = k
                } else if a.x == p.x && b.x == p.x {
                    if let other = vertical[p] { Issue.record("\(context): edges \(other) and \(k) overlap at \(p)") }
                    vertical[p] = k
                } else {  // a bend or an end cell belongs to one edge only
                    if let other = used[p] { Issue.record("\(context): edges \(other) and \(k) share a bend at \(p)") }
                    used[p] = k
                }
            }
        }
        for p in used.keys where horizontal[p] != nil || vertical[p] != nil {
            Issue.record("\(context): another edge runs through a bend at \(p)")
        }

        // The text fits the area and shows every label in its box; crossings are what is drawn.
        let text = ChartRenderer.text(layout, width: size.width)
        #expect(text.count <= (size.height ?? Int.max), "\(context): \(text.count) lines for height \(size.height ?? 0)")
        for line in text { #expect(DisplayWidth.of(line) <= size.width, "\(context): line wider than \(size.width)") }
        var canvas = Canvas(width: layout.width, height: layout.height)
        ChartRenderer.draw(layout, into: &canvas, region: canvas.bounds)
        for n in layout.nodes where !n.isDot {
            var row = ""
            var x = n.rect.x + 3
            while x < n.rect.maxX - 1 {
                let cell = canvas[x, n.rect.y + 1]
                row += cell.grapheme
                x += max(1, Int(cell.width))
            }
            #expect(row.hasPrefix(n.text), "\(context): label \(n.text) not drawn in its box: \(row)")
        }
        let drawnCrossings = canvas.lines().joined().filter { $0 == "┼" }.count
        #expect(drawnCrossings == layout.stats.crossings, "\(context): \(drawnCrossings) ┼ drawn, stats say \(layout.stats.crossings)")
    }

    func onBorder(_ p: ChartPoint, _ r: Rect) -> Bool {
        guard r.contains(x: p.x, y: p.y) else { return false }
        if r.width == 1 && r.height == 1 { return true }
        let corner = (p.x == r.x || p.x == r.maxX - 1) && (p.y == r.y || p.y == r.maxY - 1)
        let edge = p.x == r.x || p.x == r.maxX - 1 || p.y == r.y || p.y == r.maxY - 1
        return edge && !corner
    }

    /// Charts of the benchmark's size (300 entities, 450 links with hubs): the guarantees hold for every layout and
    /// at least four in five links are routed cleanly (the rest are drawn dotted, never dropped).
    @Test(arguments: ChartLayoutStyle.allCases)
    func guaranteesHoldOnLargeGraphs(style: ChartLayoutStyle) {
        let graph = ChartFixtures.random(n: 300, m: 450, seed: 11)
        let size = ChartSize(width: 5000)
        let layout = ChartLayoutEngine.layout(graph, options: ChartLayoutOptions(style: style), size: size)
        check(layout, input: graph, size: size, context: "\(style) 300 nodes")
        #expect(layout.omitted.isEmpty, "\(style): nodes left out")
        #expect(layout.edges.count == layout.graph.edges.count, "\(style): a link not drawn at all")
        #expect(layout.unroutedEdges * 5 < layout.graph.edges.count, "\(style): \(layout.unroutedEdges) links without a clean route")
    }

    @Test func largeGraphIsSummarisedToFit() {
        let graph = ChartFixtures.random(n: 120, m: 200, seed: 3)
        let size = ChartSize(width: 80, height: 24)
        let layout = ChartLayoutEngine.layout(graph, options: ChartLayoutOptions(style: .force), size: size)
        #expect(!layout.omitted.isEmpty)
        #expect(layout.nodes.count + layout.omitted.count == 120)
        let text = ChartRenderer.text(layout, width: 80)
        #expect(text.count <= 24)
        #expect(text.last?.hasPrefix("\(layout.omitted.count) of 120 entities left out (fewest links)") == true)
        // The nodes kept are the best connected ones.
        let degrees = graph.degrees
        let keptMin = layout.nodes.compactMap { graph.index(of: $0.id) }.map { degrees[$0] }.min() ?? 0
        let droppedMax = layout.omitted.compactMap { graph.index(of: $0) }.map { degrees[$0] }.max() ?? 0
        #expect(keptMin >= droppedMax)
    }

    @Test func repeatedLinksAreMergedWithCounts() {
        let a = ChartFixtures.id(1), b = ChartFixtures.id(2), c = ChartFixtures.id(3)
        let nodes = [ChartNode(id: a, label: "A", kind: .person), ChartNode(id: b, label: "B", kind: .phone),
                     ChartNode(id: c, label: "C", kind: .person)]
        let graph = ChartGraph(nodes: nodes, edges: [
            ChartEdge(from: a, to: b, directed: true, label: "call"), ChartEdge(from: a, to: b, directed: true, label: "call"),
            ChartEdge(from: a, to: b, directed: true, label: "sms"), ChartEdge(from: b, to: c, directed: true, label: "call"),
            ChartEdge(from: c, to: b, directed: true, label: "call", count: 2), ChartEdge(from: a, to: c, label: "knows"),
            ChartEdge(from: c, to: a, directed: true, label: "paid"), ChartEdge(from: a, to: a, label: "self"),
        ])
        #expect(graph.edges == [
            ChartEdge(from: a, to: b, arrow: .forward, label: "call/sms", count: 3),
            ChartEdge(from: b, to: c, arrow: .both, label: "call", count: 3),
            ChartEdge(from: a, to: c, arrow: .none, label: "knows/paid", count: 2),
        ])
    }
}
