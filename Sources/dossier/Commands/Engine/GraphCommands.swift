import ArgumentParser
import DossierEngine
import DossierModel

struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Rank entities by degree, betweenness, closeness, PageRank or eigenvector centrality (networkx normalisation).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "degree, betweenness, closeness, pagerank or eigenvector.") var measure: String
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Option(help: "Show the top N (default 20).") var top = 20
    @Flag(help: "Use link weights (a distance for betweenness/closeness, a strength otherwise).") var weighted = false
    @Flag(help: "Respect direction (calls caller→receiver, payments payer→payee, directed links).") var directed = false
    @Option(help: "Betweenness from K sampled pivots instead of every node.") var sample: Int?
    @Option(help: "Seed for sampling.") var seed: UInt64 = 1
    @Flag(help: "Print a JSON array of objects with id, name, kind and score, highest first.") var json = false

    func run() throws {
        guard let m = CentralityMeasure(rawValue: measure.lowercased()) else {
            throw CLIFailure("--measure \"\(measure)\": expected degree, betweenness, closeness, pagerank or eigenvector", exitCode: 2)
        }
        guard top > 0 else { throw CLIFailure("--top must be at least 1", exitCode: 2) }
        if let sample, sample < 1 { throw CLIFailure("--sample must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let g = view.graph(directed: directed, weighted: weighted)
        let result = try Centrality.compute(m, graph: g, sample: sample, seed: seed)
        if !result.converged {
            writeStandardError("dossier: \(m.rawValue) did not converge in \(result.iterations) iterations; scores are the last iterate\n")
        }
        let ranked = view.rank(result.scores, top: top)
        if json {
            print(StoreJSON.array(ranked.map {
                .object([("id", .string($0.id.description)), ("name", .string($0.name)), ("kind", .string($0.kind)),
                         ("score", .double($0.score))])
            }).rendered())
            return
        }
        if ranked.isEmpty { print("No entities."); return }
        var t = StoreTable(["RANK", "ID", "KIND", "NAME", m.rawValue.uppercased()])
        for (i, r) in ranked.enumerated() { t.add([String(i + 1), r.id.description, r.kind, r.name, scoreText(r.score)]) }
        print(t.rendered())
    }
}

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "The shortest path (or all of them) between two entities.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "From: id, id prefix, name or identifier.") var from: String
    @Argument(help: "To: id, id prefix, name or identifier.") var to: String
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Option(name: .customLong("max-hops"), help: "Give up beyond this many hops.") var maxHops: Int?
    @Flag(help: "All shortest paths (up to 1000).") var all = false
    @Flag(help: "Follow direction.") var directed = false
    @Flag(help: "Print {\"hops\": N, \"path\": [{id, name, kind}, ...]} (an array of those with --all).") var json = false

    func run() throws {
        if let maxHops, maxHops < 1 { throw CLIFailure("--max-hops must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let a = try ctx.node(try ctx.entity(from), in: view), b = try ctx.node(try ctx.entity(to), in: view)
        let g = view.graph(directed: directed, weighted: false)
        let paths = all ? Paths.allShortestPaths(g, from: a, to: b, maxHops: maxHops)
                        : Paths.shortestPath(g, from: a, to: b, maxHops: maxHops).map { [$0] } ?? []
        if paths.isEmpty {
            throw CLIFailure("no path from \(view.names[a]) to \(view.names[b])\(maxHops.map { " within \($0) hops" } ?? "")")
        }
        func pathJSON(_ p: [Int]) -> StoreJSON {
            .object([("hops", .int(Int64(p.count - 1))), ("path", .array(p.map { ctx.nodeJSON(view.ids[$0]) }))])
        }
        if json {
            print((all ? StoreJSON.array(paths.map(pathJSON)) : pathJSON(paths[0])).rendered())
            return
        }
        for (i, p) in paths.enumerated() {
            if all { print("Path \(i + 1) (\(p.count - 1) hops):") } else { print("\(p.count - 1) hops:") }
            for v in p { print("  \(view.names[v])  (\(view.kinds[v]), \(view.ids[v]))") }
        }
    }
}

struct ConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect", abstract: "The connecting network of a set of entities (shortest paths, preferring shared intermediaries).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Two or more entities: ids, names or identifiers.") var entities: [String]
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Option(name: .customLong("max-hops"), help: "Ignore paths longer than this.") var maxHops: Int?
    @Flag(help: "Print JSON: nodes, edges, paths, intermediaries and unconnected pairs.") var json = false

    func run() throws {
        guard entities.count >= 2 else { throw CLIFailure("connect needs at least two entities", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let members = try entities.map { try ctx.node(try ctx.entity($0), in: view) }
        let net = try ConnectingNetwork.find(view.undirected, members: members, maxHops: maxHops)
        let memberSet = Set(members)
        if json {
            print(StoreJSON.object([
                ("nodes", .array(net.nodes.map { v in
                    .object([("id", .string(view.ids[v].description)), ("name", .string(view.names[v])),
                             ("kind", .string(view.kinds[v])), ("member", .bool(memberSet.contains(v)))])
                })),
                ("edges", .array(net.edges.map { .array([.string(view.ids[$0.from].description), .string(view.ids[$0.to].description)]) })),
                ("paths", .array(net.paths.map { p in
                    .object([("hops", .int(Int64(p.path.count - 1))), ("path", .array(p.path.map { ctx.nodeJSON(view.ids[$0]) }))])
                })),
                ("intermediaries", .array(net.intermediaries.map {
                    .object([("id", .string(view.ids[$0.node].description)), ("name", .string(view.names[$0.node])),
                             ("paths", .int(Int64($0.paths)))])
                })),
                ("unconnected", .array(net.unconnected.map { .array([.string(view.ids[$0.0].description), .string(view.ids[$0.1].description)]) })),
            ]).rendered())
            return
        }
        print("Connecting network: \(net.nodes.count) entities, \(net.edges.count) links")
        for p in net.paths { print("  " + p.path.map { view.names[$0] }.joined(separator: " — ")) }
        if !net.intermediaries.isEmpty {
            print("Intermediaries:")
            for i in net.intermediaries { print("  \(view.names[i.node]) (\(view.kinds[i.node])): on \(i.paths) path\(i.paths == 1 ? "" : "s")") }
        }
        for (a, b) in net.unconnected { print("No path: \(view.names[a]) / \(view.names[b])") }
    }
}

struct ComponentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "components", abstract: "Connected groups of entities, largest first.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Flag(help: "Print JSON: one object per entity with id, name, kind and component.") var json = false

    func run() throws {
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let c = try Components.find(view.undirected)
        let order = (0..<view.nodeCount).sorted { c.label[$0] != c.label[$1] ? c.label[$0] < c.label[$1] : view.names[$0] < view.names[$1] }
        if json {
            print(StoreJSON.array(order.map { v in
                .object([("id", .string(view.ids[v].description)), ("name", .string(view.names[v])),
                         ("kind", .string(view.kinds[v])), ("component", .int(Int64(c.label[v])))])
            }).rendered())
            return
        }
        print("\(c.count) component\(c.count == 1 ? "" : "s") over \(view.nodeCount) entities")
        var t = StoreTable(["COMPONENT", "SIZE", "MEMBERS"])
        for (k, size) in c.sizes.enumerated().prefix(50) {
            let names = order.filter { c.label[$0] == Int32(k) }.prefix(6).map { view.names[$0] }
            t.add([String(k), String(size), names.joined(separator: ", ") + (size > 6 ? ", ..." : "")])
        }
        print(t.rendered())
    }
}

struct CommunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "communities", abstract: "Communities by the Louvain method, with modularity.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Option(help: "Seed for the visiting order.") var seed: UInt64 = 1
    @Flag(help: "Use link weights.") var weighted = false
    @Flag(help: "Print a JSON array: one object per entity with id, name and community.") var json = false

    func run() throws {
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let c = try Communities.louvain(view.graph(directed: false, weighted: weighted), seed: seed)
        let order = (0..<view.nodeCount).sorted { c.label[$0] != c.label[$1] ? c.label[$0] < c.label[$1] : view.names[$0] < view.names[$1] }
        if json {
            print(StoreJSON.array(order.map { v in
                .object([("id", .string(view.ids[v].description)), ("name", .string(view.names[v])),
                         ("community", .int(Int64(c.label[v])))])
            }).rendered())
            return
        }
        print("\(c.count) communit\(c.count == 1 ? "y" : "ies"), modularity \(scoreText(c.modularity))")
        var t = StoreTable(["COMMUNITY", "SIZE", "MEMBERS"])
        for (k, size) in c.sizes.enumerated().prefix(50) {
            let names = order.filter { c.label[$0] == Int32(k) }.prefix(6).map { view.names[$0] }
            t.add([String(k), String(size), names.joined(separator: ", ") + (size > 6 ? ", ..." : "")])
        }
        print(t.rendered())
    }
}

struct NeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neighbours", abstract: "Entities within K hops of one entity.",
                                                    aliases: ["neighbors"])
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Id, name or identifier.") var id: String
    @Option(help: "Hops (default 1).") var depth = 1
    @Option(name: .customLong("case"), help: "Only this case's graph.") var caseName: String?
    @Flag(help: "Follow direction (outgoing only).") var directed = false
    @Flag(help: "Print a JSON array of objects with id, name, kind and hops.") var json = false

    func run() throws {
        guard depth >= 1 else { throw CLIFailure("--depth must be at least 1", exitCode: 2) }
        let ctx = try AnalysisContext(global, caseName: caseName)
        defer { ctx.close() }
        let view = try ctx.graph()
        let s = try ctx.node(try ctx.entity(id), in: view)
        let found = Paths.neighbours(view.graph(directed: directed, weighted: false), of: s, depth: depth)
        if json {
            print(StoreJSON.array(found.map { n in
                .object([("id", .string(view.ids[n.node].description)), ("name", .string(view.names[n.node])),
                         ("kind", .string(view.kinds[n.node])), ("hops", .int(Int64(n.hops)))])
            }).rendered())
            return
        }
        if found.isEmpty { print("No neighbours."); return }
        var t = StoreTable(["HOPS", "ID", "KIND", "NAME"])
        for n in found { t.add([String(n.hops), view.ids[n.node].description, view.kinds[n.node], view.names[n.node]]) }
        print(t.rendered())
    }
}
