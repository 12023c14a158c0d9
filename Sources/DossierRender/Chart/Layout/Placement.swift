import DossierModel

/// A node's box size and the label text drawn in it.
struct NodeBox: Hashable {
    var width: Int
    var height: Int
    var text: String
}

/// What every placement algorithm works from.
struct PlacementContext {
    let topology: ChartTopology
    let boxes: [NodeBox]
    let groups: [String]
    /// The radial centre (node index).
    let focus: Int?
    let seed: UInt64
    /// Free columns/rows kept between boxes for routing.
    let gapX: Int
    let gapY: Int
    /// Wanted shape of the chart in columns per row (from the requested size), used to pick grid proportions.
    let aspect: Double
    /// The widest the chart may be (grouped layout wraps blocks to it).
    let maxWidth: Int?
    /// Precomputed abstract positions by node index (force layout on the full graph, reused when summarising).
    let seedPositions: [(Double, Double)]?
}

/// Node boxes on the grid (non-overlapping, at least the gaps apart) and titles.
struct Placement {
    var rects: [Rect]
    var titles: [PlacedText] = []

    var bounds: Rect {
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        for r in rects {
            minX = min(minX, r.x); minY = min(minY, r.y); maxX = max(maxX, r.maxX); maxY = max(maxY, r.maxY)
        }
        for t in titles {
            minX = min(minX, t.x); minY = min(minY, t.y)
            maxX = max(maxX, t.x + DisplayWidth.of(t.text)); maxY = max(maxY, t.y + 1)
        }
        guard minX <= maxX else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    mutating func translate(dx: Int, dy: Int) {
        for i in rects.indices { rects[i].x += dx; rects[i].y += dy }
        for i in titles.indices { titles[i].x += dx; titles[i].y += dy }
    }
}

/// Snaps abstract positions to a grid of slots, one node per slot, then sizes each slot column by its widest box and
/// each slot row by its tallest, so boxes never overlap and keep the gaps between them.
enum SlotGrid {
    /// `desired` are slot coordinates (1.0 = one slot); nodes are seated in `priority` order, each in the free slot
    /// nearest its wish.
    static func place(desired: [(Double, Double)], boxes: [NodeBox], priority: [Int], gapX: Int, gapY: Int,
                      topology: ChartTopology? = nil) -> [Rect] {
        var taken: [PairKey: Int] = [:]
        var slot = [PairKey](repeating: PairKey(0, 0), count: boxes.count)
        for v in priority {
            let (dx, dy) = desired[v]
            let cx = Int((dx).rounded()), cy = Int((dy).rounded())
            var radius = 0
            var chosen: PairKey?
            while chosen == nil {
                var best: (Double, Int, Int)?
                for y in (cy - radius)...(cy + radius) {
                    for x in (cx - radius)...(cx + radius) where max(abs(x - cx), abs(y - cy)) == radius {
                        guard taken[PairKey(x, y)] == nil else { continue }
                        let d = (Double(x) - dx) * (Double(x) - dx) + (Double(y) - dy) * (Double(y) - dy)
                        if best == nil || d < best!.0 || (d == best!.0 && (y, x) < (best!.2, best!.1)) { best = (d, x, y) }
                    }
                }
                if let b = best { chosen = PairKey(b.1, b.2) }
                radius += 1
            }
            taken[chosen!] = v
            slot[v] = chosen!
        }
        if let topology {
            let shape = slotShape(boxes, gapX: gapX, gapY: gapY)
            var improver = SlotImprover(topology: topology, slots: slot, xScale: shape.w / shape.h)
            if let better = improver.improve(priority: priority) { slot = better }
        }
        return compact(slots: slot, boxes: boxes, gapX: gapX, gapY: gapY)
    }

    /// Turns slot coordinates into cell rectangles: empty slot rows and columns vanish.
    static func compact(slots: [PairKey], boxes: [NodeBox], gapX: Int, gapY: Int) -> [Rect] {
        let columns = Set(slots.map(\.a)).sorted()
        let rows = Set(slots.map(\.b)).sorted()
        var colWidth: [Int: Int] = [:], rowHeight: [Int: Int] = [:]
        for (v, s) in slots.enumerated() {
            colWidth[s.a] = max(colWidth[s.a] ?? 0, boxes[v].width)
            rowHeight[s.b] = max(rowHeight[s.b] ?? 0, boxes[v].height)
        }
        var colX: [Int: Int] = [:], rowY: [Int: Int] = [:]
        var x = 0
        for c in columns { colX[c] = x; x += (colWidth[c] ?? 0) + gapX }
        var y = 0
        for r in rows { rowY[r] = y; y += (rowHeight[r] ?? 0) + gapY }
        return slots.enumerated().map { v, s in
            let b = boxes[v]
            return Rect(x: (colX[s.a] ?? 0) + ((colWidth[s.a] ?? 0) - b.width) / 2,
                        y: (rowY[s.b] ?? 0) + ((rowHeight[s.b] ?? 0) - b.height) / 2,
                        width: b.width, height: b.height)
        }
    }

