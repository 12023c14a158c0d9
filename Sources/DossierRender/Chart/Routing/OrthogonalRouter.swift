/// Routes edges orthogonally between boxes on the character grid with A*, Graph::Easy style: each step costs 1,
/// a bend 6, crossing another edge 30, running right next to a box 1. Edges never enter a box, never run along
/// another edge, and only cross another edge straight through (never bend on it); their end cells are kept for them.
struct OrthogonalRouter {
    static let stepCost: Int32 = 1
    static let bendCost: Int32 = 6
    /// Higher than Graph::Easy's 30: our grid cells are single characters, so a detour of 30 cells is short.
    static let crossingCost: Int32 = 60
    static let haloCost: Int32 = 1

    let width: Int
    let height: Int
    private var blocked: [Bool]
    private var halo: [Bool]
    /// Edge running horizontally / vertically through the cell (-1: none). A bend or an end fills both.
    private(set) var hOwner: [Int32]
    private(set) var vOwner: [Int32]
    // A* scratch, reused across searches (stamped instead of cleared).
    private var g: [Int32]
    private var parent: [Int32]
    private var stamp: [UInt32]
    private var closed: [UInt32]
    private var goalDir: [Int8]
    private var goalStamp: [UInt32]
    private var generation: UInt32 = 0
    private var heap = MinHeap()

    static let dx = [0, 0, -1, 1]
    static let dy = [-1, 1, 0, 0]
    /// 0 up, 1 down, 2 left, 3 right.
    static func isHorizontal(_ d: Int) -> Bool { d >= 2 }

    init(width: Int, height: Int, obstacles: [Rect]) {
        self.width = width
        self.height = height
        let count = width * height
        blocked = [Bool](repeating: false, count: count)
        halo = [Bool](repeating: false, count: count)
        hOwner = [Int32](repeating: -1, count: count)
        vOwner = [Int32](repeating: -1, count: count)
        g = [Int32](repeating: 0, count: count * 4)
        parent = [Int32](repeating: -1, count: count * 4)
        stamp = [UInt32](repeating: 0, count: count * 4)
        closed = [UInt32](repeating: 0, count: count * 4)
        goalDir = [Int8](repeating: -1, count: count)
        goalStamp = [UInt32](repeating: 0, count: count)
        for r in obstacles {
            for y in max(0, r.y - 1)..<min(height, r.maxY + 1) {
                for x in max(0, r.x - 1)..<min(width, r.maxX + 1) {
                    if r.contains(x: x, y: y) { blocked[y * width + x] = true } else { halo[y * width + x] = true }
                }
            }
        }
    }

    /// Port cells around a box: outside each side, beside its inner cells (whole side for a one-cell node), with the
    /// direction leading away from the box.
    static func ports(of r: Rect) -> [(x: Int, y: Int, outward: Int)] {
        var out: [(Int, Int, Int)] = []
        let xs = r.width >= 3 ? (r.x + 1)..<(r.maxX - 1) : r.x..<r.maxX
        let ys = r.height >= 3 ? (r.y + 1)..<(r.maxY - 1) : r.y..<r.maxY
        for x in xs { out.append((x, r.y - 1, 0)); out.append((x, r.maxY, 1)) }
        for y in ys { out.append((r.x - 1, y, 2)); out.append((r.maxX, y, 3)) }
        return out
    }

    /// Finds the cheapest route from box `source` to box `target` and claims its cells for edge `id`.
    /// Returns the polyline from the source's border cell to the target's border cell, or nil when there is none.
    mutating func route(id: Int32, from source: Rect, to target: Rect) -> [ChartPoint]? {
        guard let cells = findCells(from: source, to: target) else { return nil }
        claim(cells, id: id)
        routes[id] = cells
        return polyline(cells, source: source, target: target)
    }

    /// Cells of the edges routed so far, by edge id.
    private(set) var routes: [Int32: [Int]] = [:]

    private mutating func findCells(from source: Rect, to target: Rect) -> [Int]? {
        let margin = 8
        let window = (x0: max(0, min(source.x, target.x) - margin), y0: max(0, min(source.y, target.y) - margin),
                      x1: min(width, max(source.maxX, target.maxX) + margin), y1: min(height, max(source.maxY, target.maxY) + margin))
        return search(source: source, target: target, window: window) ?? (
            window == (0, 0, width, height) ? nil : search(source: source, target: target, window: (0, 0, width, height)))
    }

    /// Whether any other edge crosses the routed edge `id`.
    func isCrossed(_ id: Int32) -> Bool {
        guard let cells = routes[id] else { return false }
        return cells.contains { (hOwner[$0] >= 0 && hOwner[$0] != id) || (vOwner[$0] >= 0 && vOwner[$0] != id) }
    }

