/// A graph in compressed-sparse-row arrays: node indices are Int32, weights Double.
///
/// `offsets[v]..<offsets[v+1]` index the out-neighbours of `v` in `targets`/`weights`, sorted by target.
/// For a directed graph the in-neighbours are kept too (`inOffsets`, `inSources`, `inWeights`);
/// for an undirected graph both views are the same symmetric adjacency.
///
/// Repeated edges between one (ordered, for directed graphs) pair are merged into one edge whose weight is the
/// sum of theirs. Self-loops are dropped when the graph is built and counted in `droppedSelfLoops`: a phone
/// calling itself or an account paying itself says nothing about connections between entities.
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    public let directed: Bool
    public let offsets: [Int]
    public let targets: [Int32]
    public let weights: [Double]
    public let inOffsets: [Int]
    public let inSources: [Int32]
    public let inWeights: [Double]
    public let droppedSelfLoops: Int

    /// Number of edges: ordered pairs for a directed graph, unordered pairs for an undirected one.
    public var edgeCount: Int { directed ? targets.count : targets.count / 2 }

    @inline(__always) public func outRange(_ v: Int) -> Range<Int> { offsets[v]..<offsets[v + 1] }
    @inline(__always) public func inRange(_ v: Int) -> Range<Int> { inOffsets[v]..<inOffsets[v + 1] }
    public func outDegree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }
    public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

    /// Out-neighbours of `v` in index order.
    public func neighbours(_ v: Int) -> ArraySlice<Int32> { targets[outRange(v)] }

    /// The weight of the edge u→v (u–v when undirected), nil when there is none.
    public func weight(_ u: Int, _ v: Int) -> Double? {
        let r = outRange(u)
        var lo = r.lowerBound, hi = r.upperBound
        let t = Int32(v)
        while lo < hi {
            let mid = (lo + hi) / 2
            if targets[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < r.upperBound && targets[lo] == t ? weights[lo] : nil
    }

    /// The same graph with every edge reversed (in- and out-adjacency swapped).
    public var reversed: CSRGraph {
        guard directed else { return self }
        return CSRGraph(nodeCount: nodeCount, directed: true, offsets: inOffsets, targets: inSources, weights: inWeights,
                        inOffsets: offsets, inSources: targets, inWeights: weights, droppedSelfLoops: droppedSelfLoops)
    }

    /// All edge weights set to 1.
    public var unweighted: CSRGraph {
        CSRGraph(nodeCount: nodeCount, directed: directed, offsets: offsets, targets: targets,
                 weights: [Double](repeating: 1, count: targets.count), inOffsets: inOffsets, inSources: inSources,
                 inWeights: [Double](repeating: 1, count: inSources.count), droppedSelfLoops: droppedSelfLoops)
    }

    init(nodeCount: Int, directed: Bool, offsets: [Int], targets: [Int32], weights: [Double],
         inOffsets: [Int], inSources: [Int32], inWeights: [Double], droppedSelfLoops: Int) {
        self.nodeCount = nodeCount
        self.directed = directed
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.inOffsets = inOffsets
        self.inSources = inSources
        self.inWeights = inWeights
        self.droppedSelfLoops = droppedSelfLoops
    }

    /// Builds a graph of `nodeCount` nodes from an edge list. For an undirected graph each (u, v) joins both ways.
    /// Edges naming a node outside `0..<nodeCount`, or with a weight that is not a finite number, are skipped.
    public init(nodeCount: Int, directed: Bool, edges: EdgeList) {
        var src: [Int32] = [], dst: [Int32] = [], w: [Double] = []
        src.reserveCapacity(edges.count * (directed ? 1 : 2))
        dst.reserveCapacity(src.capacity)
        w.reserveCapacity(src.capacity)
        var loops = 0
        for i in 0..<edges.count {
            let u = edges.sources[i], v = edges.targets[i], wt = edges.weights[i]
            guard u >= 0, v >= 0, Int(u) < nodeCount, Int(v) < nodeCount, wt.isFinite else { continue }
            if u == v { loops += 1; continue }
            src.append(u); dst.append(v); w.append(wt)
            if !directed { src.append(v); dst.append(u); w.append(wt) }
        }
        let out = CSRGraph.compress(nodeCount: nodeCount, rows: src, cols: dst, weights: w)
        if directed {
            let inn = CSRGraph.compress(nodeCount: nodeCount, rows: dst, cols: src, weights: w)
            self.init(nodeCount: nodeCount, directed: true, offsets: out.offsets, targets: out.cols, weights: out.weights,
                      inOffsets: inn.offsets, inSources: inn.cols, inWeights: inn.weights, droppedSelfLoops: loops)
        } else {
            self.init(nodeCount: nodeCount, directed: false, offsets: out.offsets, targets: out.cols, weights: out.weights,
                      inOffsets: out.offsets, inSources: out.cols, inWeights: out.weights, droppedSelfLoops: loops)
        }
    }

    /// Two stable counting sorts (by column, then by row) give rows sorted by column in O(n + m);
    /// adjacent equal (row, column) entries are then merged by summing their weights.
    private static func compress(nodeCount n: Int, rows: [Int32], cols: [Int32], weights: [Double])
        -> (offsets: [Int], cols: [Int32], weights: [Double]) {
        let m = rows.count
        var count = [Int](repeating: 0, count: n + 1)
        for c in cols { count[Int(c) + 1] += 1 }
        for i in 0..<n { count[i + 1] += count[i] }
        var byCol = [Int](repeating: 0, count: m)
        for i in 0..<m { let c = Int(cols[i]); byCol[count[c]] = i; count[c] += 1 }
        var rowStart = [Int](repeating: 0, count: n + 1)
        for r in rows { rowStart[Int(r) + 1] += 1 }
        for i in 0..<n { rowStart[i + 1] += rowStart[i] }
        var cursor = rowStart
        var sortedCols = [Int32](repeating: 0, count: m)
        var sortedW = [Double](repeating: 0, count: m)
        for i in byCol {
            let r = Int(rows[i])
            sortedCols[cursor[r]] = cols[i]
            sortedW[cursor[r]] = weights[i]
            cursor[r] += 1
        }
        // Merge duplicates in place.
        var offsets = [Int](repeating: 0, count: n + 1)
        var outCols = [Int32](); outCols.reserveCapacity(m)
        var outW = [Double](); outW.reserveCapacity(m)
        for r in 0..<n {
            var k = rowStart[r]
            let end = rowStart[r + 1]
            while k < end {
                let c = sortedCols[k]
                var total = sortedW[k]
                k += 1
                while k < end && sortedCols[k] == c { total += sortedW[k]; k += 1 }
                outCols.append(c); outW.append(total)
            }
            offsets[r + 1] = outCols.count
        }
        return (offsets, outCols, outW)
    }
}

/// Edges as three parallel arrays (the cheap way to collect millions of them).
public struct EdgeList: Sendable {
    public var sources: [Int32] = []
    public var targets: [Int32] = []
    public var weights: [Double] = []
    public init() {}
    public init(_ edges: [(Int, Int, Double)]) {
        for (u, v, w) in edges { append(Int32(truncatingIfNeeded: u), Int32(truncatingIfNeeded: v), w) }
    }
    public init(_ edges: [(Int, Int)]) {
        for (u, v) in edges { append(Int32(truncatingIfNeeded: u), Int32(truncatingIfNeeded: v), 1) }
    }
    public var count: Int { sources.count }
    public mutating func append(_ u: Int32, _ v: Int32, _ w: Double = 1) {
        sources.append(u); targets.append(v); weights.append(w)
    }
    public mutating func reserve(_ n: Int) {
        sources.reserveCapacity(n); targets.reserveCapacity(n); weights.reserveCapacity(n)
    }
}
