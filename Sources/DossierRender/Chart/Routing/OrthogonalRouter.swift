#if canImport(Glibc)
import Glibc
#endif

/// Routes edges orthogonally between boxes on the character grid with A*, Graph::Easy style: each step costs 1,
/// a bend 6, crossing another edge 30, running right next to a box 1. Edges never enter a box, never run along
/// another edge, and only cross another edge straight through (never bend on it); their end cells are kept for them.
struct OrthogonalRouter {
    static let stepCost: Int32 = 1
    static let bendCost: Int32 = 6
    /// Higher than Graph::Easy's 30: our grid cells are single characters, so a detour of 30 cells is short.
    static let crossingCost: Int32 = 60
    static let haloCost: Int32 = 1

    /// Per-router tuning: large charts use a cheaper crossing, a dearer run beside a box (keeps the ports free for
    /// the box's own links), an inflated heuristic (weighted A*) and a budget of expanded states per search, trading
    /// a few crossings for bounded time.
    struct Tuning {
        var crossingCost: Int32 = OrthogonalRouter.crossingCost
        var haloCost: Int32 = OrthogonalRouter.haloCost
        var bendCost: Int32 = OrthogonalRouter.bendCost
        var heuristicWeight: Int32 = 1
        var expansionBudget: Int = .max
        /// Keep the open states in cost buckets instead of a heap (large charts; see `BucketQueue`).
        var buckets = false
        static let exact = Tuning()
        /// Crossing 10 and 6,000 states: measured on the benchmark's 300-node charts (all five layouts) against 20 and
        /// 8,000, a quarter fewer states expanded with as many crossings in total, fewer bends and fewer dotted links
        /// (a cheaper crossing lets a search cross a bundle of links instead of flooding the area beside it).
        /// Then 3,000 instead of 6,000: a first search that fails (a third of the links) mostly spends its whole
        /// budget, and those that need more than 3,000 states mostly succeed on the second search; on the same
        /// charts 5-16% fewer states in all, fewer dotted links on four layouts (none more), 1-6% more crossings.
        static let large = Tuning(crossingCost: 10, haloCost: 3, heuristicWeight: 3, expansionBudget: 3_000,
                                  buckets: true)
        /// The second search of a large chart, when the first found nothing within its budget: crossings and bends
        /// nearly free and a strongly inflated heuristic, so it runs almost straight at the target. Heuristic weight 4
        /// (was 3) with 1.0M states for all second searches and rip-ups of a chart (was 1.5M, see `extraWork`):
        /// measured on the benchmark's 300-node charts, more second searches succeed within their budget, so 10-30%
        /// fewer states buy no more dotted links on any layout (hierarchical/force/circular/radial/grouped 16/13/13/
        /// 9/89 where they were 16/13/15/20/95), at 5-27% more crossings (the greedier routes cross more).
        static let loose = Tuning(crossingCost: 8, haloCost: 2, bendCost: 3, heuristicWeight: 4, expansionBudget: 30_000,
                                  buckets: true)
    }
    var tuning = Tuning.exact
    var retryTuning: Tuning?
    /// Expanded states left for the second searches, rip-ups and fallback paths of this chart (the first searches
    /// have their own per-search budget): bounds the time a crowded chart can take; deterministic, as it counts
    /// states, not time.
    var extraWork = Int.max

    let width: Int
    let height: Int
    /// Per cell: the edges through it, whether a box covers it and whether it runs beside a box (one record, so a
    /// search step reads one cache line per neighbour).
    private var grid: [GridCell]
    /// A* scratch, reused across searches: one word per state (see `SearchScratch`).
    private let scratch: SearchScratch
    private let heap = MinHeap()
    private let bucketQueue = BucketQueue()

    // Directions: 0 up, 1 down, 2 left, 3 right (horizontal: >= 2).

    init(width: Int, height: Int, obstacles: [Rect]) {
        self.width = width
        self.height = height
        let count = width * height
        grid = [GridCell](repeating: GridCell(), count: count)
        scratch = SearchScratch(states: height * OrthogonalRouter.rowStride(width) * 4)
        for r in obstacles {
            for y in max(0, r.y - 1)..<min(height, r.maxY + 1) {
                for x in max(0, r.x - 1)..<min(width, r.maxX + 1) {
                    if r.contains(x: x, y: y) { grid[y * width + x].blocked = true } else { grid[y * width + x].halo = true }
                }
            }
        }
    }

