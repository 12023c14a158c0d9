import Dispatch

/// Reusable buffers for single-source searches (one per thread), so a run over every source allocates once.
/// The buffers are raw memory owned by the object: hot loops then pay neither copy-on-write nor the dynamic
/// exclusivity checks that array properties of a class cost on every access.
final class SourceSearch {
    let n: Int
    let dist: UnsafeMutablePointer<Double>
    let hops: UnsafeMutablePointer<Int32>
    let sigma: UnsafeMutablePointer<Double>
    let delta: UnsafeMutablePointer<Double>
    /// Nodes in the order they were settled (for breadth-first search also the queue).
    let orderBuffer: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    private var heap = IndexedMinHeap(capacity: 0)

    init(nodeCount n: Int) {
        self.n = n
        let m = max(1, n)
        dist = .allocate(capacity: m); dist.initialize(repeating: .infinity, count: m)
        hops = .allocate(capacity: m); hops.initialize(repeating: -1, count: m)
        sigma = .allocate(capacity: m); sigma.initialize(repeating: 0, count: m)
        delta = .allocate(capacity: m); delta.initialize(repeating: 0, count: m)
        orderBuffer = .allocate(capacity: m); orderBuffer.initialize(repeating: 0, count: m)
        heap = IndexedMinHeap(capacity: n)
    }

    deinit {
        dist.deallocate(); hops.deallocate(); sigma.deallocate(); delta.deallocate(); orderBuffer.deallocate()
    }

    var order: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: orderBuffer, count: count) }

    /// Resets only what the last search touched.
    func reset() {
        for i in 0..<count {
            let v = Int(orderBuffer[i])
            dist[v] = .infinity; hops[v] = -1; sigma[v] = 0; delta[v] = 0
        }
        count = 0
    }

    /// Breadth-first search from `s`: fills `hops`, `dist`, `sigma` (shortest-path counts) and the order.
    func bfs(_ g: CSRGraph, from s: Int) {
        reset()
        let hops = self.hops, sigma = self.sigma, dist = self.dist, queue = orderBuffer
        hops[s] = 0; sigma[s] = 1; dist[s] = 0
        var head = 0, tail = 1
        queue[0] = Int32(s)
        g.offsets.withUnsafeBufferPointer { offsets in
            g.targets.withUnsafeBufferPointer { targets in
                while head < tail {
                    let v = Int(queue[head]); head += 1
                    let hv = hops[v] + 1
                    let sv = sigma[v]
                    for k in offsets[v]..<offsets[v + 1] {
                        let w = Int(targets[k])
                        if hops[w] < 0 { hops[w] = hv; dist[w] = Double(hv); queue[tail] = Int32(w); tail += 1 }
                        if hops[w] == hv { sigma[w] += sv }
                    }
                }
            }
        }
        count = tail
    }

    /// Dijkstra from `s` with weights as distances: fills `dist`, `sigma` and the order (settling order).
    /// Ties are exact floating-point equality, as networkx compares them.
    func dijkstra(_ g: CSRGraph, from s: Int) {
        reset()
        var heap = IndexedMinHeap(capacity: 0)
        swap(&heap, &self.heap)
        defer { swap(&heap, &self.heap) }
        let dist = self.dist, sigma = self.sigma, order = orderBuffer
        dist[s] = 0; sigma[s] = 1
        heap.clear()
        heap.push(s, 0)
        var settled = 0
        while let (v, d) = heap.pop() {
            order[settled] = Int32(v); settled += 1
            for k in g.offsets[v]..<g.offsets[v + 1] {
                let w = Int(g.targets[k])
                let nd = d + g.weights[k]
                if nd < dist[w] {
                    dist[w] = nd
                    sigma[w] = sigma[v]
                    heap.pushOrDecrease(w, nd)
                } else if nd == dist[w] && heap.isQueued(w) {
                    sigma[w] += sigma[v]
                }
            }
        }
        count = settled
    }

    /// (nodes reached including `s`, sum of hop distances).
    func bfsDistanceSum(_ g: CSRGraph, from s: Int) -> (Int, Double) {
        bfs(g, from: s)
        var total = 0.0
        for v in order { total += Double(hops[Int(v)]) }
        return (count, total)
    }

    func dijkstraDistanceSum(_ g: CSRGraph, from s: Int) -> (Int, Double) {
        dijkstra(g, from: s)
        var total = 0.0
        for v in order { total += dist[Int(v)] }
        return (count, total)
    }
}

