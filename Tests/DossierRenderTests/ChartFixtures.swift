import DossierModel
@testable import DossierRender

/// Small fixed graphs shared by the chart tests (and the Graph::Easy comparison).
enum ChartFixtures {
    static func id(_ n: Int) -> ItemID { ItemID(high: 0x0193_0000_0000_0000 | UInt64(n), low: UInt64(n) &* 0x9E37_79B9) }

    static func node(_ n: Int, _ label: String, _ kind: EntityKind = .person, group: String = "") -> ChartNode {
        ChartNode(id: id(n), label: label, kind: kind, group: group)
    }

    static func edge(_ a: Int, _ b: Int, directed: Bool = false, _ label: String = "", count: Int = 1) -> ChartEdge {
        ChartEdge(from: id(a), to: id(b), directed: directed, label: label, count: count)
    }

    /// A two-level tree: a boss, three lieutenants, six runners.
    static var tree: ChartGraph {
        let names = ["Boss", "Lt Anna", "Lt Boris", "Lt Chen", "Run 1", "Run 2", "Run 3", "Run 4", "Run 5", "Run 6"]
        let nodes = names.enumerated().map { node($0.offset, $0.element) }
        let edges = [edge(0, 1, directed: true), edge(0, 2, directed: true), edge(0, 3, directed: true),
                     edge(1, 4, directed: true), edge(1, 5, directed: true), edge(2, 6, directed: true),
                     edge(2, 7, directed: true), edge(3, 8, directed: true), edge(3, 9, directed: true)]
        return ChartGraph(nodes: nodes, edges: edges)
    }

    /// K4: four people who all know each other.
    static var k4: ChartGraph {
        let nodes = ["Ana", "Ben", "Cy", "Dee"].enumerated().map { node($0.offset, $0.element) }
        var edges: [ChartEdge] = []
        for a in 0..<4 { for b in (a + 1)..<4 { edges.append(edge(a, b)) } }
        return ChartGraph(nodes: nodes, edges: edges)
    }

    /// Three cases sharing a phone and an account, like the demo world.
    static var threeCases: ChartGraph {
        let nodes = [
            node(0, "Marco Rossi", group: "drugs"), node(1, "+39 333 111", .phone, group: "drugs"),
            node(2, "Luca Bianchi", group: "drugs"), node(3, "Fiat Ducato", .vehicle, group: "drugs"),
            node(4, "Jan de Vries", group: "fraud"), node(5, "NL91ABNA0417", .bankAccount, group: "fraud"),
            node(6, "Shell BV", .company, group: "fraud"), node(7, "Ivan Petrov", group: "cyber"),
            node(8, "185.220.101.4", .ipAddress, group: "cyber"), node(9, "evil.example", .domain, group: "cyber"),
        ]
        let edges = [
            edge(0, 1, "uses"), edge(2, 1, directed: true, "call", count: 14), edge(2, 3, "owns"),
            edge(0, 2, "associate"), edge(4, 5, "owns"), edge(6, 5, "owns"), edge(0, 5, directed: true, "paid", count: 3),
            edge(4, 6, "director-of"), edge(7, 8, "uses"), edge(8, 9, "resolves"), edge(7, 5, directed: true, "paid"),
            edge(7, 1, directed: true, "call", count: 2),
        ]
        return ChartGraph(nodes: nodes, edges: edges)
    }

    /// A seeded random graph: `n` nodes, about `m` edges, mixed kinds and directions.
    static func random(n: Int, m: Int, seed: UInt64) -> ChartGraph {
        var rng = SeededGenerator(seed: seed)
        let kinds: [EntityKind] = [.person, .phone, .bankAccount, .company, .vehicle, .email]
        let nodes = (0..<n).map { i in
            node(i, "N\(i)-" + String(repeating: "x", count: Int(rng.next() % 8)), kinds[Int(rng.next() % 6)],
                 group: "g\(rng.next() % 3)")
        }
        var edges: [ChartEdge] = []
        guard n > 1 else { return ChartGraph(nodes: nodes, edges: []) }
        for _ in 0..<m {
            let a = Int(rng.next() % UInt64(n)), b = Int(rng.next() % UInt64(n))
            edges.append(edge(a, b, directed: rng.next() % 2 == 0, rng.next() % 3 == 0 ? "call" : "",
                              count: 1 + Int(rng.next() % 3)))
        }
        return ChartGraph(nodes: nodes, edges: edges)
    }
}
