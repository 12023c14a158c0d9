import DossierEngine
import DossierExchange
import DossierModel
import Foundation

/// Engine cases: graph measures on the store cases' call graph and on a random 100k/500k graph, search latency over
/// 1M entities, co-location over 1M cell-tagged sightings, entity resolution over 100k, 200k and 400k person names.
extension BenchRegistry {
    static var engineCases: [BenchCase] {
        [
            BenchCase(area: "engine", name: "call graph build (CSR)", scale: "1M events", runs: 3) { ctx, run in
                let data = ctx.shared("store-data-1000000") { StoreBenchData(events: 1_000_000) }
                for _ in 0..<3 { run.time { _ = EngineBenchData.callGraph(data) } }
            },
            BenchCase(area: "engine", name: "pagerank (call graph)", scale: "1M events") { ctx, run in
                let g = ctx.shared("engine-call-graph") { EngineBenchData.callGraph(ctx.shared("store-data-1000000") { StoreBenchData(events: 1_000_000) }) }
                for _ in 0..<5 { try run.time { _ = try Centrality.pagerank(g) } }
            },
            BenchCase(area: "engine", name: "components (call graph)", scale: "1M events") { ctx, run in
                let g = ctx.shared("engine-call-graph") { EngineBenchData.callGraph(ctx.shared("store-data-1000000") { StoreBenchData(events: 1_000_000) }) }
                for _ in 0..<5 { try run.time { _ = try Components.find(g) } }
            },
            // Side by side with `peers.py graph calls.csv --src caller --dst callee` on the file
            // `dossier generate --events 1000000 --seed 1` writes: the same undirected graph (repeated pairs once,
            // self-calls dropped, every weight 1) and the same operations igraph and networkx time.
            BenchCase(area: "engine", name: "pagerank (calls.csv, as peers.py)", scale: "1M events", runs: 9) { ctx, run in
                let g = try ctx.shared("engine-calls-csv-graph") { try EngineBenchData.callsCSVGraph(ctx) }
                run.note = "\(g.nodeCount) nodes, \(g.edgeCount) edges"
                for _ in 0..<9 { try run.time { _ = try Centrality.pagerank(g) } }
            },
            BenchCase(area: "engine", name: "components (calls.csv, as peers.py)", scale: "1M events", runs: 9) { ctx, run in
                let g = try ctx.shared("engine-calls-csv-graph") { try EngineBenchData.callsCSVGraph(ctx) }
                run.note = "\(g.nodeCount) nodes, \(g.edgeCount) edges"
                for _ in 0..<9 { try run.time { _ = try Components.find(g) } }
            },
            // The same on the import benchmark's world (`dossier generate --people 20000 --events 1250000 --seed 1`):
            // a sparser, larger call graph.
            BenchCase(area: "engine", name: "pagerank (calls.csv, as peers.py)", scale: "1.25M events, 20k people", runs: 9) { ctx, run in
                let g = try ctx.shared("engine-calls-csv-graph-20k") { try EngineBenchData.callsCSVGraph(ctx, people: 20_000, events: 1_250_000) }
                run.note = "\(g.nodeCount) nodes, \(g.edgeCount) edges"
                for _ in 0..<9 { try run.time { _ = try Centrality.pagerank(g) } }
            },
            BenchCase(area: "engine", name: "components (calls.csv, as peers.py)", scale: "1.25M events, 20k people", runs: 9) { ctx, run in
                let g = try ctx.shared("engine-calls-csv-graph-20k") { try EngineBenchData.callsCSVGraph(ctx, people: 20_000, events: 1_250_000) }
                run.note = "\(g.nodeCount) nodes, \(g.edgeCount) edges"
                for _ in 0..<9 { try run.time { _ = try Components.find(g) } }
            },
            BenchCase(area: "engine", name: "colocation 15m window", scale: "1M events", target: 1.0) { ctx, run in
                let s = EngineBenchData.sightings(1_000_000)
                for _ in 0..<5 {
                    try run.time { _ = try Colocator.find(sightings: s.sightings, entities: s.entities, places: s.places, windowSeconds: 900) }
                }
            },
            BenchCase(area: "engine", name: "betweenness 256 pivots (2 threads)", scale: "100k nodes/500k edges", target: 3.0, runs: 3) { ctx, run in
                let g = EngineBenchData.randomGraph(nodes: 100_000, edges: 500_000)
                for _ in 0..<3 { try run.time { _ = try Centrality.betweenness(g, sample: 256, seed: 1, threads: 2) } }
            },
            BenchCase(area: "engine", name: "pagerank (random)", scale: "100k nodes/500k edges") { ctx, run in
                let g = EngineBenchData.randomGraph(nodes: 100_000, edges: 500_000, directed: true)
                for _ in 0..<5 { try run.time { _ = try Centrality.pagerank(g) } }
            },
            BenchCase(area: "engine", name: "louvain communities", scale: "100k nodes/500k edges", runs: 3) { ctx, run in
                let g = EngineBenchData.randomGraph(nodes: 100_000, edges: 500_000)
                for _ in 0..<3 { try run.time { _ = try Communities.louvain(g) } }
            },
            BenchCase(area: "engine", name: "search index build", scale: "1M entities", runs: 1) { ctx, run in
                let entities = EngineBenchData.people(1_000_000, seed: 11)
                var index: SearchIndex?
                run.time { index = SearchIndex(entities: entities) }
                _ = ctx.shared("engine-search-index") { index! }
            },
            BenchCase(area: "engine", name: "search p50", scale: "1M entities", target: 0.020) { ctx, run in
                let index = ctx.shared("engine-search-index") { SearchIndex(entities: EngineBenchData.people(1_000_000, seed: 11)) }
                for r in 0..<5 { run.sample(quantile(try EngineBenchData.searchLatencies(index, seed: UInt64(r)), 0.5)) }
            },
            BenchCase(area: "engine", name: "search p99", scale: "1M entities", target: 0.100) { ctx, run in
                let index = ctx.shared("engine-search-index") { SearchIndex(entities: EngineBenchData.people(1_000_000, seed: 11)) }
                for r in 0..<5 { run.sample(quantile(try EngineBenchData.searchLatencies(index, seed: UInt64(r)), 0.99)) }
            },
            // 100k, 200k and 400k: twice the data should cost at most about 2.2 times the time (issue #4). The note
            // gives the pairs compared after blocking, to see how the blocks grow.
            BenchCase(area: "engine", name: "entity resolution", scale: "100k person names", target: 5.0, runs: 3) { ctx, run in
                try EngineBenchData.resolution(100_000, &run)
            },
            BenchCase(area: "engine", name: "entity resolution", scale: "200k person names", runs: 3) { ctx, run in
                try EngineBenchData.resolution(200_000, &run)
            },
            BenchCase(area: "engine", name: "entity resolution", scale: "400k person names", runs: 3) { ctx, run in
                try EngineBenchData.resolution(400_000, &run)
            },
            // The same operation on a register shaped like a real one (see `PersonRegister`): a name vocabulary that
            // grows with the population, birth dates over 66 years, 4% planted duplicates, over-common names and a
            // switchboard number. The note adds how many planted duplicates were proposed.
            BenchCase(area: "engine", name: "entity resolution (register)", scale: "100k people", target: 5.0, runs: 3) { ctx, run in
                try EngineBenchData.registerResolution(100_000, &run)
            },
            BenchCase(area: "engine", name: "entity resolution (register)", scale: "200k people", runs: 3) { ctx, run in
                try EngineBenchData.registerResolution(200_000, &run)
            },
            BenchCase(area: "engine", name: "entity resolution (register)", scale: "400k people", runs: 3) { ctx, run in
                try EngineBenchData.registerResolution(400_000, &run)
            },
        ]
    }
}

