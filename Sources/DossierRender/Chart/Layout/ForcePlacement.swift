import DossierModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Force-directed placement (Fruchterman-Reingold with a weak pull to the centre so components stay together),
/// seeded and deterministic, then stretched to the wanted shape and snapped to slots.
enum ForcePlacement {
    static func place(_ ctx: PlacementContext) -> Placement {
        let n = ctx.topology.count
        guard n > 0 else { return Placement(rects: []) }
        let positions = ctx.seedPositions ?? simulate(ctx.topology, seed: ctx.seed)
        let desired = stretch(positions, aspect: ctx.aspect, boxes: ctx.boxes, gapX: ctx.gapX, gapY: ctx.gapY)
        return Placement(rects: SlotGrid.place(desired: desired, boxes: ctx.boxes, priority: SlotGrid.priority(ctx.topology),
                                               gapX: ctx.gapX, gapY: ctx.gapY, topology: ctx.topology))
    }

    /// Positions in abstract units (ideal edge length 1).
    static func simulate(_ topology: ChartTopology, seed: UInt64, iterations: Int = 150) -> [(Double, Double)] {
        let n = topology.count
        var rng = SeededGenerator(seed: seed)
        let side = Double(n).squareRoot() + 1
        var x = (0..<n).map { _ in Double(rng.next() % 1_000_000) / 1_000_000 * side }
        var y = (0..<n).map { _ in Double(rng.next() % 1_000_000) / 1_000_000 * side }
        guard n > 1 else { return [(0, 0)] }
        var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
        let centre = side / 2
        for step in 0..<iterations {
            let temperature = side / 8 * (1 - Double(step) / Double(iterations)) + 0.01
            for i in 0..<n { dx[i] = 0; dy[i] = 0 }
            for i in 0..<n {
                let xi = x[i], yi = y[i]
                var fx = 0.0, fy = 0.0
                for j in (i + 1)..<n {
                    var ddx = xi - x[j], ddy = yi - y[j]
                    var d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6 {  // coincident: push apart along a fixed, index-derived direction
                        ddx = Double((i * 7 + j * 3) % 5) * 0.01 + 0.01
                        ddy = Double((i * 3 + j * 7) % 5) * 0.01 - 0.02
                        d2 = ddx * ddx + ddy * ddy
                    }
                    let f = 1 / d2  // k² / d, as a vector: k²·d̂/d = k²·Δ/d²
                    fx += ddx * f; fy += ddy * f
                    dx[j] -= ddx * f; dy[j] -= ddy * f
                }
                dx[i] += fx; dy[i] += fy
            }
            for (a, b) in topology.endpoints {
                let ddx = x[a] - x[b], ddy = y[a] - y[b]
                let d = (ddx * ddx + ddy * ddy).squareRoot()
                // d² / k along the edge
                dx[a] -= ddx * d; dy[a] -= ddy * d
                dx[b] += ddx * d; dy[b] += ddy * d
            }
            for i in 0..<n {
                dx[i] += (centre - x[i]) * 0.05
                dy[i] += (centre - y[i]) * 0.05
                let len = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                if len > 0 {
                    let m = min(len, temperature) / len
                    x[i] += dx[i] * m
                    y[i] += dy[i] * m
                }
            }
        }
        return (0..<n).map { (x[$0], y[$0]) }
    }

    /// Maps positions onto a slot grid of about 1.6 slots per node with columns/rows matching `aspect` (columns per
    /// row of the whole chart).
    static func stretch(_ p: [(Double, Double)], aspect: Double, boxes: [NodeBox], gapX: Int, gapY: Int) -> [(Double, Double)] {
        let n = p.count
        let minX = p.map(\.0).min() ?? 0, maxX = p.map(\.0).max() ?? 0
        let minY = p.map(\.1).min() ?? 0, maxY = p.map(\.1).max() ?? 0
        let shape = SlotGrid.slotShape(boxes, gapX: gapX, gapY: gapY)
        let ratio = max(0.1, aspect * (shape.h / 2) / shape.w)  // slot columns per slot row
        let rows = max(1, (1.6 * Double(n) / ratio).squareRoot())
        let cols = max(1, ratio * rows)
        let sx = maxX > minX ? (cols - 1) / (maxX - minX) : 0
        let sy = maxY > minY ? (rows - 1) / (maxY - minY) : 0
        return p.map { (($0.0 - minX) * sx, ($0.1 - minY) * sy) }
    }
}