    /// Port cells around a box: outside each side, beside its inner cells (whole side for a one-cell node), with the
    /// direction leading away from the box.
    static func ports(of r: Rect) -> [(x: Int, y: Int, outward: Int)] {
        let xs = r.width >= 3 ? (r.x + 1)..<(r.maxX - 1) : r.x..<r.maxX
        let ys = r.height >= 3 ? (r.y + 1)..<(r.maxY - 1) : r.y..<r.maxY
        var out: [(x: Int, y: Int, outward: Int)] = []
        out.reserveCapacity(2 * (xs.count + ys.count))
        for x in xs { out.append((x, r.y - 1, 0)); out.append((x, r.maxY, 1)) }
        for y in ys { out.append((r.x - 1, y, 2)); out.append((r.maxX, y, 3)) }
        return out
    }

    /// Finds the cheapest route from box `source` to box `target` and claims its cells for edge `id`.
    /// Returns the polyline from the source's border cell to the target's border cell, or nil when there is none.
    /// `direct`: skip the windowed first search and go straight to the second one (`retryTuning`, whole grid, from
    /// `extraWork`), for a link whose first search mostly fails (see `LayoutRun.build`).
    mutating func route(id: Int32, from source: Rect, to target: Rect, direct: Bool = false) -> [ChartPoint]? {
        guard let cells = findCells(from: source, to: target, direct: direct) else { return nil }
        claim(cells, id: id)
        routes[id] = cells
        return polyline(cells, source: source, target: target)
    }

    /// A route for an edge that found none: it still never enters a box, but may run along other edges (drawn
    /// dotted, counted as unrouted). Nothing is claimed. Nil only when a box has no free side at all.
    mutating func fallbackRoute(from source: Rect, to target: Rect) -> [ChartPoint]? {
        // Nearly greedy (a conflict costs about five cells of detour): a fallback path is found fast; unbounded, so
        // it always ends with a path when one exists.
        let costs = Tuning(crossingCost: 1, haloCost: 1, bendCost: 2, heuristicWeight: 8, expansionBudget: .max,
                           buckets: tuning.buckets)
        guard let cells = search(source: source, target: target, window: (0, 0, width, height), costs: costs,
                                 relaxed: true) else { return nil }
        return polyline(cells, source: source, target: target)
    }

    /// The cheapest path that only avoids boxes; running along, bending on or ending on another edge's cell is
    /// allowed at a high price (`conflictCost`), so the path conflicts with as few edges as it can.
    private mutating func relaxedCells(from source: Rect, to target: Rect) -> [Int]? {
        guard extraWork > 0 else { return nil }
        var costs = retryTuning ?? tuning
        costs.expansionBudget = max(costs.expansionBudget, 100_000)
        let margin = 8
        let window = (x0: max(0, min(source.x, target.x) - margin), y0: max(0, min(source.y, target.y) - margin),
                      x1: min(width, max(source.maxX, target.maxX) + margin), y1: min(height, max(source.maxY, target.maxY) + margin))
        if let cells = search(source: source, target: target, window: window, costs: costs, relaxed: true,
                                  extra: true) { return cells }
        costs.expansionBudget = 400_000
        return search(source: source, target: target, window: (0, 0, width, height), costs: costs, relaxed: true,
                      extra: true)
    }

    static let conflictCost: Int32 = 40

    /// Rip-up for an edge that found no route: finds the path with the fewest conflicts, takes the edges it conflicts
    /// with off the grid, and claims the path for `id`. Returns the new polyline and the edges taken off (to be
    /// routed again), or nil (nothing changed) when no such path exists or it conflicts with more than `maxVictims`.
    mutating func ripUp(id: Int32, from source: Rect, to target: Rect,
                        maxVictims: Int) -> (points: [ChartPoint], victims: [Int32])? {
        guard let cells = relaxedCells(from: source, to: target) else { return nil }
        var victims: Set<Int32> = []
        for (k, c) in cells.enumerated() {
            let straight = k > 0 && k < cells.count - 1 && (cells[k - 1] - c) == (c - cells[k + 1])
            if straight {
                let horizontal = abs(cells[k - 1] - c) == 1
                let owner = horizontal ? grid[c].h : grid[c].v
                if owner >= 0 { victims.insert(owner) }
            } else {
                if grid[c].h >= 0 { victims.insert(grid[c].h) }
                if grid[c].v >= 0 { victims.insert(grid[c].v) }
            }
        }
        guard victims.count <= maxVictims else { return nil }
        let ordered = victims.sorted()
        for v in ordered {
            if let old = routes[v] { release(old, id: v) }
            routes[v] = nil
        }
        claim(cells, id: id)
        routes[id] = cells
        return (polyline(cells, source: source, target: target), ordered)
    }

