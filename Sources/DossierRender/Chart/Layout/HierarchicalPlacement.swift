import DossierModel

/// Layered placement (Sugiyama): orient and break cycles, longest-path layering with dummy nodes on long edges,
/// crossing reduction by median/barycenter sweeps (keeping the best order seen), and x-compaction that pulls each node
/// towards its neighbours while keeping boxes apart. Nodes without links are packed in rows underneath.
enum HierarchicalPlacement {
    static func place(_ ctx: PlacementContext) -> Placement {
        let t = ctx.topology
        let n = t.count
        guard n > 0 else { return Placement(rects: []) }
        let degree = t.degrees
        let linked = (0..<n).filter { degree[$0] > 0 }
        let isolated = (0..<n).filter { degree[$0] == 0 }
        var placement = Placement(rects: [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: n))
        var bottom = 0
        var right = 0
        if !linked.isEmpty {
            let arcs = acyclicArcs(t)
            let layer = layering(n: n, arcs: arcs, members: linked)
            var graph = LayeredGraph(n: n, layer: layer, members: linked, arcs: arcs, boxes: ctx.boxes, topology: t)
            graph.reduceCrossings()
            let xs = graph.assignX(gapX: ctx.gapX)
            // Rows: each layer as tall as its tallest box, gaps growing with the links between layers.
            var y = 0
            var layerY = [Int](repeating: 0, count: graph.layers.count)
            for (l, members) in graph.layers.enumerated() {
                layerY[l] = y
                let h = members.filter { $0 < n }.map { ctx.boxes[$0].height }.max() ?? 1
                let between = graph.edgesBelow(layer: l)
                // Room for the horizontal runs: as many rows as links that must pass one column side by side.
                let channel = graph.channelDensity(below: l, left: xs)
                y += h + ctx.gapY + min(60, max(min(5, between / 3), channel - 1))
            }
            for v in linked {
                let l = layer[v]
                let h = graph.layers[l].filter { $0 < n }.map { ctx.boxes[$0].height }.max() ?? 1
                placement.rects[v] = Rect(x: xs[v], y: layerY[l] + (h - ctx.boxes[v].height) / 2,
                                          width: ctx.boxes[v].width, height: ctx.boxes[v].height)
            }
            bottom = y
            right = linked.map { placement.rects[$0].maxX }.max() ?? 0
        }
        // Unlinked nodes: rows under the layers, as wide as the layered part (or the allowed width).
        let rowWidth = max(right, min(ctx.maxWidth ?? Int.max, 80), isolated.map { ctx.boxes[$0].width }.max() ?? 0)
        var x = 0
        var rowHeight = 0
        for v in isolated {
            let b = ctx.boxes[v]
            if x > 0 && x + b.width > rowWidth { x = 0; bottom += rowHeight + ctx.gapY; rowHeight = 0 }
            placement.rects[v] = Rect(x: x, y: bottom, width: b.width, height: b.height)
            x += b.width + ctx.gapX
            rowHeight = max(rowHeight, b.height)
        }
        return placement
    }