    /// Rip-up and reroute: takes edge `id` off the grid and routes it again with every other edge in place; keeps
    /// the new route when it is cheaper. Returns the new polyline when the route changed.
    mutating func reroute(id: Int32, from source: Rect, to target: Rect) -> [ChartPoint]? {
        guard let old = routes[id] else { return nil }
        release(old, id: id)
        let oldCost = cost(of: old, source: source, target: target)
        if let cells = findCells(from: source, to: target), cost(of: cells, source: source, target: target) < oldCost {
            claim(cells, id: id)
            routes[id] = cells
            return polyline(cells, source: source, target: target)
        }
        claim(old, id: id)
        return nil
    }

    private mutating func release(_ cells: [Int], id: Int32) {
        for c in cells {
            if hOwner[c] == id { hOwner[c] = -1 }
            if vOwner[c] == id { vOwner[c] = -1 }
        }
    }

    /// The A* cost of a route over the current grid (its steps, bends, crossings and cells next to boxes).
    private func cost(of cells: [Int], source: Rect, target: Rect) -> Int32 {
        let points = polyline(cells, source: source, target: target)
        var total = Int32(cells.count - 1) * OrthogonalRouter.stepCost + Int32(max(0, points.count - 2)) * OrthogonalRouter.bendCost
        for c in cells {
            if halo[c] { total += OrthogonalRouter.haloCost }
            if hOwner[c] >= 0 || vOwner[c] >= 0 { total += OrthogonalRouter.crossingCost }
        }
        return total
    }

    private func free(_ c: Int) -> Bool { hOwner[c] < 0 && vOwner[c] < 0 && !blocked[c] }

    private mutating func search(source: Rect, target: Rect, window: (x0: Int, y0: Int, x1: Int, y1: Int)) -> [Int]? {
        generation &+= 1
        if generation == 0 {  // wrapped: clear the stamps once
            for i in stamp.indices { stamp[i] = 0; closed[i] = 0 }
            for i in goalStamp.indices { goalStamp[i] = 0 }
            generation = 1
        }
        let gen = generation
        func inWindow(_ x: Int, _ y: Int) -> Bool { x >= window.x0 && x < window.x1 && y >= window.y0 && y < window.y1 }
        var anyGoal = false
        for p in OrthogonalRouter.ports(of: target) where inWindow(p.x, p.y) {
            let c = p.y * width + p.x
            guard free(c) else { continue }
            goalDir[c] = Int8(p.outward ^ 1)  // the inward direction
            goalStamp[c] = gen
            anyGoal = true
        }
        guard anyGoal else { return nil }
        // Heuristic: Manhattan distance to the box the goals surround.
        let tx0 = target.x - 1, tx1 = target.maxX, ty0 = target.y - 1, ty1 = target.maxY
        func h(_ x: Int, _ y: Int) -> Int32 {
            let hx = x < tx0 ? tx0 - x : (x > tx1 ? x - tx1 : 0)
            let hy = y < ty0 ? ty0 - y : (y > ty1 ? y - ty1 : 0)
            return Int32(hx + hy)
        }
        heap.removeAll()
        for p in OrthogonalRouter.ports(of: source) where inWindow(p.x, p.y) {
            let c = p.y * width + p.x
            guard free(c) else { continue }
            let s = c * 4 + p.outward
            stamp[s] = gen
            g[s] = 0
            parent[s] = -1
            heap.push(cost: h(p.x, p.y), state: Int32(s))
        }
        var bestGoal: (cost: Int32, state: Int)?
        while let (f, s32) = heap.pop() {
            let s = Int(s32)
            if let b = bestGoal, f >= b.cost { break }
            if closed[s] == gen { continue }
            closed[s] = gen
            let c = s >> 2, d = s & 3
            let x = c % width, y = c / width
            let gs = g[s]
            if goalStamp[c] == gen && free(c) {
                let total = gs + (Int(goalDir[c]) == d ? 0 : OrthogonalRouter.bendCost)
                if bestGoal == nil || total < bestGoal!.cost { bestGoal = (total, s) }
            }
            // On another edge's cell (a crossing) we may only go straight on.
            let straightOnly = hOwner[c] >= 0 || vOwner[c] >= 0
            for nd in 0..<4 {
                if nd == (d ^ 1) { continue }  // no U-turns
                if straightOnly && nd != d { continue }
                let nx = x + OrthogonalRouter.dx[nd], ny = y + OrthogonalRouter.dy[nd]
                guard inWindow(nx, ny) else { continue }
                let nc = ny * width + nx
                if blocked[nc] { continue }
                var cost = gs + OrthogonalRouter.stepCost
                if nd != d { cost += OrthogonalRouter.bendCost }
                if halo[nc] { cost += OrthogonalRouter.haloCost }
                if OrthogonalRouter.isHorizontal(nd) {
                    if hOwner[nc] >= 0 { continue }
                    if vOwner[nc] >= 0 { cost += OrthogonalRouter.crossingCost }
                } else {
                    if vOwner[nc] >= 0 { continue }
                    if hOwner[nc] >= 0 { cost += OrthogonalRouter.crossingCost }
                }
                let ns = nc * 4 + nd
                if stamp[ns] == gen && g[ns] <= cost { continue }
                stamp[ns] = gen
                g[ns] = cost
                parent[ns] = Int32(s)
                heap.push(cost: cost + h(nx, ny), state: Int32(ns))
            }
        }
        guard let goal = bestGoal else { return nil }
        var states: [Int] = []
        var s = goal.state
        while s >= 0 {
            states.append(s)
            s = Int(parent[s])
        }
        return states.reversed().map { $0 >> 2 }
    }