    /// Nodes by descending degree, then index: hubs get their wished slot first.
    static func priority(_ topology: ChartTopology) -> [Int] {
        let d = topology.degrees
        return (0..<topology.count).sorted { d[$0] != d[$1] ? d[$0] > d[$1] : $0 < $1 }
    }

    /// Size of a typical slot in "square" units (a character is about twice as tall as wide).
    static func slotShape(_ boxes: [NodeBox], gapX: Int, gapY: Int) -> (w: Double, h: Double) {
        guard !boxes.isEmpty else { return (1, 1) }
        let w = Double(boxes.reduce(0) { $0 + $1.width }) / Double(boxes.count) + Double(gapX)
        let h = Double(boxes.reduce(0) { $0 + $1.height }) / Double(boxes.count) + Double(gapY)
        return (w, h * 2)
    }

    /// Maps square-unit positions to slot coordinates (each axis divided by the slot's size).
    static func toSlots(_ points: [(Double, Double)], shape: (w: Double, h: Double)) -> [(Double, Double)] {
        points.map { ($0.0 / shape.w, $0.1 / shape.h) }
    }
}

/// Local search over slot assignments: moves a node to a neighbouring slot, or swaps it with the node there, when
/// that lowers the straight-line crossings (weighted heavily) plus the length of its links. Cheap enough for charts
/// up to a couple of hundred nodes; larger ones keep the snapped positions.
struct SlotImprover {
    let topology: ChartTopology
    var slots: [PairKey]
    /// Width of a slot relative to its height in square units, so lengths are measured as drawn.
    let xScale: Double
    static let crossingWeight = 8.0

    /// The improved slots, or nil when the chart is too large to search.
    mutating func improve(priority: [Int]) -> [PairKey]? {
        let n = topology.count
        let e = topology.endpoints.count
        guard n >= 3, e >= 2, n * e <= 40_000 else { return nil }
        var taken: [PairKey: Int] = [:]
        for (v, s) in slots.enumerated() { taken[s] = v }
        var incident = [[Int]](repeating: [], count: n)
        for (k, (a, b)) in topology.endpoints.enumerated() { incident[a].append(k); incident[b].append(k) }
        let passes = n * e <= 10_000 ? 4 : 2
        for _ in 0..<passes {
            var moved = false
            for v in priority {
                let here = slots[v]
                var best: (gain: Double, target: PairKey)?
                for dy in -1...1 {
                    for dx in -1...1 where dx != 0 || dy != 0 {
                        let target = PairKey(here.a + dx, here.b + dy)
                        let u = taken[target]
                        let edges = Set(incident[v] + (u.map { incident[$0] } ?? []))
                        let before = cost(edges)
                        slots[v] = target
                        if let u { slots[u] = here }
                        let after = cost(edges)
                        slots[v] = here
                        if let u { slots[u] = target }
                        let gain = before - after
                        if gain > 1e-9 && (best == nil || gain > best!.gain) { best = (gain, target) }
                    }
                }
                if let b = best {
                    let u = taken[b.target]
                    slots[v] = b.target
                    taken[b.target] = v
                    if let u { slots[u] = here; taken[here] = u } else { taken[here] = nil }
                    moved = true
                }
            }
            if !moved { break }
        }
        return slots
    }

    private func point(_ v: Int) -> (Double, Double) { (Double(slots[v].a) * xScale, Double(slots[v].b)) }

    /// Length of `edges` plus weighted crossings of `edges` with every edge (pairs inside `edges` counted once).
    private func cost(_ edges: Set<Int>) -> Double {
        var total = 0.0
        let ends = topology.endpoints
        for k in edges {
            let (a, b) = ends[k]
            let p = point(a), q = point(b)
            total += abs(p.0 - q.0) + abs(p.1 - q.1)
            for (j, (c, d)) in ends.enumerated() where j != k && !(edges.contains(j) && j < k) {
                if a == c || a == d || b == c || b == d { continue }
                if SlotImprover.segmentsCross(p, q, point(c), point(d)) { total += SlotImprover.crossingWeight }
            }
        }
        return total
    }

    static func segmentsCross(_ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double),
                              _ p4: (Double, Double)) -> Bool {
        func orient(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Double {
            (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
        }
        let d1 = orient(p3, p4, p1), d2 = orient(p3, p4, p2), d3 = orient(p1, p2, p3), d4 = orient(p1, p2, p4)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        // Collinear overlap also hides links behind each other.
        func onSegment(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double)) -> Bool {
            min(a.0, b.0) <= c.0 && c.0 <= max(a.0, b.0) && min(a.1, b.1) <= c.1 && c.1 <= max(a.1, b.1)
        }
        if d1 == 0 && onSegment(p3, p4, p1) { return true }
        if d2 == 0 && onSegment(p3, p4, p2) { return true }
        if d3 == 0 && onSegment(p1, p2, p3) { return true }
        if d4 == 0 && onSegment(p1, p2, p4) { return true }
        return false
    }
}
