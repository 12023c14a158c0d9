import DossierModel

/// One block per group (case or community), largest first, each laid out force-directed on its own and titled with
/// the group's name; blocks are packed in rows no wider than the chart may be.
enum GroupedPlacement {
    static func place(_ ctx: PlacementContext) -> Placement {
        let n = ctx.topology.count
        guard n > 0 else { return Placement(rects: []) }
        var members: [String: [Int]] = [:]
        for v in 0..<n { members[ctx.groups[v], default: []].append(v) }
        let order = members.keys.sorted { a, b in
            let ca = members[a]?.count ?? 0, cb = members[b]?.count ?? 0
            if ca != cb { return ca > cb }
            if a.isEmpty != b.isEmpty { return !a.isEmpty }  // the ungrouped block last among equals
            return a < b
        }
        // Lay out each block at the origin.
        var blocks: [(group: String, nodes: [Int], placement: Placement)] = []
        for g in order {
            let nodes = members[g] ?? []
            let sub = ctx.topology.induced(nodes)
            let subCtx = PlacementContext(topology: sub, boxes: nodes.map { ctx.boxes[$0] }, groups: nodes.map { _ in g },
                                          focus: nil, seed: ctx.seed, gapX: ctx.gapX, gapY: ctx.gapY,
                                          aspect: max(1, ctx.aspect / 2), maxWidth: nil,
                                          seedPositions: nil)
            var p = ForcePlacement.place(subCtx)
            let title = (g.isEmpty ? "(no group)" : g) + " (\(nodes.count))"
            p.titles = [PlacedText(x: 0, y: -2, text: title)]
            let b = p.bounds
            p.translate(dx: -b.x, dy: -b.y)
            blocks.append((g, nodes, p))
        }
        let blockGapX = ctx.gapX + 2, blockGapY = ctx.gapY + 1
        let totalArea = blocks.reduce(0) { $0 + ($1.placement.bounds.width + blockGapX) * ($1.placement.bounds.height + blockGapY) }
        let widest = blocks.map { $0.placement.bounds.width }.max() ?? 0
        let shelfWidth = max(widest, ctx.maxWidth ?? Int((Double(totalArea) * max(1, ctx.aspect)).squareRoot()))
        var out = Placement(rects: [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: n))
        var x = 0, y = 0, rowHeight = 0
        for block in blocks {
            let b = block.placement.bounds
            if x > 0 && x + b.width > shelfWidth {
                x = 0
                y += rowHeight + blockGapY
                rowHeight = 0
            }
            var p = block.placement
            p.translate(dx: x, dy: y)
            for (local, v) in block.nodes.enumerated() { out.rects[v] = p.rects[local] }
            out.titles.append(contentsOf: p.titles)
            x += b.width + blockGapX
            rowHeight = max(rowHeight, b.height)
        }
        return out
    }
}
