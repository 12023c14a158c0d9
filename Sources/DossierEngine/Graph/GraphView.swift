import DossierModel

/// What goes into a workspace graph.
public struct GraphOptions: Hashable, Sendable {
    /// Only entities, links and events of this case (nil: every case). Endpoints of a case's links and events that
    /// belong to other cases are still included, so a case graph does not lose its edges.
    public var caseID: ItemID?
    public var includeLinks: Bool
    public var includeEvents: Bool
    /// Only events starting in this range (UTC microseconds); links are kept whatever their dates.
    public var eventTime: ClosedRange<Int64>?

    public init(caseID: ItemID? = nil, includeLinks: Bool = true, includeEvents: Bool = true,
                eventTime: ClosedRange<Int64>? = nil) {
        self.caseID = caseID
        self.includeLinks = includeLinks
        self.includeEvents = includeEvents
        self.eventTime = eventTime
    }

    var cacheKey: String {
        "graph|\(caseID?.description ?? "*")|\(includeLinks)|\(includeEvents)|\(eventTime.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "*")"
    }
}

/// The workspace as a graph: node index <-> ItemID, plus directed and undirected CSR views.
///
/// How items become edges:
/// - a link joins `from` and `to` with its weight (a non-positive or non-finite weight counts as 1); a directed link
///   is one arc, an undirected link joins both ways;
/// - an event with origin roles (caller, payer, sender) and destination roles (receiver, payee, recipient) gives an
///   arc from every origin to every destination, weight 1 per event, and joins its other participants (the subject
///   of a sale, say) to every origin and destination both ways;
/// - any other event with a place (a sighting, a meeting at an address) joins each participant to the place;
///   without a place, it joins its participants pairwise.
/// Repeated edges are merged into one with the summed weight; in the undirected view u–v carries the sum of the
/// weights both ways. Self-loops are dropped (see `CSRGraph`). With a resolution layer, merged entities are one node
/// under their canonical id.
public struct GraphView: Sendable {
    public let ids: [ItemID]
    public let names: [String]
    public let kinds: [String]
    public let index: [ItemID: Int32]
    public let directed: CSRGraph
    public let undirected: CSRGraph

    public var nodeCount: Int { ids.count }

    /// The node index of `id` (after resolution to its canonical id when the view was built with one).
    public func node(_ id: ItemID) -> Int? { index[id].map(Int.init) }

    /// The graph to analyse: directed or not, with weights or with every weight 1.
    public func graph(directed wantDirected: Bool, weighted: Bool) -> CSRGraph {
        let g = wantDirected ? directed : undirected
        return weighted ? g : g.unweighted
    }

    /// A view over explicit nodes and interactions (tests, generated data). `directedFlags[i]` says whether
    /// interaction i is one arc (true) or joins both ways (false).
    public init(ids: [ItemID], names: [String], kinds: [String], edges: EdgeList, directedFlags: [Bool]) {
        self.ids = ids
        self.names = names
        self.kinds = kinds
        var index: [ItemID: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = Int32(i) }
        self.index = index
        var arcs = EdgeList()
        arcs.reserve(edges.count * 2)
        for i in 0..<edges.count {
            arcs.append(edges.sources[i], edges.targets[i], edges.weights[i])
            if !directedFlags[i] { arcs.append(edges.targets[i], edges.sources[i], edges.weights[i]) }
        }
        self.directed = CSRGraph(nodeCount: ids.count, directed: true, edges: arcs)
        self.undirected = CSRGraph(nodeCount: ids.count, directed: false, edges: edges)
    }

    /// Builds the graph of `reader` (cached per reader version in `cache`: pass `ResultCache.shared` in an app that
    /// works on one workspace; a cache must not be shared between different readers).
    public static func build(from reader: any ItemReader, options: GraphOptions = GraphOptions(),
                             resolution: Resolution? = nil, cache: ResultCache? = nil,
                             progress: AnalysisProgress? = nil) throws -> GraphView {
        let key = options.cacheKey + "|res:\(resolution?.signature ?? "")"
        if let cache, let hit: GraphView = cache.lookup(key, version: reader.version) { return hit }
        var builder = GraphViewBuilder(reader: reader, options: options, resolution: resolution, progress: progress)
        let view = try builder.build()
        _ = cache?.value(key, version: reader.version) { view }
        return view
    }

    /// The whole graph (default options, no resolution) when the caller already holds every entity of `reader` in
    /// its `forEach` order: the same view as `build(from:)` (and the same cache entry), without reading the
    /// entities again one by one.
    static func build(from reader: any ItemReader, entities: [Entity], cache: ResultCache? = nil,
                      progress: AnalysisProgress? = nil) throws -> GraphView {
        let options = GraphOptions()
        let key = options.cacheKey + "|res:"
        if let cache, let hit: GraphView = cache.lookup(key, version: reader.version) { return hit }
        var builder = GraphViewBuilder(reader: reader, options: options, resolution: nil, progress: progress)
        let view = try builder.build(entities: entities)
        _ = cache?.value(key, version: reader.version) { view }
        return view
    }
}

