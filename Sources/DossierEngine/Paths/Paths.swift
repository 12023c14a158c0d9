/// Shortest paths in hops (breadth-first), with ties broken deterministically: among equal-length paths the one
/// whose node indices come first, position by position (node indices follow item id order, so: older items first).
public enum Paths {
    /// Hop distances from `s` (-1 unreached), searching at most `maxHops` (nil: unlimited).
    public static func hopDistances(_ g: CSRGraph, from s: Int, maxHops: Int? = nil, reverse: Bool = false) -> [Int32] {
        var dist = [Int32](repeating: -1, count: g.nodeCount)
        guard s >= 0, s < g.nodeCount else { return dist }
        var queue: [Int32] = [Int32(s)]
        dist[s] = 0
        var head = 0
        let limit = Int32(clamping: maxHops ?? Int(Int32.max))
        while head < queue.count {
            let v = Int(queue[head]); head += 1
            let d = dist[v]
            if d >= limit { continue }
            let range = reverse ? g.inRange(v) : g.outRange(v)
            for k in range {
                let w = Int(reverse ? g.inSources[k] : g.targets[k])
                if dist[w] < 0 { dist[w] = d + 1; queue.append(Int32(w)) }
            }
        }
        return dist
    }

    /// The shortest path from `s` to `t` (first in tie order), nil when none within `maxHops`.
    public static func shortestPath(_ g: CSRGraph, from s: Int, to t: Int, maxHops: Int? = nil) -> [Int]? {
        allShortestPaths(g, from: s, to: t, maxHops: maxHops, limit: 1).first
    }

    /// Every shortest path from `s` to `t` in tie order, at most `limit` of them.
    public static func allShortestPaths(_ g: CSRGraph, from s: Int, to t: Int, maxHops: Int? = nil,
                                        limit: Int = 1000) -> [[Int]] {
        guard s >= 0, t >= 0, s < g.nodeCount, t < g.nodeCount, limit > 0 else { return [] }
        if s == t { return [[s]] }
        let fromS = hopDistances(g, from: s, maxHops: maxHops)
        let total = fromS[t]
        guard total > 0 else { return [] }
        let toT = hopDistances(g, from: t, maxHops: Int(total), reverse: true)
        var out: [[Int]] = []
        var path = [s]
        func extend(_ v: Int) {
            if out.count >= limit { return }
            if v == t { out.append(path); return }
            for k in g.outRange(v) {  // targets are sorted: tie order
                let w = Int(g.targets[k])
                if fromS[w] == fromS[v] + 1 && toT[w] >= 0 && fromS[w] + toT[w] == total {
                    path.append(w); extend(w); path.removeLast()
                    if out.count >= limit { return }
                }
            }
        }
        extend(s)
        return out
    }

    /// Nodes within `depth` hops of `s` (excluding `s`), with their hop distance, nearest first then index order.
    public static func neighbours(_ g: CSRGraph, of s: Int, depth: Int) -> [(node: Int, hops: Int)] {
        let d = hopDistances(g, from: s, maxHops: max(0, depth))
        var out: [(node: Int, hops: Int)] = []
        for v in 0..<g.nodeCount where d[v] > 0 { out.append((v, Int(d[v]))) }
        return out.sorted { $0.hops != $1.hops ? $0.hops < $1.hops : $0.node < $1.node }
    }
}