enum EngineBenchData {
    /// The generated world's call graph read back from its calls.csv as peers.py reads it: phones numbered in order of
    /// first appearance, each unordered pair once, self-calls dropped.
    static func callsCSVGraph(_ ctx: BenchContext, people: Int = 1000, events: Int = 1_000_000) throws -> CSRGraph {
        let dir = ctx.scratch + "/engine-generated-\(people)-\(events)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = try WorldGenerator(people: people, events: events, seed: 1).write(to: dir)
        guard let data = FileManager.default.contents(atPath: dir + "/calls.csv") else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var ids: [Substring: Int32] = [:]
        var seen = Set<UInt64>()
        var edges = EdgeList()
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            func id(_ s: Substring) -> Int32 {
                if let i = ids[s] { return i }
                let i = Int32(ids.count)
                ids[s] = i
                return i
            }
            let a = id(fields[0]), b = id(fields[1])
            guard a != b else { continue }
            let key = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
            if seen.insert(key).inserted { edges.append(a, b, 1) }
        }
        return CSRGraph(nodeCount: ids.count, directed: false, edges: edges)
    }

    /// The call graph of the store cases' events: phones as nodes, caller → receiver arcs (repeats summed).
    static func callGraph(_ data: StoreBenchData) -> CSRGraph {
        var index: [ItemID: Int32] = [:]
        index.reserveCapacity(data.phones.count)
        for (i, p) in data.phones.enumerated() { index[p.meta.id] = Int32(i) }
        var edges = EdgeList()
        edges.reserve(data.events.count)
        for e in data.events {
            guard e.participants.count == 2, let a = index[e.participants[0].entity], let b = index[e.participants[1].entity] else { continue }
            edges.append(a, b, 1)
        }
        return CSRGraph(nodeCount: data.phones.count, directed: true, edges: edges)
    }

    static func randomGraph(nodes n: Int, edges m: Int, directed: Bool = false) -> CSRGraph {
        var rng = SeededGenerator(seed: 1)
        var e = EdgeList()
        e.reserve(m)
        for _ in 0..<m { e.append(Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), 1) }
        return CSRGraph(nodeCount: n, directed: directed, edges: e).unweighted
    }

    /// 1M sightings of 20 000 phones at 2 000 cells over 30 days.
    static func sightings(_ n: Int) -> (sightings: [Colocator.Sighting], entities: [ItemID], places: [ItemID]) {
        var rng = SeededGenerator(seed: 3)
        var s: [Colocator.Sighting] = []
        s.reserveCapacity(n)
        for _ in 0..<n {
            s.append(.init(entity: Int32(rng.next() % 20_000), place: Int32(rng.next() % 2_000),
                           time: Int64(rng.next() % (30 * 86_400)) * 1_000_000))
        }
        return (s, (0..<20_000).map { ItemID(high: 1, low: UInt64($0)) }, (0..<2_000).map { ItemID(high: 2, low: UInt64($0)) })
    }

    static let firstNames = ["john", "maria", "ivan", "hans", "pierre", "anna", "li", "mohammed", "sofia", "pavel", "jean", "olga",
                             "carlos", "fatima", "peter", "elena", "david", "sara", "ahmed", "laura"]
    static let lastNames = ["smith", "muller", "ivanov", "dubois", "rossi", "garcia", "nowak", "kowalski", "jones", "papadopoulos",
                            "novak", "schmidt", "martin", "silva", "brown", "taylor", "wilson", "moreau", "bauer", "horvat"]

    static func name(_ rng: inout SeededGenerator) -> String {
        let c = Array("bcdfghjklmnprstvz"), v = Array("aeiou")
        func syllable() -> String { String([c[Int(rng.next() % UInt64(c.count))], v[Int(rng.next() % UInt64(v.count))]]) }
        let f = firstNames[Int(rng.next() % UInt64(firstNames.count))]
        let l = lastNames[Int(rng.next() % UInt64(lastNames.count))] + syllable() + syllable()
        return f.prefix(1).uppercased() + f.dropFirst() + " " + l.prefix(1).uppercased() + l.dropFirst()
    }

    /// Entity resolution over `n` generated people with dates of birth, timed three times.
    static func resolution(_ n: Int, _ run: inout BenchRun) throws {
        let items = InMemoryItems(people(n, seed: 5, withBirthDates: true).map { .entity($0) })
        var report: CorrelationReport?
        for _ in 0..<3 { try run.time { report = try Correlator.run(items) } }
        if let r = report {
            run.note = "\(r.comparisons) pairs (\(r.comparisons - r.screenedOut) past the screen), \(r.candidates.count) candidates, \(r.overCommon.count) over-common"
        }
    }

    /// Entity resolution over a generated register of `n` people (`PersonRegister`), timed three times.
    static func registerResolution(_ n: Int, _ run: inout BenchRun) throws {
        let register = PersonRegister(n, seed: 5)
        let items = InMemoryItems(register.people.map { .entity($0) })
        var report: CorrelationReport?
        for _ in 0..<3 { try run.time { report = try Correlator.run(items) } }
        if let r = report {
            let proposed = Set(r.candidates.map { [$0.a, $0.b] })
            let found = register.planted.filter { proposed.contains([$0.0, $0.1].sorted()) }.count
            let strong = r.candidates.filter { $0.strength == .strong }.count
            run.note = "\(r.comparisons) pairs (\(r.comparisons - r.screenedOut) past the screen), \(r.candidates.count) candidates"
                + " (\(strong) strong), \(found) of \(register.planted.count) planted, \(r.overCommon.count) over-common"
        }
    }

    /// People (two in three) and phones (one in three) with generated names and numbers.
    static func people(_ n: Int, seed: UInt64, withBirthDates: Bool = false) -> [Entity] {
        var rng = SeededGenerator(seed: seed)
        let t0 = TimePoint(unixSeconds: 1_704_067_200)
        return (0..<n).map { i in
            let id = ItemID(millisecondsSinceEpoch: 1_704_067_200_000 + UInt64(i), using: &rng)
            if !withBirthDates && i % 3 == 0 {
                let number = "+4477" + String(10_000_000 + i)
                return Entity(meta: ItemMeta(id: id, analyst: "bench", at: t0), kind: .phone, name: number,
                              identifiers: [Identifier(scheme: .phone, normalized: number)])
            }
            var attrs: [Attribute] = []
            if withBirthDates {
                attrs.append(Attribute("dob", "19\(50 + Int(rng.next() % 50))-0\(1 + Int(rng.next() % 9))-1\(Int(rng.next() % 9))"))
            }
            return Entity(meta: ItemMeta(id: id, analyst: "bench", at: t0), kind: .person, name: name(&rng), attributes: attrs)
        }
    }

    /// Latencies of 300 mixed queries: full names, typos, sound-alikes, Cyrillic, phones in another format, filters.
    static func searchLatencies(_ index: SearchIndex, seed: UInt64) throws -> [Double] {
        var rng = SeededGenerator(seed: 100 + seed)
        var queries: [String] = []
        for _ in 0..<200 { queries.append(name(&rng)) }
        for _ in 0..<60 { queries.append("07" + String(710_000_000 + Int(rng.next() % 999_999))) }
        for _ in 0..<5 {
            queries += ["jon smyth", "muler", "ivanof", "Иванов", "kind:phone 0771000003", "pavel nowak", "marai", "papadopulos"]
        }
        var out: [Double] = []
        for q in queries {
            let t = Clock.now()
            _ = try index.search(q)
            out.append(Clock.now() - t)
        }
        return out
    }
}