    /// Every edge as an arc (from, to) of an acyclic orientation: directed edges as given, undirected ones from the
    /// node nearer a root to the farther; arcs closing a cycle (found by depth-first search) are reversed.
    static func acyclicArcs(_ t: ChartTopology) -> [(Int, Int)] {
        let n = t.count
        let degree = t.degrees
        var indegree = [Int](repeating: 0, count: n)
        for (k, (_, b)) in t.endpoints.enumerated() where t.directed[k] { indegree[b] += 1 }
        // Roots: per component, a node without incoming directed links, best connected first.
        let candidates = (0..<n).sorted {
            (indegree[$0] == 0 ? 0 : 1, -degree[$0], $0) < (indegree[$1] == 0 ? 0 : 1, -degree[$1], $1)
        }
        var depth = [Int](repeating: -1, count: n)
        var bfsRank = [Int](repeating: 0, count: n)
        var rank = 0
        for root in candidates where depth[root] < 0 {
            depth[root] = 0
            var queue = [root]
            var head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                bfsRank[v] = rank; rank += 1
                for w in t.neighbours[v] where depth[w] < 0 { depth[w] = depth[v] + 1; queue.append(w) }
            }
        }
        var arcs: [(Int, Int)] = t.endpoints.enumerated().map { k, e in
            if t.directed[k] { return e }
            let (a, b) = e
            return (depth[a], bfsRank[a]) <= (depth[b], bfsRank[b]) ? (a, b) : (b, a)
        }
        // Depth-first search for back arcs (iterative; deterministic order).
        var out = [[Int]](repeating: [], count: n)  // arc indices leaving each node
        for (k, (a, _)) in arcs.enumerated() { out[a].append(k) }
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on stack, 2 done
        let starts = (0..<n).sorted { (bfsRank[$0]) < (bfsRank[$1]) }
        for s in starts where state[s] == 0 {
            var stack: [(Int, Int)] = [(s, 0)]
            state[s] = 1
            while let top = stack.last {
                let (v, i) = top
                if i < out[v].count {
                    stack[stack.count - 1].1 = i + 1
                    let k = out[v][i]
                    let w = arcs[k].1
                    if state[w] == 1 {
                        arcs[k] = (w, v)  // closes a cycle: reverse it
                    } else if state[w] == 0 {
                        state[w] = 1
                        stack.append((w, 0))
                    }
                } else {
                    state[v] = 2
                    stack.removeLast()
                }
            }
        }
        return arcs
    }

    /// Longest-path layers over the arcs, then sources pulled down next to their first successor.
    static func layering(n: Int, arcs: [(Int, Int)], members: [Int]) -> [Int] {
        var indegree = [Int](repeating: 0, count: n)
        var succ = [[Int]](repeating: [], count: n), pred = [[Int]](repeating: [], count: n)
        for (a, b) in arcs { indegree[b] += 1; succ[a].append(b); pred[b].append(a) }
        var layer = [Int](repeating: 0, count: n)
        var queue = members.filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in succ[v] {
                layer[w] = max(layer[w], layer[v] + 1)
                indegree[w] -= 1
                if indegree[w] == 0 { queue.append(w) }
            }
        }
        for v in members where pred[v].isEmpty && !succ[v].isEmpty {
            layer[v] = (succ[v].map { layer[$0] }.min() ?? 1) - 1
        }
        return layer
    }
}

/// The layered graph with dummy nodes (indices ≥ n) on arcs spanning several layers.
struct LayeredGraph {
    let n: Int
    var layers: [[Int]]
    var layerOf: [Int]
    var width: [Int]
    var up: [[Int]]
    var down: [[Int]]

