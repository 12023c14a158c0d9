import Dispatch
import DossierModel

extension Centrality {
    /// Betweenness centrality (Brandes), normalised as networkx's `betweenness_centrality` (endpoints excluded).
    ///
    /// With `sample` = k < n, k distinct pivots are drawn with a generator seeded by `seed` and the sums are scaled as
    /// networkx does for `k=` (so an exact run and a run with k = n agree). Sources are split over `threads` threads,
    /// each with its own buffers; the per-thread sums are added in thread order so results are deterministic.
    public static func betweenness(_ g: CSRGraph, sample: Int? = nil, seed: UInt64 = 1, threads: Int = 2,
                                   progress: AnalysisProgress? = nil) throws -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        var sources = Array(0..<n)
        var pivots: [Int]? = nil
        if let k = sample, k < n, k >= 0 {
            var rng = SeededGenerator(seed: seed)
            for i in 0..<k {  // partial Fisher–Yates
                let j = i + Int(rng.next() % UInt64(n - i))
                sources.swapAt(i, j)
            }
            sources = Array(sources.prefix(k))
            pivots = sources
        }
        let unit = isUnit(g)
        let chosen = sources
        let t = max(1, min(threads, sources.count / 64 + 1))
        var partial = [[Double]](repeating: [], count: t)
        progress.begin("betweenness", total: sources.count)
        try partial.withUnsafeMutableBufferPointer { buf in
            let base = UnsafeSendablePointer(buf.baseAddress)
            try ParallelSources.forEachChunkIndexed(count: chosen.count, threads: t, nodeCount: n, progress: progress) { chunk, i, search in
                let acc = base.pointer! + chunk
                if acc.pointee.isEmpty { acc.pointee = [Double](repeating: 0, count: n) }
                accumulate(g, source: chosen[i], unit: unit, search: search, into: &acc.pointee)
            }
        }
        var total = [Double](repeating: 0, count: n)
        for p in partial where !p.isEmpty { for v in 0..<n { total[v] += p[v] } }
        // networkx _rescale with endpoints=False: N = n - 1 valid targets.
        let bigN = Double(n - 1)
        guard n - 1 >= 2 else { return total }
        if let pivots {
            let k = Double(pivots.count)
            let sourceScale = pivots.count > 1 ? 1 / ((k - 1) * (bigN - 1)) : Double.nan
            let otherScale = 1 / (k * (bigN - 1))
            var isPivot = [Bool](repeating: false, count: n)
            for p in pivots { isPivot[p] = true }
            for v in 0..<n { total[v] *= isPivot[v] ? sourceScale : otherScale }
        } else {
            let scale = 1 / (bigN * (bigN - 1))
            for v in 0..<n { total[v] *= scale }
        }
        return total
    }

    /// One Brandes source: search, then accumulate dependencies back in reverse settling order.
    static func accumulate(_ g: CSRGraph, source s: Int, unit: Bool, search: SourceSearch, into acc: inout [Double]) {
        if unit { search.bfs(g, from: s) } else { search.dijkstra(g, from: s) }
        let order = search.orderBuffer, hops = search.hops, dist = search.dist, sigma = search.sigma, delta = search.delta
        var idx = search.count - 1
        acc.withUnsafeMutableBufferPointer { acc in
            g.inOffsets.withUnsafeBufferPointer { inOffsets in
                g.inSources.withUnsafeBufferPointer { inSources in
                    g.inWeights.withUnsafeBufferPointer { inWeights in
                        while idx > 0 {
                            let w = Int(order[idx])
                            let coeff = (1 + delta[w]) / sigma[w]
                            if unit {
                                let hp = hops[w] - 1
                                for k in inOffsets[w]..<inOffsets[w + 1] {
                                    let v = Int(inSources[k])
                                    if hops[v] == hp { delta[v] += sigma[v] * coeff }
                                }
                            } else {
                                let dw = dist[w]
                                for k in inOffsets[w]..<inOffsets[w + 1] {
                                    let v = Int(inSources[k])
                                    if dist[v] + inWeights[k] == dw && dist[v] < dw { delta[v] += sigma[v] * coeff }
                                }
                            }
                            acc[w] += delta[w]
                            idx -= 1
                        }
                    }
                }
            }
        }
    }
}

extension ParallelSources {
    /// Like `forEachChunk`, telling the body which chunk (thread) it runs in.
    static func forEachChunkIndexed(count: Int, threads t: Int, nodeCount: Int, progress: AnalysisProgress?,
                                    _ body: @escaping @Sendable (Int, Int, SourceSearch) -> Void) throws {
        if t == 1 {
            let search = SourceSearch(nodeCount: nodeCount)
            for s in 0..<count {
                if s & 15 == 0 { try progress.check(); progress.advance(by: min(16, count - s)) }
                body(0, s, search)
            }
            return
        }
        DispatchQueue.concurrentPerform(iterations: t) { chunk in
            let search = SourceSearch(nodeCount: nodeCount)
            var i = chunk
            var step = 0
            while i < count {
                if step & 15 == 0 {
                    if progress?.isCancelled == true { return }
                    if chunk == 0 { progress.advance(by: 16 * t) }
                }
                body(chunk, i, search)
                i += t
                step += 1
            }
        }
        try progress.check()
    }
}
