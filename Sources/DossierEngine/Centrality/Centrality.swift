import DossierModel

public enum CentralityMeasure: String, CaseIterable, Sendable {
    case degree, betweenness, closeness, pagerank, eigenvector
}

/// Scores per node index, with how an iterative measure ended.
public struct CentralityResult: Sendable, Equatable {
    public var scores: [Double]
    /// False when an iterative measure (PageRank, eigenvector) hit its iteration limit before the tolerance.
    public var converged: Bool
    public var iterations: Int
    public init(scores: [Double], converged: Bool = true, iterations: Int = 0) {
        self.scores = scores
        self.converged = converged
        self.iterations = iterations
    }
}

/// One node's score, named for output.
public struct RankedNode: Sendable, Equatable {
    public var id: ItemID
    public var name: String
    public var kind: String
    public var score: Double
}

/// Centrality measures normalised exactly as networkx 3.x does by default, so anyone can check them:
/// - degree: degree / (n - 1) (in + out degree for a directed graph); weighted: the sum of edge weights / (n - 1);
/// - betweenness: Brandes, normalised by 1 / ((n-1)(n-2)), endpoints excluded; sampled with k pivots scaled as
///   networkx's `betweenness_centrality(k=...)` (pivots 1/((k-1)(n-2)), other nodes 1/(k(n-2)));
/// - closeness: Wasserman–Faust improved formula ((r-1)/Σd)·((r-1)/(n-1)) with r the nodes that reach v; incoming
///   distances for a directed graph;
/// - PageRank: alpha 0.85, tolerance 1e-6 (L1, times n), at most 100 iterations, dangling mass spread uniformly;
/// - eigenvector: power iteration on A + I from the uniform vector, L2-normalised, tolerance 1e-6, at most 100
///   iterations, in-edges for a directed graph.
/// With `weighted`, path measures (betweenness, closeness) treat a weight as a distance, as networkx's `weight=`
/// does; PageRank and eigenvector treat it as a strength.
public enum Centrality {
    public static func compute(_ measure: CentralityMeasure, graph: CSRGraph, sample: Int? = nil, seed: UInt64 = 1,
                               threads: Int = 2, progress: AnalysisProgress? = nil) throws -> CentralityResult {
        switch measure {
        case .degree: return CentralityResult(scores: degree(graph))
        case .betweenness:
            return CentralityResult(scores: try betweenness(graph, sample: sample, seed: seed, threads: threads, progress: progress))
        case .closeness: return CentralityResult(scores: try closeness(graph, threads: threads, progress: progress))
        case .pagerank: return try pagerank(graph, progress: progress)
        case .eigenvector: return try eigenvector(graph, progress: progress)
        }
    }

    /// Degree centrality. Unweighted graphs (all weights 1) give networkx's `degree_centrality`.
    public static func degree(_ g: CSRGraph) -> [Double] {
        let n = g.nodeCount
        if n <= 1 { return [Double](repeating: 1, count: n) }
        let scale = 1 / Double(n - 1)
        var out = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 0.0
            for k in g.outRange(v) { s += g.weights[k] }
            if g.directed { for k in g.inRange(v) { s += g.inWeights[k] } }
            out[v] = s * scale
        }
        return out
    }

    /// Whether every weight is 1 (then breadth-first search replaces Dijkstra).
    static func isUnit(_ g: CSRGraph) -> Bool { !g.weights.contains { $0 != 1 } }

    /// Closeness centrality (networkx `closeness_centrality`, wf_improved=True).
    public static func closeness(_ g: CSRGraph, threads: Int = 2, progress: AnalysisProgress? = nil) throws -> [Double] {
        let n = g.nodeCount
        let reach = g.reversed  // networkx uses incoming distance for directed graphs
        let unit = isUnit(g)
        progress.begin("closeness", total: n)
        return try ParallelSources.map(count: n, threads: threads, progress: progress) { s, search in
            let (reached, total) = unit ? search.bfsDistanceSum(reach, from: s) : search.dijkstraDistanceSum(reach, from: s)
            guard total > 0, n > 1 else { return 0 }
            let r = Double(reached - 1)
            return (r / total) * (r / Double(n - 1))
        }
    }
}

extension Array where Element == Double {
    /// Nodes ranked by score (highest first; ties by name, then id), at most `top`.
    func ranked(in view: GraphView, top: Int? = nil) -> [RankedNode] {
        var order = [Int](0..<count)
        order.sort { a, b in
            if self[a] != self[b] { return self[a] > self[b] }
            if view.names[a] != view.names[b] { return view.names[a] < view.names[b] }
            return view.ids[a] < view.ids[b]
        }
        if let top { order = [Int](order.prefix(Swift.max(0, top))) }
        return order.map { RankedNode(id: view.ids[$0], name: view.names[$0], kind: view.kinds[$0], score: self[$0]) }
    }
}

extension GraphView {
    /// Scores of `result` named and ranked (highest first; ties by name then id), at most `top`.
    public func rank(_ scores: [Double], top: Int? = nil) -> [RankedNode] { scores.ranked(in: self, top: top) }
}