/// The connecting network of a set of nodes (i2's Find Connecting Network): for every pair one shortest path,
/// chosen among the equal-length ones to run through intermediaries that lie on the shortest paths of the most
/// other pairs, so the network is small and its shared go-betweens stand out.
public struct ConnectingNetwork: Sendable, Equatable {
    public struct PairPath: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var path: [Int]
    }
    /// Every node of the network (members and intermediaries), in index order.
    public var nodes: [Int]
    /// Undirected edges (u < v) of the chosen paths, sorted.
    public var edges: [PairPath]
    public var paths: [PairPath]
    /// Member pairs with no path within the hop limit.
    public var unconnected: [(Int, Int)]
    /// Intermediaries (non-members) with how many chosen paths pass through them, most first.
    public var intermediaries: [(node: Int, paths: Int)]

    public static func == (a: ConnectingNetwork, b: ConnectingNetwork) -> Bool {
        a.nodes == b.nodes && a.paths == b.paths && a.unconnected.map { [$0.0, $0.1] } == b.unconnected.map { [$0.0, $0.1] }
    }

    /// `g` should be undirected (a connecting network ignores direction).
    public static func find(_ g: CSRGraph, members input: [Int], maxHops: Int? = nil,
                            progress: AnalysisProgress? = nil) throws -> ConnectingNetwork {
        let members = Array(Set(input.filter { $0 >= 0 && $0 < g.nodeCount })).sorted()
        var dist: [[Int32]] = []
        progress.begin("connect", total: members.count)
        for m in members {
            try progress.check()
            dist.append(Paths.hopDistances(g, from: m, maxHops: maxHops))
            progress.advance()
        }
        let memberSet = Set(members)
        // How many pairs each node could serve as a shortest-path intermediary for.
        var share = [Int](repeating: 0, count: g.nodeCount)
        var pairs: [(Int, Int)] = []
        for i in 0..<members.count { for j in (i + 1)..<members.count { pairs.append((i, j)) } }
        for (i, j) in pairs {
            let total = dist[i][members[j]]
            guard total > 0 else { continue }
            for v in 0..<g.nodeCount where dist[i][v] >= 0 && dist[j][v] >= 0 && dist[i][v] + dist[j][v] == total {
                if !memberSet.contains(v) { share[v] += 1 }
            }
        }
        var paths: [PairPath] = [], unconnected: [(Int, Int)] = []
        var nodeSet = Set(members)
        var edgeSet = Set<[Int]>()
        var through = [Int: Int]()
        for (i, j) in pairs {
            try progress.check()
            let s = members[i], t = members[j]
            let total = Int(dist[i][t])
            guard total > 0 else { unconnected.append((s, t)); continue }
            // Best score to reach t from v along shortest-path arcs: dynamic programming by decreasing distance.
            var best = [Int: Int]()
            var next = [Int: Int]()
            var layers = [[Int]](repeating: [], count: total + 1)
            for v in 0..<g.nodeCount where dist[i][v] >= 0 && dist[j][v] >= 0 && Int(dist[i][v] + dist[j][v]) == total {
                layers[Int(dist[i][v])].append(v)
            }
            best[t] = 0
            for level in stride(from: total - 1, through: 0, by: -1) {
                for v in layers[level] {
                    var bestScore = Int.min, bestNext = -1
                    for k in g.outRange(v) {
                        let w = Int(g.targets[k])
                        guard Int(dist[i][w]) == level + 1, let b = best[w] else { continue }
                        if b > bestScore { bestScore = b; bestNext = w }  // targets ascend: first max wins ties
                    }
                    if bestNext >= 0 {
                        best[v] = bestScore + (v == s || v == t ? 0 : share[v])
                        next[v] = bestNext
                    }
                }
            }
            var path = [s]
            var v = s
            while v != t, let w = next[v] { path.append(w); v = w }
            paths.append(PairPath(from: s, to: t, path: path))
            for k in 0..<(path.count - 1) { edgeSet.insert([min(path[k], path[k + 1]), max(path[k], path[k + 1])]) }
            for v in path { nodeSet.insert(v) }
            for v in path.dropFirst().dropLast() { through[v, default: 0] += 1 }
        }
        let edges = edgeSet.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
            .map { PairPath(from: $0[0], to: $0[1], path: $0) }
        let inter = through.map { (node: $0.key, paths: $0.value) }
            .sorted { $0.paths != $1.paths ? $0.paths > $1.paths : $0.node < $1.node }
        return ConnectingNetwork(nodes: nodeSet.sorted(), edges: edges, paths: paths, unconnected: unconnected,
                                 intermediaries: inter)
    }
}

/// Connected components (weak components for a directed graph): labels 0... by size, largest first
/// (ties: the component holding the smaller node index first).
public struct Components: Sendable, Equatable {
    public var label: [Int32]
    public var sizes: [Int]
    public var count: Int { sizes.count }

