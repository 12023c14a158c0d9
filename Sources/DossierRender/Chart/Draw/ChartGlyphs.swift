import DossierModel

/// The one-column glyph that marks an entity's kind inside its box.
public enum ChartKindGlyph {
    public static func glyph(for kind: EntityKind, ascii: Bool) -> String {
        let pair = table[kind.rawValue] ?? ("•", "*")
        return ascii ? pair.1 : pair.0
    }

    /// Unicode glyphs are all text-presentation symbols of one column; ASCII falls back to a letter.
    private static let table: [String: (String, String)] = [
        "person": ("☺", "P"), "organization": ("▦", "O"), "company": ("▣", "C"), "phone": ("☎", "T"),
        "email": ("✉", "E"), "bank-account": ("¤", "$"), "crypto-wallet": ("₿", "W"), "vehicle": ("▭", "V"),
        "vessel": ("≋", "S"), "airplane": ("✈", "A"), "address": ("⌂", "H"), "location": ("◎", "L"),
        "cell-site": ("Ψ", "X"), "document": ("▤", "D"), "ip-address": ("◇", "I"), "domain": ("◈", "N"),
        "url": ("↗", "U"), "artifact": ("◊", "R"), "user-account": ("☻", "@"), "malware": ("☣", "M"),
        "indicator": ("⚑", "!"),
    ]
}

/// What a painted cell shows, for styling by the theme.
public enum ChartPaintRole: Hashable, Sendable {
    case edge, arrow, edgeLabel, nodeBorder, nodeGlyph, nodeLabel, title
}

/// One piece of text at a grid position, with what it belongs to (node index or edge index, when any).
public struct ChartPaint: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
    public var role: ChartPaintRole
    public var node: Int?
    public var edge: Int?
}

/// Turns a layout into paints, in drawing order (later paints go over earlier ones): edge lines with junctions chosen
/// from the directions that meet in each cell, arrowheads, tees where edges leave a box, boxes, labels, titles.
public enum ChartPainter {
    static let up: UInt8 = 1, down: UInt8 = 2, left: UInt8 = 4, right: UInt8 = 8