/// Nodes on a circle, ordered by a depth-first walk from the best-connected node so neighbours sit side by side.
enum CircularPlacement {
    static func place(_ ctx: PlacementContext) -> Placement {
        let n = ctx.topology.count
        guard n > 0 else { return Placement(rects: []) }
        let order = walkOrder(ctx.topology)
        let shape = SlotGrid.slotShape(ctx.boxes, gapX: ctx.gapX, gapY: ctx.gapY)
        let spacing = (shape.w + shape.h) / 2
        let radius = max(spacing, Double(n) * spacing * 1.15 / (2 * Double.pi))
        var points = [(Double, Double)](repeating: (0, 0), count: n)
        for (k, v) in order.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(k) / Double(n)
            points[v] = (radius + radius * cos(angle), radius + radius * sin(angle))
        }
        let desired = SlotGrid.toSlots(points, shape: shape)
        return Placement(rects: SlotGrid.place(desired: desired, boxes: ctx.boxes, priority: order,
                                               gapX: ctx.gapX, gapY: ctx.gapY))
    }

    /// Depth-first order over every component, starting at the highest-degree node, visiting neighbours of lower
    /// degree first (leaves stay next to their hub).
    static func walkOrder(_ t: ChartTopology) -> [Int] {
        let d = t.degrees
        var seen = [Bool](repeating: false, count: t.count)
        var out: [Int] = []
        for start in SlotGrid.priority(t) where !seen[start] {
            var stack = [start]
            while let v = stack.popLast() {
                if seen[v] { continue }
                seen[v] = true
                out.append(v)
                let next = t.neighbours[v].filter { !seen[$0] }.sorted { d[$0] != d[$1] ? d[$0] > d[$1] : $0 > $1 }
                stack.append(contentsOf: next)
            }
        }
        return out
    }
}

/// A peacock: the focus in the middle, each further hop on a wider ring, each subtree in its own wedge so branches
/// fan out without crossing. Nodes not connected to the focus go on an outer ring.
enum RadialPlacement {
    static func place(_ ctx: PlacementContext) -> Placement {
        let t = ctx.topology
        let n = t.count
        guard n > 0 else { return Placement(rects: []) }
        let centre = ctx.focus ?? SlotGrid.priority(t)[0]
        // Breadth-first tree from the centre.
        var depth = [Int](repeating: -1, count: n)
        var parent = [Int](repeating: -1, count: n)
        var children = [[Int]](repeating: [], count: n)
        depth[centre] = 0
        var queue = [centre]
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in t.neighbours[v] where depth[w] < 0 {
                depth[w] = depth[v] + 1
                parent[w] = v
                children[v].append(w)
                queue.append(w)
            }
        }
        let unreached = (0..<n).filter { depth[$0] < 0 }
        let maxDepth = depth.max() ?? 0
        // Leaves under each node decide its wedge.
        var leaves = [Int](repeating: 1, count: n)
        for v in queue.reversed() where !children[v].isEmpty { leaves[v] = children[v].reduce(0) { $0 + leaves[$1] } }
        var angleFrom = [Double](repeating: 0, count: n), angleTo = [Double](repeating: 0, count: n)
        angleFrom[centre] = 0
        angleTo[centre] = 2 * Double.pi
        for v in queue {
            var a = angleFrom[v]
            let span = angleTo[v] - angleFrom[v]
            for c in children[v] {
                let share = span * Double(leaves[c]) / Double(max(1, leaves[v]))
                angleFrom[c] = a
                angleTo[c] = a + share
                a += share
            }
        }
        let shape = SlotGrid.slotShape(ctx.boxes, gapX: ctx.gapX, gapY: ctx.gapY)
        let spacing = (shape.w + shape.h) / 2
        var ringCount = [Int](repeating: 0, count: maxDepth + 2)
        for v in 0..<n where depth[v] >= 0 { ringCount[depth[v]] += 1 }
        ringCount[maxDepth + 1] = unreached.count
        var radius = [Double](repeating: 0, count: maxDepth + 2)
        for k in 1..<(maxDepth + 2) {
            let room = Double(ringCount[k]) * spacing * 1.1 / (2 * Double.pi)
            radius[k] = max(radius[k - 1] + spacing, room)
        }
        var points = [(Double, Double)](repeating: (0, 0), count: n)
        for v in 0..<n where depth[v] > 0 {
            let angle = (angleFrom[v] + angleTo[v]) / 2 - Double.pi / 2
            points[v] = (radius[depth[v]] * cos(angle), radius[depth[v]] * sin(angle))
        }
        for (k, v) in unreached.enumerated() {
            let angle = 2 * Double.pi * Double(k) / Double(unreached.count) - Double.pi / 2
            points[v] = (radius[maxDepth + 1] * cos(angle), radius[maxDepth + 1] * sin(angle))
        }
        let desired = SlotGrid.toSlots(points, shape: shape)
        let order = queue + unreached
        return Placement(rects: SlotGrid.place(desired: desired, boxes: ctx.boxes, priority: order,
                                               gapX: ctx.gapX, gapY: ctx.gapY))
    }
}
