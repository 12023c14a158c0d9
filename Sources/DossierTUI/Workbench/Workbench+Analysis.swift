import DossierEngine
import DossierModel

/// The engine's analyses as workbench commands: they run in the background and show their results in a pane.
extension Workbench {
    func registerAnalysisCommands() {
        registry.register(CommandSpec("analysis.centrality", "centrality", help: "Rank the case's entities by a centrality measure.",
                                      scope: .global, verbs: ["centrality"],
                                      usage: CentralityMeasure.allCases.map(\.rawValue).joined(separator: "|"))) { w, args in
            let name = args.first ?? "degree"
            guard let measure = CentralityMeasure(rawValue: name.lowercased()) else {
                throw CommandError("centrality: no measure \(name) (\(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            w.startCentrality(measure)
        }
        registry.register(CommandSpec("analysis.path", "path", help: "Show the shortest path between two entities.",
                                      scope: .global, verbs: ["path"], usage: "A B")) { w, args in
            guard args.count == 2 else { throw CommandError("path: give two entities (name, id or id prefix)") }
            let a = try w.resolveEntity(args[0]), b = try w.resolveEntity(args[1])
            w.startPath(a, b)
        }
        registry.register(CommandSpec("analysis.network", "network", help: "Show the network connecting several entities.",
                                      scope: .global, verbs: ["network"], usage: "A B C…")) { w, args in
            guard args.count >= 2 else { throw CommandError("network: give at least two entities") }
            let members = try args.map { try w.resolveEntity($0) }
            w.startNetwork(members)
        }
    }

    /// An entity named by full id, unique id prefix, or exact name (case-insensitive; the selected case first).
    func resolveEntity(_ text: String) throws -> ItemID {
        if let id = ItemID(text), store.item(id)?.kind == .entity { return id }
        let lower = text.lowercased()
        for caseID in [selectedCase?.meta.id, nil] {
            var exact: [ItemID] = []
            var prefixed: [ItemID] = []
            store.forEach(.entity, inCase: caseID) { item in
                if item.displayName.lowercased() == lower { exact.append(item.id) }
                if lower.count >= 4, item.id.description.hasPrefix(lower) { prefixed.append(item.id) }
                return true
            }
            if exact.count == 1 { return exact[0] }
            if exact.count > 1 { throw CommandError("\(text) names \(exact.count) entities: use an id") }
            if prefixed.count == 1 { return prefixed[0] }
            if prefixed.count > 1 { throw CommandError("\(text) is the start of \(prefixed.count) ids") }
        }
        throw CommandError("no entity \(text)")
    }

    private var graphOptions: GraphOptions { GraphOptions(caseID: selectedCase?.meta.id) }

    func startCentrality(_ measure: CentralityMeasure) {
        let store = self.store
        let options = graphOptions
        let scope = selectedCase?.name ?? "all cases"
        jobs.start("\(measure.rawValue) centrality", kind: .analysis) { job in
            do {
                let view = try GraphView.build(from: store, options: options, progress: job.analysis)
                let result = try Centrality.compute(measure, graph: view.graph(directed: false, weighted: false),
                                                    progress: job.analysis)
                let ranked = view.rank(result.scores, top: 100)
                var lines = ranked.enumerated().map { i, node in
                    ResultLine("\(i + 1). \(node.name) (\(node.kind))  \(formatScore(node.score))", item: node.id)
                }
                if !result.converged { lines.insert(ResultLine("did not converge after \(result.iterations) iterations"), at: 0) }
                return .results(title: "\(measure.rawValue) centrality, \(scope) (\(view.nodeCount) entities)", lines)
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("centrality: \(error)")
            }
        }
    }

    func startPath(_ a: ItemID, _ b: ItemID) {
        let store = self.store
        let options = graphOptions
        jobs.start("path", kind: .analysis) { job in
            do {
                let view = try GraphView.build(from: store, options: options, progress: job.analysis)
                let nameA = store.item(a)?.displayName ?? a.description, nameB = store.item(b)?.displayName ?? b.description
                guard let s = view.node(a), let t = view.node(b),
                      let path = Paths.shortestPath(view.graph(directed: false, weighted: false), from: s, to: t) else {
                    return .results(title: "path \(nameA) – \(nameB)", [ResultLine("no path between \(nameA) and \(nameB)")])
                }
                var lines: [ResultLine] = []
                for (i, node) in path.enumerated() {
                    let prefix = i == 0 ? "  " : "→ "
                    lines.append(ResultLine("\(prefix)\(view.names[node]) (\(view.kinds[node]))", item: view.ids[node]))
                }
                return .results(title: "path \(nameA) – \(nameB): \(path.count - 1) \(path.count == 2 ? "hop" : "hops")", lines)
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("path: \(error)")
            }
        }
    }

    func startNetwork(_ members: [ItemID]) {
        let store = self.store
        let options = graphOptions
        jobs.start("connecting network", kind: .analysis) { job in
            do {
                let view = try GraphView.build(from: store, options: options, progress: job.analysis)
                let nodes = members.compactMap { view.node($0) }
                let net = try ConnectingNetwork.find(view.graph(directed: false, weighted: false), members: nodes,
                                                     progress: job.analysis)
                var lines: [ResultLine] = []
                for p in net.paths {
                    let names = p.path.map { view.names[$0] }.joined(separator: " → ")
                    lines.append(ResultLine("\(names)", item: view.ids[p.from]))
                }
                for (x, y) in net.unconnected {
                    lines.append(ResultLine("not connected: \(view.names[x]) – \(view.names[y])"))
                }
                for (node, count) in net.intermediaries {
                    lines.append(ResultLine("intermediary \(view.names[node]) on \(count) paths", item: view.ids[node]))
                }
                return .results(title: "network of \(members.count): \(net.nodes.count) entities", lines)
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("network: \(error)")
            }
        }
    }
}

func formatScore(_ x: Double) -> String {
    let scaled = (x * 10_000).rounded() / 10_000
    var s = String(scaled)
    if let dot = s.firstIndex(of: ".") {
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        if decimals < 4 { s += String(repeating: "0", count: 4 - decimals) }
    }
    return s
}

/// Colocation and entity resolution: the other analyses the `:` line runs, as on the CLI.
extension Workbench {
    func registerResolutionCommands() {
        registry.register(CommandSpec("analysis.colocate", "colocate", help: "Find entities seen at the same place within a time window.",
                                      scope: .global, verbs: ["colocate"], usage: "15m|1h|1d")) { w, args in
            guard let text = args.first, let seconds = Workbench.parseDuration(text) else {
                throw CommandError("colocate: give a time window such as 15m, 2h or 1d")
            }
            w.startColocation(windowSeconds: seconds, label: text)
        }
        registry.register(CommandSpec("review.resolve", "resolve entities", help: "Review entity-resolution candidates one by one.",
                                      scope: .global, inFooter: false, verbs: ["resolve"])) { w, _ in w.startResolution() }
    }

    /// "15m", "90s", "2h", "1d", or plain seconds.
    static func parseDuration(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let last = text.last, let unit = units[last], let n = Int64(text.dropLast()), n > 0, n < 10_000_000 { return n * unit }
        if let n = Int64(text), n > 0, n < 1_000_000_000 { return n }
        return nil
    }

    func startColocation(windowSeconds: Int64, label: String) {
        let store = self.store
        let caseID = selectedCase?.meta.id
        jobs.start("colocation \(label)", kind: .analysis) { job in
            do {
                let found = try Colocator.find(store, windowSeconds: windowSeconds, caseID: caseID, progress: job.analysis)
                func name(_ id: ItemID) -> String { store.item(id)?.displayName ?? id.description }
                let lines = found.prefix(500).map { c in
                    ResultLine("\(name(c.a)) + \(name(c.b)): \(c.count) times at \(c.places) places, "
                        + "\(TimePoint(utcMicros: c.first).description) – \(TimePoint(utcMicros: c.last).description)", item: c.a)
                }
                return .results(title: "colocated within \(label): \(found.count) pairs",
                                lines.isEmpty ? [ResultLine("no entities seen together within \(label)")] : Array(lines))
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("colocate: \(error)")
            }
        }
    }

    func startResolution() {
        let store = self.store
        let caseID = selectedCase?.meta.id
        jobs.start("entity resolution", kind: .analysis) { job in
            do {
                let report = try Correlator.run(store, options: CorrelationOptions(caseA: caseID), progress: job.analysis)
                let candidates = report.candidates.map {
                    ReviewCandidate(a: $0.a, b: $0.b, kind: $0.kind, score: $0.score, strength: $0.strength.rawValue,
                                    agreed: $0.agreed, disagreed: $0.disagreed)
                }
                return .review(candidates)
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("resolve: \(error)")
            }
        }
    }
}