    public static func find(_ g: CSRGraph, progress: AnalysisProgress? = nil) throws -> Components {
        let n = g.nodeCount
        var parent = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
            for v in 0..<n { buffer[v] = Int32(v) }
            count = n
        }
        var raw = [Int32](repeating: -1, count: n)
        var rawSizes: [Int] = []
        progress.begin("components", total: n)
        try progress.check()
        // Union-find in the manner of Afforest (Sutton et al. 2018): link every node to its first two neighbours,
        // which already joins nearly all of a giant component; then only nodes outside the most common root scan
        // the rest of their edges. An edge from a giant-component node to an outside node is still seen, from the
        // outside node's side (the undirected adjacency is symmetric; a directed graph's in-lists hold the reverse),
        // so most edges are never read — igraph's full search is the bar here.
        // Raw buffers: bounds checks and array indirection would otherwise double the cost of each link.
        try parent.withUnsafeMutableBufferPointer { parent in
            try g.offsets.withUnsafeBufferPointer { offsets in
                try g.targets.withUnsafeBufferPointer { targets in
                    try g.inOffsets.withUnsafeBufferPointer { inOffsets in
                        try g.inSources.withUnsafeBufferPointer { inSources in
                            @inline(__always) func root(_ x: Int32) -> Int32 {
                                var x = x
                                while parent[Int(x)] != x {  // path halving
                                    let grand = parent[Int(parent[Int(x)])]
                                    parent[Int(x)] = grand
                                    x = grand
                                }
                                return x
                            }
                            // The giant root, once known, stays a root: everything else hooks under it.
                            var giant: Int32 = -1
                            @inline(__always) func link(_ u: Int32, _ w: Int32) {
                                let a = root(u), b = root(w)
                                guard a != b else { return }
                                if a == giant { parent[Int(b)] = a }
                                else if b == giant { parent[Int(a)] = b }
                                else if a < b { parent[Int(b)] = a } else { parent[Int(a)] = b }
                            }
                            let sampled = 2
                            for r in 0..<sampled {
                                for v in 0..<n where offsets[v] + r < offsets[v + 1] {
                                    link(Int32(v), targets[offsets[v] + r])
                                }
                            }
                            try progress.check()
                            // The most common root after sampling (ties: the smaller root, for determinism).
                            var count = [Int32](repeating: 0, count: n)
                            var best: Int32 = 0
                            for v in 0..<n {
                                let r = root(Int32(v))
                                parent[v] = r
                                count[Int(r)] += 1
                                if count[Int(r)] > best || (count[Int(r)] == best && r < giant) { best = count[Int(r)]; giant = r }
                            }
                            for v in 0..<n where root(Int32(v)) != giant {
                                if v & 4095 == 0 { try progress.check() }
                                let from = min(offsets[v] + sampled, offsets[v + 1])
                                for k in from..<offsets[v + 1] { link(Int32(v), targets[k]) }
                                if g.directed {
                                    for k in inOffsets[v]..<inOffsets[v + 1] { link(Int32(v), inSources[k]) }
                                }
                            }
                            // Raw labels in order of smallest member.
                            try raw.withUnsafeMutableBufferPointer { raw in
                                var rawOfRoot = [Int32](repeating: -1, count: n)
                                for v in 0..<n {
                                    if v & 65535 == 0 { try progress.check() }
                                    let r = Int(root(Int32(v)))
                                    if rawOfRoot[r] < 0 { rawOfRoot[r] = Int32(rawSizes.count); rawSizes.append(0) }
                                    let c = rawOfRoot[r]
                                    raw[v] = c
                                    rawSizes[Int(c)] += 1
                                }
                            }
                            progress.advance(by: n)
                        }
                    }
                }
            }
        }
        // Raw labels are in order of smallest member; a stable sort by size keeps that for ties.
        let order = rawSizes.indices.sorted { rawSizes[$0] != rawSizes[$1] ? rawSizes[$0] > rawSizes[$1] : $0 < $1 }
        var relabel = [Int32](repeating: 0, count: rawSizes.count)
        for (newLabel, old) in order.enumerated() { relabel[old] = Int32(newLabel) }
        return Components(label: raw.map { relabel[Int($0)] }, sizes: order.map { rawSizes[$0] })
    }
}