/// Collects nodes and interactions from a reader.
struct GraphViewBuilder {
    let reader: any ItemReader
    let options: GraphOptions
    let resolution: Resolution?
    let progress: AnalysisProgress?

    private var ids: [ItemID] = []
    private var names: [String] = []
    private var kinds: [String] = []
    private var index: [ItemID: Int32] = [:]
    private var edges = EdgeList()
    private var flags: [Bool] = []

    init(reader: any ItemReader, options: GraphOptions, resolution: Resolution?, progress: AnalysisProgress?) {
        self.reader = reader
        self.options = options
        self.resolution = resolution
        self.progress = progress
    }

    private func canonical(_ id: ItemID) -> ItemID { resolution?.canonical(id) ?? id }

    private mutating func node(_ rawID: ItemID) -> Int32? {
        let id = canonical(rawID)
        if let i = index[id] { return i }
        guard let e = reader.entity(id) else { return nil }
        let i = Int32(ids.count)
        index[id] = i
        ids.append(id); names.append(e.name); kinds.append(e.kind.rawValue)
        return i
    }

    private mutating func join(_ a: Int32, _ b: Int32, _ w: Double, directed: Bool) {
        edges.append(a, b, w); flags.append(directed)
    }

    mutating func build() throws -> GraphView {
        progress.begin("graph", total: reader.count(.entity, inCase: options.caseID))
        var entityIDs: [ItemID] = []
        reader.forEach(.entity, inCase: options.caseID) { item in
            entityIDs.append(item.id)
            return true
        }
        for (n, id) in entityIDs.enumerated() {
            if n & 4095 == 0 { try progress.check(); progress.advance(by: min(4096, entityIDs.count - n)) }
            _ = node(id)
        }
        return try addInteractions()
    }

    /// `build()` over entities already read (every entity, in the reader's order; no case, no resolution).
    mutating func build(entities: [Entity]) throws -> GraphView {
        progress.begin("graph", total: entities.count)
        index.reserveCapacity(entities.count)
        ids.reserveCapacity(entities.count); names.reserveCapacity(entities.count); kinds.reserveCapacity(entities.count)
        for (n, e) in entities.enumerated() {
            if n & 4095 == 0 { try progress.check(); progress.advance(by: min(4096, entities.count - n)) }
            guard index[e.meta.id] == nil else { continue }
            index[e.meta.id] = Int32(ids.count)
            ids.append(e.meta.id); names.append(e.name); kinds.append(e.kind.rawValue)
        }
        return try addInteractions()
    }

    /// The links and events between the nodes (adding any endpoint not met yet).
    private mutating func addInteractions() throws -> GraphView {
        if options.includeLinks {
            var links: [Link] = []
            reader.forEach(.link, inCase: options.caseID) { if let l = $0.link { links.append(l) }; return true }
            for (n, l) in links.enumerated() {
                if n & 4095 == 0 { try progress.check() }
                guard let a = node(l.from), let b = node(l.to) else { continue }
                let w = l.weight.isFinite && l.weight > 0 ? l.weight : 1
                join(a, b, w, directed: l.directed)
            }
        }
        if options.includeEvents {
            var n = 0
            var failure: (any Error)?
            reader.forEach(.event, inCase: options.caseID) { item in
                n += 1
                if n & 4095 == 0, let p = progress, p.isCancelled { failure = AnalysisCancelled(); return false }
                if let e = item.event { add(e) }
                return true
            }
            if let failure { throw failure }
        }
        return GraphView(ids: ids, names: names, kinds: kinds, edges: edges, directedFlags: flags)
    }

    private mutating func add(_ e: Event) {
        if let range = options.eventTime, !range.contains(e.start.utcMicros) { return }
        var origins: [Int32] = [], destinations: [Int32] = [], others: [Int32] = []
        var place: Int32? = e.place.flatMap { node($0) }
        for p in e.participants {
            guard let v = node(p.entity) else { continue }
            if p.role.isOrigin { origins.append(v) }
            else if p.role.isDestination { destinations.append(v) }
            else if p.role == .location, place == nil { place = v }
            else { others.append(v) }
        }
        if !origins.isEmpty && !destinations.isEmpty {
            for a in origins { for b in destinations { join(a, b, 1, directed: true) } }
            // What changes hands (a painting sold, a vehicle handed over) joins both sides.
            for o in others { for v in origins + destinations { join(o, v, 1, directed: false) } }
            return
        }
        let present = origins + destinations + others
        if let place {
            for v in present { join(v, place, 1, directed: false) }
        } else if present.count > 1 {
            for i in 0..<present.count { for j in (i + 1)..<present.count { join(present[i], present[j], 1, directed: false) } }
        }
    }
}
