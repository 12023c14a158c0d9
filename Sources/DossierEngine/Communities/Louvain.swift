import DossierModel

/// Communities found by the Louvain method (Blondel et al. 2008) on the undirected weighted graph, and their
/// modularity computed as networkx's `community.modularity` (resolution 1): Σc [Lc/m − (dc/2m)²].
public struct Communities: Sendable, Equatable {
    /// Community of each node: 0 is the largest (ties: the community holding the smaller node index first).
    public var label: [Int32]
    public var sizes: [Int]
    public var modularity: Double
    public var levels: Int

    public var count: Int { sizes.count }

    /// Louvain with nodes visited in an order shuffled by `seed`; each pass moves nodes to the neighbouring
    /// community of best modularity gain (ties: the lower community id) until nothing moves, then aggregates.
    public static func louvain(_ input: CSRGraph, seed: UInt64 = 1, resolution: Double = 1,
                               progress: AnalysisProgress? = nil) throws -> Communities {
        let g = input.directed ? CSRGraph.undirectedCopy(of: input) : input
        let n = g.nodeCount
        guard n > 0 else { return Communities(label: [], sizes: [], modularity: 0, levels: 0) }
        var rng = SeededGenerator(seed: seed)
        // Current level graph.
        var offsets = g.offsets, targets = g.targets.map(Int.init), weights = g.weights
        var selfWeight = [Double](repeating: 0, count: n)
        var membership = Array(0..<n)  // original node -> current level node
        var levelN = n
        var levels = 0
        progress.begin("communities", total: 0)
        while true {
            try progress.check()
            var degree = [Double](repeating: 0, count: levelN)
            var twoM = 0.0
            for v in 0..<levelN {
                var k = 2 * selfWeight[v]
                for e in offsets[v]..<offsets[v + 1] { k += weights[e] }
                degree[v] = k
                twoM += k
            }
            if twoM == 0 { break }
            var community = Array(0..<levelN)
            var total = degree
            var order = Array(0..<levelN)
            order.shuffle(using: &rng)
            var linkTo = [Double](repeating: 0, count: levelN)
            var touched: [Int] = []
            var movedAny = false
            var sweeps = 0
            // Sweep until a whole sweep gains less than 1e-7 modularity (networkx's threshold) or nothing moves.
            while sweeps < 100 {
                sweeps += 1
                try progress.check()
                var moves = 0
                var gained = 0.0
                for v in order {
                    let own = community[v]
                    for e in offsets[v]..<offsets[v + 1] {
                        let c = community[targets[e]]
                        if linkTo[c] == 0 { touched.append(c) }
                        linkTo[c] += weights[e]
                    }
                    total[own] -= degree[v]
                    let kv = degree[v]
                    let stay = linkTo[own] - resolution * total[own] * kv / twoM
                    var best = own
                    var bestGain = stay
                    for c in touched where c != own {
                        let gain = linkTo[c] - resolution * total[c] * kv / twoM
                        // Ties (within rounding) go to the lower community id, whatever the visiting order.
                        if gain > bestGain + 1e-12 || (gain >= bestGain - 1e-12 && best != own && c < best) {
                            bestGain = gain; best = c
                        }
                    }
                    total[best] += kv
                    if best != own { community[v] = best; moves += 1; movedAny = true; gained += bestGain - stay }
                    for c in touched { linkTo[c] = 0 }
                    linkTo[own] = 0
                    touched.removeAll(keepingCapacity: true)
                }
                if moves == 0 || gained / (twoM / 2) < 1e-7 { break }
            }
            if !movedAny { break }
            levels += 1
            // Renumber communities densely and aggregate.
            var dense = [Int](repeating: -1, count: levelN)
            var next = 0
            for v in 0..<levelN where dense[community[v]] < 0 { dense[community[v]] = next; next += 1 }
            for i in 0..<n { membership[i] = dense[community[membership[i]]] }
            var newSelf = [Double](repeating: 0, count: next)
            var arcs = EdgeList()
            arcs.reserve(targets.count)
            for v in 0..<levelN {
                let cv = dense[community[v]]
                newSelf[cv] += selfWeight[v]
                for e in offsets[v]..<offsets[v + 1] {
                    let cw = dense[community[targets[e]]]
                    if cv == cw { newSelf[cv] += weights[e] / 2 }  // each internal edge is seen from both ends
                    else { arcs.append(Int32(cv), Int32(cw), weights[e]) }
                }
            }
            // Both directions are present, so a directed compression keeps the adjacency symmetric.
            let level = CSRGraph(nodeCount: next, directed: true, edges: arcs)
            let newOffsets = level.offsets, newTargets = level.targets.map(Int.init), newWeights = level.weights
            offsets = newOffsets; targets = newTargets; weights = newWeights; selfWeight = newSelf; levelN = next
            if next == 1 { break }
        }
        // Label by size.
        var sizes = [Int](repeating: 0, count: levelN)
        var firstNode = [Int](repeating: Int.max, count: levelN)
        for (i, c) in membership.enumerated() { sizes[c] += 1; firstNode[c] = min(firstNode[c], i) }
        let used = (0..<levelN).filter { sizes[$0] > 0 }
            .sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : firstNode[$0] < firstNode[$1] }
        var relabel = [Int32](repeating: 0, count: levelN)
        for (l, c) in used.enumerated() { relabel[c] = Int32(l) }
        let label = membership.map { relabel[$0] }
        return Communities(label: label, sizes: used.map { sizes[$0] }, modularity: modularity(g, label: label),
                           levels: levels)
    }

    /// networkx `community.modularity(G, communities, weight="weight", resolution=1)` for an undirected graph.
    public static func modularity(_ g: CSRGraph, label: [Int32], resolution: Double = 1) -> Double {
        let n = g.nodeCount
        guard label.count == n, n > 0 else { return 0 }
        let count = Int(label.max() ?? 0) + 1
        var internalW = [Double](repeating: 0, count: count)
        var degreeSum = [Double](repeating: 0, count: count)
        var twoM = 0.0
        for v in 0..<n {
            let c = Int(label[v])
            for e in g.outRange(v) {
                let w = g.weights[e]
                degreeSum[c] += w
                twoM += w
                if label[Int(g.targets[e])] == label[v] { internalW[c] += w }
            }
        }
        guard twoM > 0 else { return 0 }
        let m = twoM / 2
        var q = 0.0
        for c in 0..<count {
            q += (internalW[c] / 2) / m - resolution * (degreeSum[c] / twoM) * (degreeSum[c] / twoM)
        }
        return q
    }
}

extension CSRGraph {
    /// The undirected graph with the same node set: u–v weighs the sum of u→v and v→u.
    static func undirectedCopy(of g: CSRGraph) -> CSRGraph {
        var edges = EdgeList()
        edges.reserve(g.targets.count)
        for v in 0..<g.nodeCount { for k in g.outRange(v) { edges.append(Int32(v), g.targets[k], g.weights[k]) } }
        return CSRGraph(nodeCount: g.nodeCount, directed: false, edges: edges)
    }
}
