extension Centrality {
    /// PageRank exactly as networkx's `pagerank` (scipy power iteration): x ← α(xP + d/n) + (1-α)/n with P the
    /// out-weight-normalised adjacency and d the mass on nodes without out-edges; stops when ‖x - x'‖₁ < n·tol.
    public static func pagerank(_ g: CSRGraph, alpha: Double = 0.85, maxIterations: Int = 100, tolerance: Double = 1e-6,
                                progress: AnalysisProgress? = nil) throws -> CentralityResult {
        let n = g.nodeCount
        guard n > 0 else { return CentralityResult(scores: []) }
        var invOut = [Double](repeating: 0, count: n)
        var dangling: [Int] = []
        for v in 0..<n {
            var s = 0.0
            for k in g.outRange(v) { s += g.weights[k] }
            if s != 0 { invOut[v] = 1 / s } else { dangling.append(v) }
        }
        let nd = Double(n)
        var x = [Double](repeating: 1 / nd, count: n)
        var next = [Double](repeating: 0, count: n)
        progress.begin("pagerank", total: maxIterations)
        for iteration in 1...max(1, maxIterations) {
            try progress.check()
            var danglingSum = 0.0
            for v in dangling { danglingSum += x[v] }
            let teleport = danglingSum / nd
            var err = 0.0
            for v in 0..<n {
                var s = 0.0
                for k in g.inOffsets[v]..<g.inOffsets[v + 1] {
                    let u = Int(g.inSources[k])
                    s += x[u] * g.inWeights[k] * invOut[u]
                }
                let value = alpha * (s + teleport) + (1 - alpha) / nd
                next[v] = value
                err += abs(value - x[v])
            }
            swap(&x, &next)
            progress.advance()
            if err < nd * tolerance { return CentralityResult(scores: x, converged: true, iterations: iteration) }
        }
        return CentralityResult(scores: x, converged: false, iterations: maxIterations)
    }

    /// Eigenvector centrality exactly as networkx's `eigenvector_centrality`: power iteration on A + I (in-edges for a
    /// directed graph) from the uniform vector, L2-normalised each step, stopping when ‖x - x'‖₁ < n·tol.
    public static func eigenvector(_ g: CSRGraph, maxIterations: Int = 100, tolerance: Double = 1e-6,
                                   progress: AnalysisProgress? = nil) throws -> CentralityResult {
        let n = g.nodeCount
        guard n > 0 else { return CentralityResult(scores: []) }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        progress.begin("eigenvector", total: maxIterations)
        for iteration in 1...max(1, maxIterations) {
            try progress.check()
            var norm2 = 0.0
            for v in 0..<n {
                var s = x[v]
                for k in g.inOffsets[v]..<g.inOffsets[v + 1] { s += x[Int(g.inSources[k])] * g.inWeights[k] }
                next[v] = s
                norm2 += s * s
            }
            var norm = norm2.squareRoot()
            if norm == 0 { norm = 1 }
            var err = 0.0
            for v in 0..<n { next[v] /= norm; err += abs(next[v] - x[v]) }
            swap(&x, &next)
            progress.advance()
            if err < Double(n) * tolerance { return CentralityResult(scores: x, converged: true, iterations: iteration) }
        }
        return CentralityResult(scores: x, converged: false, iterations: maxIterations)
    }
}
