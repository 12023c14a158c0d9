import DossierEngine
import DossierModel

extension ChartGraph {
    /// The same graph with each node's group set to its Louvain community ("community 1" is the largest), for the
    /// grouped layout. Link counts weigh the edges; the seed makes it deterministic.
    public func groupedByCommunity(seed: UInt64 = 1) -> ChartGraph {
        guard !nodes.isEmpty else { return self }
        var list = EdgeList()
        for (k, (a, b)) in endpoints.enumerated() {
            list.append(Int32(truncatingIfNeeded: a), Int32(truncatingIfNeeded: b), Double(edges[k].count))
        }
        let csr = CSRGraph(nodeCount: nodes.count, directed: false, edges: list)
        guard let found = try? Communities.louvain(csr, seed: seed), found.label.count == nodes.count else { return self }
        let regrouped = nodes.enumerated().map { i, n in
            ChartNode(id: n.id, label: n.label, kind: n.kind, group: "community \(Int(found.label[i]) + 1)")
        }
        return ChartGraph(nodes: regrouped, edges: edges)
    }
}

extension ChartPalette {
    /// Chart styles from a theme's roles: chart.edge, chart.edge-label, chart.node, entity.<kind>, title, chart.focus.
    public init(theme: Theme) {
        var kinds: [EntityKind: CellStyle] = [:]
        for kind in EntityKind.wellKnown { kinds[kind] = theme.entity(kind) }
        self.init(edge: theme.style(.chartEdge), arrow: theme.style(.chartEdge), edgeLabel: theme.style(.chartEdgeLabel),
                  nodeBorder: theme.style(.chartNode), nodeLabel: theme.style(.text), title: theme.style(.title),
                  kinds: kinds, highlight: theme.style(.chartFocus).patched(with: CellStyle(bold: true)),
                  dimmed: CellStyle(dim: true))
    }
}