    /// Cells of the edges routed so far, by edge id.
    private(set) var routes: [Int32: [Int]] = [:]

    private mutating func findCells(from source: Rect, to target: Rect, direct: Bool = false) -> [Int]? {
        let margin = 8
        let window = (x0: max(0, min(source.x, target.x) - margin), y0: max(0, min(source.y, target.y) - margin),
                      x1: min(width, max(source.maxX, target.maxX) + margin), y1: min(height, max(source.maxY, target.maxY) + margin))
        let whole = (0, 0, width, height)
        if direct, let retry = retryTuning {
            return extraWork > 0 ? search(source: source, target: target, window: whole, costs: retry, extra: true) : nil
        }
        if let cells = search(source: source, target: target, window: window, costs: tuning) { return cells }
        if let retry = retryTuning {
            return extraWork > 0 ? search(source: source, target: target, window: whole, costs: retry, extra: true) : nil
        }
        return window == whole ? nil : search(source: source, target: target, window: whole, costs: tuning)
    }

    /// Whether any other edge crosses the routed edge `id`.
    func isCrossed(_ id: Int32) -> Bool {
        guard let cells = routes[id] else { return false }
        return cells.contains { (grid[$0].h >= 0 && grid[$0].h != id) || (grid[$0].v >= 0 && grid[$0].v != id) }
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
            if grid[c].h == id { grid[c].h = -1 }
            if grid[c].v == id { grid[c].v = -1 }
        }
    }

    /// The A* cost of a route over the current grid (its steps, bends, crossings and cells next to boxes).
    private func cost(of cells: [Int], source: Rect, target: Rect) -> Int32 {
        let points = polyline(cells, source: source, target: target)
        var total = Int32(cells.count - 1) * OrthogonalRouter.stepCost + Int32(max(0, points.count - 2)) * tuning.bendCost
        for c in cells {
            if grid[c].halo { total += tuning.haloCost }
            if grid[c].h >= 0 || grid[c].v >= 0 { total += tuning.crossingCost }
        }
        return total
    }

    private func free(_ c: Int) -> Bool { grid[c].h < 0 && grid[c].v < 0 && !grid[c].blocked }

    private mutating func search(source: Rect, target: Rect, window: (x0: Int, y0: Int, x1: Int, y1: Int),
                                 costs: Tuning, relaxed: Bool = false, extra: Bool = false) -> [Int]? {
        costs.buckets
            ? search(open: bucketQueue, source: source, target: target, window: window, costs: costs, relaxed: relaxed,
                     extra: extra)
            : search(open: heap, source: source, target: target, window: window, costs: costs, relaxed: relaxed,
                     extra: extra)
    }

    private mutating func search<Open: OpenStates>(open: Open, source: Rect, target: Rect,
                                                   window: (x0: Int, y0: Int, x1: Int, y1: Int), costs: Tuning,
                                                   relaxed: Bool, extra: Bool) -> [Int]? {
        func inWindow(_ x: Int, _ y: Int) -> Bool { x >= window.x0 && x < window.x1 && y >= window.y0 && y < window.y1 }
        let scratch = self.scratch
        let st = scratch.words
        open.removeAll()
        let width = self.width
        // States are numbered inside the window ((row, column, direction) order, as in the whole grid, so ties pop
        // in the same order): a small window's states sit close together in memory. A state's number is its word.
        let ww = OrthogonalRouter.rowStride(window.x1 - window.x0)
        let rowShift = ww.trailingZeroBitCount
        let x0 = window.x0, y0 = window.y0
        let budget = costs.expansionBudget
        let workLeft = extra ? extraWork : Int.max
        let stepCost = OrthogonalRouter.stepCost, conflictCost = OrthogonalRouter.conflictCost
        let bendCost = costs.bendCost, haloCost = costs.haloCost, crossingCost = costs.crossingCost
        // Heuristic: Manhattan distance to the box the goals surround.
        let tx0 = target.x - 1, tx1 = target.maxX, ty0 = target.y - 1, ty1 = target.maxY
        let weight = costs.heuristicWeight
        func h(_ x: Int, _ y: Int) -> Int32 {
            let hx = x < tx0 ? tx0 - x : (x > tx1 ? x - tx1 : 0)
            let hy = y < ty0 ? ty0 - y : (y > ty1 ? y - ty1 : 0)
            return Int32(hx + hy) * weight
        }
        // Goal cells are the target's ports (the ring around it where h is 0): the direction into the box, or -1.
        let gx0 = target.width >= 3 ? target.x + 1 : target.x, gx1 = target.width >= 3 ? target.maxX - 1 : target.maxX
        let gy0 = target.height >= 3 ? target.y + 1 : target.y, gy1 = target.height >= 3 ? target.maxY - 1 : target.maxY
        func inward(_ x: Int, _ y: Int) -> Int {
            if x >= gx0 && x < gx1 { return y == ty0 ? 1 : (y == ty1 ? 0 : -1) }
            if y >= gy0 && y < gy1 { return x == tx0 ? 3 : (x == tx1 ? 2 : -1) }
            return -1
        }
        let sourcePorts = OrthogonalRouter.ports(of: source)
        var expanded = 0
        var bestCost = Int32.max, bestState = -1
        grid.withUnsafeBufferPointer { grid in
            func isFree(_ c: Int) -> Bool { !grid[c].occupied && !grid[c].blocked }
            let anyGoal = OrthogonalRouter.ports(of: target).contains { p in
                inWindow(p.x, p.y) && (relaxed ? !grid[p.y * width + p.x].blocked : isFree(p.y * width + p.x))
            }
            guard anyGoal else { return }
            for p in sourcePorts where inWindow(p.x, p.y) {
                let c = p.y * width + p.x
                guard relaxed ? !grid[c].blocked : isFree(c) else { continue }
                let s = ((p.y - y0) * ww + (p.x - x0)) * 4 + p.outward
                let g0 = relaxed && !isFree(c) ? conflictCost : 0
                if st[s] == 0 { scratch.touch(s) }
                st[s] = SearchScratch.word(cost: g0, previous: SearchScratch.fromSource)
                open.push(cost: g0 + h(p.x, p.y), state: Int32(s))
            }
            while let (f, s32) = open.pop() {
                let s = Int(s32)
                if f >= bestCost { break }
                let lc = s >> 2, d = s & 3
                let ly = lc >> rowShift, lx = lc & (ww - 1)
                let x = lx + x0, y = ly + y0
                let c = y * width + x
                let hHere = h(x, y)
                let gs = SearchScratch.cost(st[s])
                // Lazy deletion: a state pushed again with a lower cost leaves its older entry behind.
                if f - hHere != gs { continue }
                expanded += 1
                if expanded > budget || expanded > workLeft { break }
                let here = grid[c]
                let occupied = here.occupied
                if hHere == 0 && (relaxed || !(occupied || here.blocked)) {
                    let into = inward(x, y)
                    if into >= 0 {
                        var total = gs + (into == d ? 0 : bendCost)
                        if relaxed && (occupied || here.blocked) { total += conflictCost }
                        if total < bestCost { bestCost = total; bestState = s }
                    }
                }
                // On another edge's cell (a crossing) we may only go straight on (relaxed: at a price).
                let straightOnly = !relaxed && occupied
                for nd in 0..<4 {
                    if nd == (d ^ 1) { continue }  // no U-turns
                    if straightOnly && nd != d { continue }
                    let nc: Int, nlc: Int
                    switch nd {
                    case 0:
                        guard y - 1 >= window.y0 else { continue }
                        nc = c - width; nlc = lc - ww
                    case 1:
                        guard y + 1 < window.y1 else { continue }
                        nc = c + width; nlc = lc + ww
                    case 2:
                        guard x - 1 >= window.x0 else { continue }
                        nc = c - 1; nlc = lc - 1
                    default:
                        guard x + 1 < window.x1 else { continue }
                        nc = c + 1; nlc = lc + 1
                    }
                    let next = grid[nc]
                    if next.blocked { continue }
                    var cost = gs + stepCost
                    if nd != d {
                        cost += bendCost
                        if occupied { cost += conflictCost }
                    }
                    if next.halo { cost += haloCost }
                    let horizontal = nd >= 2
                    let along = horizontal ? next.hasH : next.hasV
                    let across = horizontal ? next.hasV : next.hasH
                    if along {
                        if !relaxed { continue }
                        cost += conflictCost
                    } else if across {
                        cost += crossingCost
                    }
                    let ns = nlc * 4 + nd
                    let old = st[ns]
                    if old == 0 {
                        guard cost <= SearchScratch.maxCost else { continue }
                        scratch.touch(ns)
                    } else if SearchScratch.cost(old) <= cost {
                        continue
                    }
                    st[ns] = SearchScratch.word(cost: cost, previous: UInt32(d))
                    let nx = nd == 2 ? x - 1 : (nd == 3 ? x + 1 : x)
                    let ny = nd == 0 ? y - 1 : (nd == 1 ? y + 1 : y)
                    open.push(cost: cost + h(nx, ny), state: Int32(ns))
                }
            }
        }
        if extra { extraWork -= expanded }
        var path: [Int] = []
        if bestState >= 0 {
            var lc = bestState >> 2, d = bestState & 3
            while true {
                path.append(((lc >> rowShift) + y0) * width + (lc & (ww - 1)) + x0)
                let previous = SearchScratch.previous(st[lc * 4 + d])
                if previous == SearchScratch.fromSource { break }
                // The state was entered moving in direction d: its cell is one step back against d.
                switch d {
                case 0: lc += ww
                case 1: lc -= ww
                case 2: lc += 1
                default: lc -= 1
                }
                d = Int(previous)
            }
        }
        scratch.clearTouched()
        return bestState >= 0 ? path.reversed() : nil
    }

    /// Window cells per row in the search scratch: the window's width rounded up to a power of two, so a state's row
    /// and column come from shifts, not divisions (the cells past the width are never used).
    static func rowStride(_ width: Int) -> Int { max(1, 1 << (Int.bitWidth - max(0, width - 1).leadingZeroBitCount)) }

    /// Marks the route's cells as used: straight cells in their axis, bends and both ends fully.
    private mutating func claim(_ cells: [Int], id: Int32) {
        for (k, c) in cells.enumerated() {
            if k == 0 || k == cells.count - 1 {
                grid[c].h = id; grid[c].v = id
                continue
            }
            let a = cells[k - 1], b = cells[k + 1]
            let horizontalIn = abs(a - c) == 1, horizontalOut = abs(b - c) == 1
            if horizontalIn && horizontalOut { grid[c].h = id } else if !horizontalIn && !horizontalOut { grid[c].v = id } else {
                grid[c].h = id; grid[c].v = id
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
            if straight && grid[c].h == id && grid[c].v < 0 {
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

/// One grid cell for the router: the edge running horizontally / vertically through it (-1: none; a bend or an end
/// fills both), whether a box covers it, whether it lies right next to a box. Eight bytes: each edge is stored plus
/// one in 31 bits, the top bit of the horizontal word says "beside a box", that of the vertical word "in a box"
/// (a search step reads one cell per neighbour; 8 bytes instead of 12 packs more of them into each cache line).
struct GridCell {
    private var hBits: UInt32 = 0
    private var vBits: UInt32 = 0
    private static let flag: UInt32 = 0x8000_0000
    private static let edgeMask: UInt32 = 0x7FFF_FFFF

    var h: Int32 {
        get { Int32(bitPattern: hBits & GridCell.edgeMask) &- 1 }
        set { hBits = hBits & GridCell.flag | UInt32(bitPattern: newValue &+ 1) & GridCell.edgeMask }
    }
    var v: Int32 {
        get { Int32(bitPattern: vBits & GridCell.edgeMask) &- 1 }
        set { vBits = vBits & GridCell.flag | UInt32(bitPattern: newValue &+ 1) & GridCell.edgeMask }
    }
    var halo: Bool {
        get { hBits & GridCell.flag != 0 }
        set { hBits = newValue ? hBits | GridCell.flag : hBits & GridCell.edgeMask }
    }
    var blocked: Bool {
        get { vBits & GridCell.flag != 0 }
        set { vBits = newValue ? vBits | GridCell.flag : vBits & GridCell.edgeMask }
    }
    /// An edge runs horizontally / vertically through the cell.
    var hasH: Bool { hBits & GridCell.edgeMask != 0 }
    var hasV: Bool { vBits & GridCell.edgeMask != 0 }
    var occupied: Bool { (hBits | vBits) & GridCell.edgeMask != 0 }
}

/// The open states of a search: pushed with their estimated total cost, popped cheapest first.
protocol OpenStates: AnyObject {
    func removeAll()
    func push(cost: Int32, state: Int32)
    func pop() -> (Int32, Int32)?
}

/// Open states in one bucket per total cost (Dial's queue): the costs are small integers, so a push and a pop take
/// constant time where a heap of a large search's 100,000 entries takes a dozen levels of sifting. Equal costs pop
/// newest first (deterministic; the search then follows on from its latest step among equals). The lowest
/// non-empty bucket is found by moving a cursor, which a push below it moves back (an inflated heuristic can lower
/// the total cost along a path).
final class BucketQueue: OpenStates {
    /// Per cost: the newest entry of that bucket, -1 when empty.
    private var heads: UnsafeMutablePointer<Int32>
    private var headCapacity = 4096
    /// Per entry: the next older entry of its bucket (high half) and the state (low half).
    private var entries: UnsafeMutablePointer<UInt64>
    private var entryCapacity = 4096
    private var entryCount = 0
    private var cursor = Int.max
    private var highest = -1

    init() {
        heads = .allocate(capacity: headCapacity)
        heads.initialize(repeating: -1, count: headCapacity)
        entries = .allocate(capacity: entryCapacity)
    }

    deinit {
        heads.deallocate()
        entries.deallocate()
    }

    func removeAll() {
        if highest >= 0 { heads.update(repeating: -1, count: highest + 1) }
        entryCount = 0
        cursor = .max
        highest = -1
    }

    @inline(__always)
    func push(cost: Int32, state: Int32) {
        let f = Int(cost)
        if f >= headCapacity { growHeads(f) }
        if entryCount == entryCapacity { growEntries() }
        entries[entryCount] = UInt64(UInt32(bitPattern: heads[f])) << 32 | UInt64(UInt32(bitPattern: state))
        heads[f] = Int32(truncatingIfNeeded: entryCount)
        entryCount += 1
        if f < cursor { cursor = f }
        if f > highest { highest = f }
    }

    @inline(__always)
    func pop() -> (Int32, Int32)? {
        while cursor <= highest && heads[cursor] < 0 { cursor += 1 }
        guard cursor <= highest else { return nil }
        let entry = entries[Int(heads[cursor])]
        heads[cursor] = Int32(bitPattern: UInt32(truncatingIfNeeded: entry >> 32))
        return (Int32(cursor), Int32(bitPattern: UInt32(truncatingIfNeeded: entry)))
    }

    private func growHeads(_ f: Int) {
        var capacity = headCapacity
        while capacity <= f { capacity *= 2 }
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        bigger.update(from: heads, count: headCapacity)
        (bigger + headCapacity).initialize(repeating: -1, count: capacity - headCapacity)
        heads.deallocate()
        heads = bigger
        headCapacity = capacity
    }

    private func growEntries() {
        entries = doubling(entries, count: entryCount, capacity: entryCapacity)
        entryCapacity *= 2
    }
}

/// A buffer of twice `capacity` entries holding the first `count` of `old`, which is freed (the queues' growth).
private func doubling(_ old: UnsafeMutablePointer<UInt64>, count: Int, capacity: Int) -> UnsafeMutablePointer<UInt64> {
    let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity * 2)
    bigger.initialize(from: old, count: count)
    old.deallocate()
    return bigger
}

/// A 4-ary min-heap of (cost, state) packed in one UInt64 each; equal costs pop by state (deterministic). Four
/// children per node halve the depth of a binary heap, and the four sit in one cache line. A class over its own
/// buffer: the router's searches reuse one, with no copy-on-write checks in the loop.
final class MinHeap: OpenStates {
    private var keys: UnsafeMutablePointer<UInt64>
    private var capacity = 1024
    private var count = 0

    init() { keys = .allocate(capacity: capacity) }

    deinit { keys.deallocate() }

    func removeAll() { count = 0 }

    @inline(__always)
    func push(cost: Int32, state: Int32) {
        let key = UInt64(UInt32(bitPattern: cost)) << 32 | UInt64(UInt32(bitPattern: state))
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let p = (i - 1) >> 2
            if keys[p] <= key { break }
            keys[i] = keys[p]
            i = p
        }
        keys[i] = key
    }

    private func grow() {
        keys = doubling(keys, count: count, capacity: capacity)
        capacity *= 2
    }

    @inline(__always)
    func pop() -> (Int32, Int32)? {
        guard count > 0 else { return nil }
        let top = keys[0]
        count -= 1
        let n = count
        if n > 0 {
            let last = keys[n]
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= n { break }
                var m = first
                var smallest = keys[first]
                let end = min(first + 4, n)
                var j = first + 1
                while j < end {
                    if keys[j] < smallest { smallest = keys[j]; m = j }
                    j += 1
                }
                if smallest >= last { break }
                keys[i] = smallest
                i = m
            }
            keys[i] = last
        }
        return (Int32(bitPattern: UInt32(truncatingIfNeeded: top >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: top)))
    }
}


/// The A* scratch: one 32-bit word per search state (window cell * 4 + direction it was entered moving), 16 bytes
/// per cell, so a search step's neighbours share cache lines. A word is 0 while the state is unreached, else its cost
/// so far shifted left 3 bits with the direction of the state it was reached from (`fromSource`: a source port).
/// The words a search sets are listed and put back to 0 after it (no stamps to compare, no clearing of the whole
/// grid). The words are on memory fresh from the system (zero; pages no search touches are never made) and, where
/// the system allows it, on 2 MiB pages: a search over a large chart steps between rows tens of KiB apart, each on
/// its own 4 KiB page otherwise.
final class SearchScratch {
    let words: UnsafeMutablePointer<UInt32>
    private let mapping: UnsafeMutableRawPointer?
    private let mappedBytes: Int
    private var touched: UnsafeMutablePointer<Int32>
    private var touchedCapacity = 4096
    private var touchedCount = 0

    static let fromSource: UInt32 = 4
    /// Costs above this are not recorded (the word has 29 bits for them); no chart comes near it.
    static let maxCost = Int32(1 << 28)

    @inline(__always) static func word(cost: Int32, previous: UInt32) -> UInt32 { UInt32(cost) << 3 | previous }
    @inline(__always) static func cost(_ word: UInt32) -> Int32 { Int32(word >> 3) }
    @inline(__always) static func previous(_ word: UInt32) -> UInt32 { word & 7 }

    init(states count: Int) {
        let hugePage = 2 << 20
        let bytes = max(1, count) * MemoryLayout<UInt32>.stride
        let mapped = bytes + hugePage
        let raw = mmap(nil, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        if let raw, raw != MAP_FAILED {
            let offset = (hugePage - Int(bitPattern: raw) % hugePage) % hugePage
            let aligned = raw + offset
            _ = madvise(aligned, bytes, MADV_HUGEPAGE)  // advice only: 4 KiB pages work too
            mapping = raw
            mappedBytes = mapped
            words = aligned.bindMemory(to: UInt32.self, capacity: max(1, count))
        } else {
            mapping = nil
            mappedBytes = 0
            words = .allocate(capacity: max(1, count))
            words.initialize(repeating: 0, count: max(1, count))
        }
        touched = .allocate(capacity: touchedCapacity)
    }

    deinit {
        if let mapping { munmap(mapping, mappedBytes) } else { words.deallocate() }
        touched.deallocate()
    }

    /// Notes that the search is about to set word `state` (which is 0).
    @inline(__always)
    func touch(_ state: Int) {
        if touchedCount == touchedCapacity {
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: touchedCapacity * 2)
            bigger.initialize(from: touched, count: touchedCount)
            touched.deallocate()
            touched = bigger
            touchedCapacity *= 2
        }
        touched[touchedCount] = Int32(truncatingIfNeeded: state)
        touchedCount += 1
    }

    /// Puts every word set since the last call back to 0.
    func clearTouched() {
        for i in 0..<touchedCount { words[Int(touched[i])] = 0 }
        touchedCount = 0
    }
}