/// A binary min-heap of node indices keyed by distance, with decrease-key; ties pop the lower node index.
struct IndexedMinHeap {
    private var nodes: [Int32] = []
    private var keys: [Double] = []
    private var position: [Int32]  // -1 not queued, -2 popped

    init(capacity: Int) { position = [Int32](repeating: -1, count: capacity) }

    mutating func clear() {
        for v in nodes { position[Int(v)] = -1 }
        nodes.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        for i in popped { position[Int(i)] = -1 }
        popped.removeAll(keepingCapacity: true)
    }
    private var popped: [Int32] = []

    func isQueued(_ v: Int) -> Bool { position[v] >= 0 }

    private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] != keys[j] ? keys[i] < keys[j] : nodes[i] < nodes[j]
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        nodes.swapAt(i, j); keys.swapAt(i, j)
        position[Int(nodes[i])] = Int32(i); position[Int(nodes[j])] = Int32(j)
    }

    private mutating func up(_ i0: Int) {
        var i = i0
        while i > 0 {
            let p = (i - 1) / 2
            if less(i, p) { swapAt(i, p); i = p } else { break }
        }
    }

    private mutating func down(_ i0: Int) {
        var i = i0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < nodes.count && less(l, m) { m = l }
            if r < nodes.count && less(r, m) { m = r }
            if m == i { return }
            swapAt(i, m); i = m
        }
    }

    mutating func push(_ v: Int, _ key: Double) {
        nodes.append(Int32(v)); keys.append(key)
        position[v] = Int32(nodes.count - 1)
        up(nodes.count - 1)
    }

    mutating func pushOrDecrease(_ v: Int, _ key: Double) {
        let p = Int(position[v])
        if p >= 0 { keys[p] = key; up(p) } else if p == -1 { push(v, key) }
    }

    mutating func pop() -> (Int, Double)? {
        guard let top = nodes.first else { return nil }
        let key = keys[0]
        swapAt(0, nodes.count - 1)
        nodes.removeLast(); keys.removeLast()
        position[Int(top)] = -2
        popped.append(top)
        if !nodes.isEmpty { down(0) }
        return (Int(top), key)
    }
}

/// Runs a per-source computation over many sources on a few threads, each with its own search buffers.
enum ParallelSources {
    /// One value per source 0..<count.
    static func map(count: Int, threads: Int, progress: AnalysisProgress?,
                    _ body: @escaping @Sendable (Int, SourceSearch) -> Double) throws -> [Double] {
        var out = [Double](repeating: 0, count: count)
        try out.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeSendablePointer(buffer.baseAddress)
            try forEachChunk(count: count, threads: threads, nodeCount: count, progress: progress) { s, search in
                base.pointer?[s] = body(s, search)
            }
        }
        return out
    }

    /// Calls `body` for each source, splitting them into `threads` interleaved chunks. Cancellation is polled
    /// every source; a cancelled run throws `AnalysisCancelled`.
    static func forEachChunk(count: Int, threads: Int, nodeCount: Int, progress: AnalysisProgress?,
                             _ body: @escaping @Sendable (Int, SourceSearch) -> Void) throws {
        let t = max(1, min(threads, count / 64 + 1))
        if t == 1 {
            let search = SourceSearch(nodeCount: nodeCount)
            for s in 0..<count {
                if s & 15 == 0 { try progress.check(); progress.advance(by: min(16, count - s)) }
                body(s, search)
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
                body(i, search)
                i += t
                step += 1
            }
        }
        try progress.check()
    }
}

/// A raw pointer handed to worker threads that each write disjoint elements.
struct UnsafeSendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>?
    init(_ p: UnsafeMutablePointer<T>?) { pointer = p }
}