    public static func paints(_ layout: ChartLayout, glyphs: GlyphSet) -> [ChartPaint] {
        var out: [ChartPaint] = []
        // Direction masks of every edge cell, and which edge runs through it (the last one wins for styling), on
        // flat arrays over the chart's cells. Fallback edges come after the clean ones and only where those are not.
        let w = max(1, layout.width), h = max(1, layout.height)
        func index(_ p: ChartPoint) -> Int? { p.x >= 0 && p.x < w && p.y >= 0 && p.y < h ? p.y * w + p.x : nil }
        var mask = [UInt8](repeating: 0, count: w * h)
        var owner = [Int32](repeating: -1, count: w * h)
        var orderOfCells: [Int] = []
        for (i, e) in layout.edges.enumerated() where !e.fallback {
            let cells = e.cells
            guard cells.count >= 3 else { continue }
            for k in 1..<(cells.count - 1) {
                guard let c = index(cells[k]) else { continue }
                if mask[c] == 0 { orderOfCells.append(c) }
                mask[c] |= direction(from: cells[k], to: cells[k - 1]) | direction(from: cells[k], to: cells[k + 1])
                owner[c] = Int32(i)
            }
        }
        for c in orderOfCells {
            out.append(ChartPaint(x: c % w, y: c / w, text: glyphs.junctions[Int(mask[c])], role: .edge, node: nil,
                                  edge: Int(owner[c])))
        }
        for (i, e) in layout.edges.enumerated() where e.fallback {
            let cells = e.cells
            guard cells.count >= 3 else { continue }
            for k in 1..<(cells.count - 1) {
                guard let c = index(cells[k]), mask[c] == 0 else { continue }
                let m = direction(from: cells[k], to: cells[k - 1]) | direction(from: cells[k], to: cells[k + 1])
                let text = m == (left | right) ? (glyphs.isASCII ? "." : "┄")
                    : m == (up | down) ? (glyphs.isASCII ? ":" : "┆") : (glyphs.isASCII ? "." : "·")
                out.append(ChartPaint(x: c % w, y: c / w, text: text, role: .edge, node: nil, edge: i))
            }
        }
        var tees: [ChartPaint] = []
        for (i, e) in layout.edges.enumerated() {
            let cells = e.cells
            guard cells.count >= 3 else { continue }
            let ends: [(border: ChartPoint, port: ChartPoint, node: Int, arrow: Bool)] = [
                (cells[0], cells[1], e.from, e.arrow == .both),
                (cells[cells.count - 1], cells[cells.count - 2], e.to, e.arrow != .none),
            ]
            for end in ends {
                if end.arrow {
                    let d = direction(from: end.port, to: end.border)
                    let g = d == up ? glyphs.arrowUp : d == down ? glyphs.arrowDown : d == left ? glyphs.arrowLeft : glyphs.arrowRight
                    out.append(ChartPaint(x: end.port.x, y: end.port.y, text: g, role: .arrow, node: nil, edge: i))
                } else if !layout.nodes[end.node].isDot {
                    let toward = direction(from: end.border, to: end.port)
                    let sides: UInt8 = (toward == up || toward == down) ? (left | right) : (up | down)
                    tees.append(ChartPaint(x: end.border.x, y: end.border.y, text: glyphs.junctions[Int(toward | sides)],
                                           role: .nodeBorder, node: end.node, edge: i))
                }
            }
        }
        for (i, n) in layout.nodes.enumerated() { boxPaints(n, index: i, glyphs: glyphs, into: &out) }
        out.append(contentsOf: tees)
        for (i, e) in layout.edges.enumerated() {
            if let l = e.label { out.append(ChartPaint(x: l.x, y: l.y, text: l.text, role: .edgeLabel, node: nil, edge: i)) }
        }
        for t in layout.titles { out.append(ChartPaint(x: t.x, y: t.y, text: t.text, role: .title, node: nil, edge: nil)) }
        return out
    }

    private static func direction(from a: ChartPoint, to b: ChartPoint) -> UInt8 {
        if b.y < a.y { return up }
        if b.y > a.y { return down }
        if b.x < a.x { return left }
        return right
    }

    private static func boxPaints(_ n: PlacedNode, index: Int, glyphs: GlyphSet, into out: inout [ChartPaint]) {
        let r = n.rect
        let kind = ChartKindGlyph.glyph(for: n.kind, ascii: glyphs.isASCII)
        if n.isDot {
            out.append(ChartPaint(x: r.x, y: r.y, text: kind, role: .nodeGlyph, node: index, edge: nil))
            return
        }
        let b = glyphs.box
        let inner = String(repeating: b.horizontal, count: max(0, r.width - 2))
        out.append(ChartPaint(x: r.x, y: r.y, text: b.topLeft + inner + b.topRight, role: .nodeBorder, node: index, edge: nil))
        out.append(ChartPaint(x: r.x, y: r.maxY - 1, text: b.bottomLeft + inner + b.bottomRight, role: .nodeBorder,
                              node: index, edge: nil))
        let blank = String(repeating: " ", count: max(0, r.width - 2))
        for y in (r.y + 1)..<(r.maxY - 1) {
            out.append(ChartPaint(x: r.x, y: y, text: b.vertical, role: .nodeBorder, node: index, edge: nil))
            out.append(ChartPaint(x: r.x + 1, y: y, text: blank, role: .nodeLabel, node: index, edge: nil))
            out.append(ChartPaint(x: r.maxX - 1, y: y, text: b.vertical, role: .nodeBorder, node: index, edge: nil))
        }
        out.append(ChartPaint(x: r.x + 1, y: r.y + 1, text: kind, role: .nodeGlyph, node: index, edge: nil))
        out.append(ChartPaint(x: r.x + 3, y: r.y + 1, text: n.text, role: .nodeLabel, node: index, edge: nil))
    }
}