    init(n: Int, layer: [Int], members: [Int], arcs: [(Int, Int)], boxes: [NodeBox], topology: ChartTopology) {
        self.n = n
        let layerCount = (members.map { layer[$0] }.max() ?? 0) + 1
        layerOf = layer
        width = boxes.map(\.width)
        up = [[Int]](repeating: [], count: n)
        down = [[Int]](repeating: [], count: n)
        var chains: [(Int, Int)] = []
        for (a, b) in arcs {
            var prev = a
            var l = layer[a] + 1
            while l < layer[b] {
                let d = layerOf.count
                layerOf.append(l); width.append(1); up.append([]); down.append([])
                chains.append((prev, d))
                prev = d
                l += 1
            }
            chains.append((prev, b))
        }
        for (a, b) in chains { down[a].append(b); up[b].append(a) }
        // Initial order: breadth-first from the top layer, so components and subtrees start together.
        var seen = [Bool](repeating: false, count: layerOf.count)
        var ordered = [[Int]](repeating: [], count: layerCount)
        let starts = members.sorted { (layer[$0], $0) < (layer[$1], $1) }
        for s in starts where !seen[s] {
            seen[s] = true
            var queue = [s]
            var head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                ordered[layerOf[v]].append(v)
                for w in down[v] + up[v] where !seen[w] { seen[w] = true; queue.append(w) }
            }
        }
        layers = ordered
        _ = topology
    }

    /// Arcs from layer `l` to `l + 1`.
    func edgesBelow(layer l: Int) -> Int {
        guard l < layers.count else { return 0 }
        return layers[l].reduce(0) { $0 + down[$1].count }
    }

    /// Most arcs from layer `l` to `l + 1` whose horizontal spans (centre to centre) overlap at one column: the
    /// horizontal tracks routing needs between the two layers.
    func channelDensity(below l: Int, left: [Int]) -> Int {
        guard l + 1 < layers.count else { return 0 }
        var events: [(Int, Int)] = []  // (x, +1 open / -1 close); closes sort first at one x
        for v in layers[l] {
            let cv = 2 * left[v] + width[v]
            for w in down[v] {
                let cw = 2 * left[w] + width[w]
                guard abs(cv - cw) > 2 else { continue }  // straight down: no horizontal run
                events.append((min(cv, cw), 1))
                events.append((max(cv, cw), -1))
            }
        }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var open = 0, most = 0
        for (_, d) in events { open += d; most = max(most, open) }
        return most
    }

    /// Median/barycenter sweeps down and up, keeping the order with the fewest crossings.
    mutating func reduceCrossings(rounds: Int = 10) {
        var best = layers
        var bestCrossings = totalCrossings()
        guard bestCrossings > 0 else { return }
        for round in 0..<rounds {
            if round % 2 == 0 {
                for l in 1..<max(1, layers.count) { reorder(layer: l, byUpper: true) }
            } else {
                for l in stride(from: layers.count - 2, through: 0, by: -1) { reorder(layer: l, byUpper: false) }
            }
            let c = totalCrossings()
            if c < bestCrossings {
                bestCrossings = c
                best = layers
                if c == 0 { break }
            }
        }
        layers = best
    }

    private mutating func reorder(layer l: Int, byUpper: Bool) {
        let refLayer = byUpper ? l - 1 : l + 1
        guard refLayer >= 0 && refLayer < layers.count else { return }
        // Positions in the reference layer, by node (valid for the nodes whose layer is `refLayer`).
        var pos = [Int](repeating: 0, count: layerOf.count)
        for (i, v) in layers[refLayer].enumerated() { pos[v] = i }
        let current = layers[l]
        var keys: [(Double, Int)] = []
        keys.reserveCapacity(current.count)
        var ps: [Int] = []
        for (i, v) in current.enumerated() {
            ps.removeAll(keepingCapacity: true)
            for w in byUpper ? up[v] : down[v] where layerOf[w] == refLayer { ps.append(pos[w]) }
            if ps.isEmpty {
                keys.append((-1, i))  // filled in below: keeps its place
                continue
            }
            ps.sort()
            let m = ps.count
            let median = m % 2 == 1 ? Double(ps[m / 2]) : Double(ps[m / 2 - 1] + ps[m / 2]) / 2
            let mean = Double(ps.reduce(0, +)) / Double(m)
            keys.append((median * 0.75 + mean * 0.25, i))
        }
        // Nodes without neighbours in the reference layer keep their neighbours' order around them.
        var last = -0.5
        for i in keys.indices {
            if keys[i].0 < 0 { keys[i].0 = last } else { last = keys[i].0 }
        }
        let order = keys.indices.sorted { keys[$0].0 != keys[$1].0 ? keys[$0].0 < keys[$1].0 : keys[$0].1 < keys[$1].1 }
        layers[l] = order.map { current[$0] }
    }

    func totalCrossings() -> Int {
        guard layers.count > 1 else { return 0 }
        var total = 0
        var pos = [Int](repeating: 0, count: layerOf.count)
        var seq: [Int] = [], buffer: [Int] = [], ends: [Int] = []
        for l in 0..<(layers.count - 1) { total += crossings(between: l, pos: &pos, seq: &seq, buffer: &buffer, ends: &ends) }
        return total
    }

    /// Crossings between layer l and l+1: inversions among arc end positions (merge-sort count). The arrays are
    /// scratch space, reused from layer to layer.
    private func crossings(between l: Int, pos: inout [Int], seq: inout [Int], buffer: inout [Int],
                           ends: inout [Int]) -> Int {
        for (i, v) in layers[l + 1].enumerated() { pos[v] = i }
        seq.removeAll(keepingCapacity: true)
        for v in layers[l] {
            ends.removeAll(keepingCapacity: true)
            for w in down[v] where layerOf[w] == l + 1 { ends.append(pos[w]) }
            ends.sort()
            seq.append(contentsOf: ends)
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: seq)
        return LayeredGraph.inversions(&seq, &buffer, 0, seq.count)
    }

    private static func inversions(_ a: inout [Int], _ tmp: inout [Int], _ lo: Int, _ hi: Int) -> Int {
        guard hi - lo > 1 else { return 0 }
        let mid = (lo + hi) / 2
        var count = inversions(&a, &tmp, lo, mid) + inversions(&a, &tmp, mid, hi)
        var i = lo, j = mid, k = lo
        while i < mid && j < hi {
            if a[i] <= a[j] { tmp[k] = a[i]; i += 1 } else { tmp[k] = a[j]; j += 1; count += mid - i }
            k += 1
        }
        while i < mid { tmp[k] = a[i]; i += 1; k += 1 }
        while j < hi { tmp[k] = a[j]; j += 1; k += 1 }
        for m in lo..<hi { a[m] = tmp[m] }
        return count
    }

    /// Left x of every node (real and dummy): each layer placed in order at the positions closest (least squares) to
    /// the mean centre of its neighbours, subject to the spacing; alternating downward and upward passes.
    func assignX(gapX: Int) -> [Int] {
        let count = layerOf.count
        var centre = [Double](repeating: 0, count: count)
        for members in layers {  // start packed from the left
            var x = 0.0
            for (i, v) in members.enumerated() {
                if i > 0 { x += separation(members[i - 1], v, gapX: gapX) }
                centre[v] = x
            }
        }
        let passes: [(Bool, Bool)] = [(true, false), (false, true), (true, false), (false, true), (true, true)]
        for (useUp, useDown) in passes {
            let range: [Int] = useUp && !useDown ? Array(layers.indices) : Array(layers.indices.reversed())
            for l in range {
                let members = layers[l]
                guard !members.isEmpty else { continue }
                var desired = [Double](repeating: 0, count: members.count)
                for (i, v) in members.enumerated() {
                    var refs: [Int] = []
                    if useUp { refs += up[v] }
                    if useDown { refs += down[v] }
                    desired[i] = refs.isEmpty ? centre[v] : refs.reduce(0.0) { $0 + centre[$1] } / Double(refs.count)
                }
                var offsets = [Double](repeating: 0, count: members.count)
                for i in 1..<members.count { offsets[i] = offsets[i - 1] + separation(members[i - 1], members[i], gapX: gapX) }
                let fitted = LayeredGraph.isotonic(zip(desired, offsets).map { $0 - $1 })
                for (i, v) in members.enumerated() { centre[v] = fitted[i] + offsets[i] }
            }
        }
        // Integer left edges keeping the spacing, then shift so the leftmost is at 0.
        var left = [Int](repeating: 0, count: count)
        var minLeft = Int.max
        for members in layers {
            var prevEnd = Int.min / 2
            for (i, v) in members.enumerated() {
                var x = Int((centre[v] - Double(width[v]) / 2).rounded())
                if i > 0 { x = max(x, prevEnd + gap(members[i - 1], v, gapX: gapX)) }
                left[v] = x
                prevEnd = x + width[v]
                minLeft = min(minLeft, x)
            }
        }
        if minLeft != Int.max { for v in 0..<count { left[v] -= minLeft } }
        return left
    }

    private func gap(_ a: Int, _ b: Int, gapX: Int) -> Int {
        (a >= n && b >= n) ? 1 : (a >= n || b >= n ? max(2, gapX / 2) : gapX)
    }

    private func separation(_ a: Int, _ b: Int, gapX: Int) -> Double {
        Double(width[a] + width[b]) / 2 + Double(gap(a, b, gapX: gapX))
    }

    /// Least-squares non-decreasing fit (pool adjacent violators).
    static func isotonic(_ z: [Double]) -> [Double] {
        var values: [Double] = [], weights: [Double] = [], sizes: [Int] = []
        for v in z {
            values.append(v); weights.append(1); sizes.append(1)
            while values.count > 1 && values[values.count - 2] > values[values.count - 1] {
                let w = weights[weights.count - 2] + weights[weights.count - 1]
                let m = (values[values.count - 2] * weights[weights.count - 2] + values[values.count - 1] * weights[weights.count - 1]) / w
                let s = sizes[sizes.count - 2] + sizes[sizes.count - 1]
                values.removeLast(2); weights.removeLast(2); sizes.removeLast(2)
                values.append(m); weights.append(w); sizes.append(s)
            }
        }
        var out: [Double] = []
        out.reserveCapacity(z.count)
        for (v, s) in zip(values, sizes) { out.append(contentsOf: repeatElement(v, count: s)) }
        return out
    }
}