    /// Marks the route's cells as used: straight cells in their axis, bends and both ends fully.
    private mutating func claim(_ cells: [Int], id: Int32) {
        for (k, c) in cells.enumerated() {
            if k == 0 || k == cells.count - 1 {
                hOwner[c] = id; vOwner[c] = id
                continue
            }
            let a = cells[k - 1], b = cells[k + 1]
            let horizontalIn = abs(a - c) == 1, horizontalOut = abs(b - c) == 1
            if horizontalIn && horizontalOut { hOwner[c] = id } else if !horizontalIn && !horizontalOut { vOwner[c] = id } else {
                hOwner[c] = id; vOwner[c] = id
            }
        }
    }

    /// Border cell of the source, the route's corners, border cell of the target.
    private func polyline(_ cells: [Int], source: Rect, target: Rect) -> [ChartPoint] {
        func point(_ c: Int) -> ChartPoint { ChartPoint(x: c % width, y: c / width) }
        func border(_ p: ChartPoint, _ r: Rect) -> ChartPoint {
            if p.y < r.y { return ChartPoint(x: p.x, y: r.y) }
            if p.y >= r.maxY { return ChartPoint(x: p.x, y: r.maxY - 1) }
            if p.x < r.x { return ChartPoint(x: r.x, y: p.y) }
            return ChartPoint(x: r.maxX - 1, y: p.y)
        }
        var all = [border(point(cells[0]), source)] + cells.map(point)
        all.append(border(point(cells[cells.count - 1]), target))
        var out: [ChartPoint] = [all[0]]
        for k in 1..<(all.count - 1) {
            let a = out[out.count - 1], b = all[k], c = all[k + 1]
            let collinear = (a.x == b.x && b.x == c.x) || (a.y == b.y && b.y == c.y)
            if !collinear { out.append(b) }
        }
        out.append(all[all.count - 1])
        return out
    }

    /// Straight horizontal runs of an edge's cells with no other edge on them (for labels), longest first.
    func freeHorizontalRuns(_ cells: [ChartPoint], id: Int32) -> [(y: Int, x0: Int, x1: Int)] {
        var runs: [(Int, Int, Int)] = []
        var start: ChartPoint?
        var last: ChartPoint?
        // Interior cells only: the ends sit next to the boxes.
        for k in cells.indices.dropFirst(2).dropLast(2) {
            let p = cells[k], prev = cells[k - 1], next = cells[k + 1]
            let c = p.y * width + p.x
            let straight = prev.y == p.y && next.y == p.y
            if straight && hOwner[c] == id && vOwner[c] < 0 {
                if let l = last, l.y == p.y && abs(l.x - p.x) == 1 { last = p } else {
                    if let s = start, let l = last { runs.append((s.y, min(s.x, l.x), max(s.x, l.x))) }
                    start = p; last = p
                }
            } else {
                if let s = start, let l = last { runs.append((s.y, min(s.x, l.x), max(s.x, l.x))) }
                start = nil; last = nil
            }
        }
        if let s = start, let l = last { runs.append((s.y, min(s.x, l.x), max(s.x, l.x))) }
        return runs.sorted { ($1.2 - $1.1, $0.0, $0.1) < ($0.2 - $0.1, $1.0, $1.1) }
    }
}

/// A binary min-heap of (cost, state); equal costs pop in push order (deterministic).
struct MinHeap {
    private var keys: [Int64] = []
    private var states: [Int32] = []
    private var counter: Int64 = 0

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); states.removeAll(keepingCapacity: true); counter = 0 }

    mutating func push(cost: Int32, state: Int32) {
        counter += 1
        keys.append(Int64(cost) << 32 | counter)
        states.append(state)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= keys[i] { break }
            keys.swapAt(p, i); states.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> (Int32, Int32)? {
        guard let topKey = keys.first else { return nil }
        let top = (Int32(truncatingIfNeeded: topKey >> 32), states[0])
        let lastKey = keys.removeLast(), lastState = states.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey; states[0] = lastState
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < keys.count && keys[l] < keys[m] { m = l }
                if r < keys.count && keys[r] < keys[m] { m = r }
                if m == i { break }
                keys.swapAt(m, i); states.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}
