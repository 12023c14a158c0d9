import DossierModel

/// What connects two cases: entities in both, identifiers held by entities of each, likely-same entities across
/// them, and short paths from entities of one to entities of the other.
public struct CaseConnections: Sendable {
    public struct SharedIdentifier: Sendable, Equatable {
        public var identifier: Identifier
        public var inA: [ItemID]
        public var inB: [ItemID]
    }
    public var sharedEntities: [ItemID]
    public var sharedIdentifiers: [SharedIdentifier]
    public var candidates: [CorrelationCandidate]
    /// Shortest paths (as entity ids) from an entity of A to an entity of B, shortest first, at most `pathLimit`.
    public var paths: [[ItemID]]

    public static func find(_ reader: any ItemReader, caseA: ItemID, caseB: ItemID, maxHops: Int = 3, pathLimit: Int = 20,
                            cache: ResultCache? = nil, progress: AnalysisProgress? = nil) throws -> CaseConnections {
        let a = reader.allEntities(inCase: caseA), b = reader.allEntities(inCase: caseB)
        let aIDs = Set(a.map(\.meta.id)), bIDs = Set(b.map(\.meta.id))
        let shared = aIDs.intersection(bIDs).sorted()
        var byIdentifier: [Identifier: ([ItemID], [ItemID])] = [:]
        for e in a { for i in e.identifiers { byIdentifier[i, default: ([], [])].0.append(e.meta.id) } }
        for e in b { for i in e.identifiers where byIdentifier[i] != nil { byIdentifier[i]!.1.append(e.meta.id) } }
        let sharedIDs = byIdentifier.compactMap { key, value -> SharedIdentifier? in
            let onlyA = value.0.filter { !bIDs.contains($0) }, onlyB = value.1.filter { !aIDs.contains($0) }
            guard !onlyA.isEmpty, !onlyB.isEmpty else { return nil }
            return SharedIdentifier(identifier: key, inA: onlyA.sorted(), inB: onlyB.sorted())
        }.sorted { $0.identifier < $1.identifier }
        try progress.check()
        let report = try Correlator.run(reader, options: CorrelationOptions(caseA: caseA, caseB: caseB),
                                            cache: cache, progress: progress)
        let view = try GraphView.build(from: reader, cache: cache, progress: progress)
        let g = view.undirected
        // Multi-source breadth-first search from A's own entities.
        var parent = [Int32](repeating: -2, count: g.nodeCount)
        var depth = [Int32](repeating: -1, count: g.nodeCount)
        var queue: [Int32] = []
        for id in aIDs.subtracting(bIDs).sorted() { if let v = view.node(id) { parent[v] = -1; depth[v] = 0; queue.append(Int32(v)) } }
        var head = 0
        var ends: [Int] = []
        while head < queue.count {
            let v = Int(queue[head]); head += 1
            if depth[v] > 0 && bIDs.contains(view.ids[v]) && !aIDs.contains(view.ids[v]) { ends.append(v); continue }
            if depth[v] >= maxHops { continue }
            for k in g.outRange(v) {
                let w = Int(g.targets[k])
                if depth[w] < 0 { depth[w] = depth[v] + 1; parent[w] = Int32(v); queue.append(Int32(w)) }
            }
        }
        var paths: [[ItemID]] = []
        for end in ends.prefix(pathLimit) {
            var path: [ItemID] = []
            var v = end
            while v >= 0 { path.append(view.ids[v]); v = Int(parent[v]) }
            paths.append(path.reversed())
        }
        return CaseConnections(sharedEntities: shared, sharedIdentifiers: sharedIDs,
                               candidates: report.candidates.filter(\.crossCase), paths: paths)
    }
}
