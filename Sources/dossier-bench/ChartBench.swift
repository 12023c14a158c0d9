import DossierModel
import DossierRender

/// Link chart cases: a 300-entity chart laid out, routed and drawn (target < 200 ms).
extension BenchRegistry {
    static var chartCases: [BenchCase] {
        var cases: [BenchCase] = []
        for style in ChartLayoutStyle.allCases {
            cases.append(BenchCase(area: "chart", name: "layout+route+draw \(style.rawValue) (all shown)",
                                   scale: "300 nodes", target: 0.2, runs: 5) { ctx, run in
                let graph = ctx.shared("chart-graph-300") { ChartBenchData.graph(nodes: 300, edges: 450, seed: 11) }
                var stats: ChartStats?
                for _ in 0..<5 {
                    run.time {
                        let layout = ChartLayoutEngine.layout(graph, options: ChartLayoutOptions(style: style),
                                                              size: ChartSize(width: 5000))
                        var canvas = Canvas(width: layout.width, height: layout.height)
                        ChartRenderer.draw(layout, into: &canvas, region: canvas.bounds)
                        stats = layout.stats
                    }
                }
                if let s = stats {
                    run.note = "\(s.width)x\(s.height), \(s.crossings) crossings, \(s.omittedNodes) left out, "
                        + "\(s.edges) routed, \(s.unroutedEdges) unrouted (\(s.dottedEdges) dotted)"
                }
            })
        }
        cases.append(BenchCase(area: "chart", name: "fit into 160x50 (summarised) force", scale: "300 nodes", target: 0.2,
                               runs: 5) { ctx, run in
            let graph = ctx.shared("chart-graph-300") { ChartBenchData.graph(nodes: 300, edges: 450, seed: 11) }
            for _ in 0..<5 {
                run.time {
                    let layout = ChartLayoutEngine.layout(graph, options: ChartLayoutOptions(style: .force),
                                                          size: ChartSize(width: 160, height: 50))
                    _ = ChartRenderer.text(layout, width: 160)
                }
            }
        })
        return cases
    }
}

/// A deterministic investigation-like graph: people, phones, accounts and companies; links with repeats.
enum ChartBenchData {
    static func graph(nodes n: Int, edges m: Int, seed: UInt64) -> ChartGraph {
        var rng = SeededGenerator(seed: seed)
        let kinds: [EntityKind] = [.person, .phone, .bankAccount, .company, .vehicle, .email]
        let nodes = (0..<n).map { i in
            ChartNode(id: ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + UInt64(i), using: &rng),
                      label: "Entity \(i) " + String(repeating: "x", count: Int(rng.next() % 10)),
                      kind: kinds[Int(rng.next() % UInt64(kinds.count))], group: "case \(rng.next() % 4)")
        }
        var edges: [ChartEdge] = []
        for _ in 0..<m {
            // Preferential: half the links touch the first tenth (hubs), as in call data.
            let a = rng.next() % 2 == 0 ? Int(rng.next() % UInt64(max(1, n / 10))) : Int(rng.next() % UInt64(n))
            let b = Int(rng.next() % UInt64(n))
            edges.append(ChartEdge(from: nodes[a].id, to: nodes[b].id, directed: rng.next() % 2 == 0,
                                   label: rng.next() % 3 == 0 ? "call" : "paid", count: 1 + Int(rng.next() % 4)))
        }
        return ChartGraph(nodes: nodes, edges: edges)
    }
}
