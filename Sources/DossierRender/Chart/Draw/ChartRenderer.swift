import DossierModel

/// Cell styles for the parts of a chart. The TUI builds one from its theme; `plain` draws without colour.
public struct ChartPalette: Hashable, Sendable {
    public var edge: CellStyle
    public var arrow: CellStyle
    public var edgeLabel: CellStyle
    public var nodeBorder: CellStyle
    public var nodeLabel: CellStyle
    public var title: CellStyle
    /// Styles of kind glyphs (and, when `colourBorders`, their boxes) by entity kind; others use `nodeLabel`.
    public var kinds: [EntityKind: CellStyle]
    /// Laid over highlighted nodes and edges (a path, the selection).
    public var highlight: CellStyle
    /// Laid over everything not highlighted while something is highlighted (empty: unchanged).
    public var dimmed: CellStyle

    public init(edge: CellStyle = .plain, arrow: CellStyle = .plain, edgeLabel: CellStyle = .plain,
                nodeBorder: CellStyle = .plain, nodeLabel: CellStyle = .plain, title: CellStyle = .plain,
                kinds: [EntityKind: CellStyle] = [:], highlight: CellStyle = CellStyle(bold: true, reverse: true),
                dimmed: CellStyle = CellStyle(dim: true)) {
        self.edge = edge
        self.arrow = arrow
        self.edgeLabel = edgeLabel
        self.nodeBorder = nodeBorder
        self.nodeLabel = nodeLabel
        self.title = title
        self.kinds = kinds
        self.highlight = highlight
        self.dimmed = dimmed
    }

    public static let plain = ChartPalette()
}

/// What to emphasise when drawing: node indices and edge indices (into `ChartLayout.nodes` / `.edges`).
public struct ChartHighlight: Hashable, Sendable {
    public var nodes: Set<Int>
    public var edges: Set<Int>
    public init(nodes: Set<Int> = [], edges: Set<Int> = []) {
        self.nodes = nodes
        self.edges = edges
    }
    public var isEmpty: Bool { nodes.isEmpty && edges.isEmpty }
}

/// Draws laid-out charts into a canvas (panes) or as plain text (reports, `dossier chart`).
public enum ChartRenderer {
    /// Draws the part of `layout` starting at chart cell `offset` into `region` of `canvas` (clipped to it).
    public static func draw(_ layout: ChartLayout, into canvas: inout Canvas, region: Rect,
                            offset: ChartPoint = ChartPoint(x: 0, y: 0), glyphs: GlyphSet = .unicode,
                            palette: ChartPalette = .plain, highlight: ChartHighlight = ChartHighlight()) {
        let kinds = layout.nodes.map(\.kind)
        // Line and arrow glyphs repeat for every cell of every link: whether each is one narrow character is worked
        // out once, and those go straight into their cell (what `put` would do for them, without measuring again).
        // The last glyph's answer is kept apart from the table: a link's cells come in runs of one glyph, so most
        // cells need no hashing at all.
        var narrow: [UInt32: Bool] = [:]
        var lastScalar = UInt32.max, lastNarrow = false
        for p in ChartPainter.paints(layout, glyphs: glyphs) {
            var style: CellStyle
            switch p.role {
            case .edge: style = palette.edge
            case .arrow: style = palette.arrow
            case .edgeLabel: style = palette.edgeLabel
            case .nodeBorder: style = palette.nodeBorder
            case .nodeLabel: style = palette.nodeLabel
            case .title: style = palette.title
            case .nodeGlyph: style = p.node.flatMap { palette.kinds[kinds[$0]] } ?? palette.nodeLabel
            }
            if !highlight.isEmpty {
                let lit = (p.node.map { highlight.nodes.contains($0) } ?? false)
                    || (p.node == nil && p.edge.map { highlight.edges.contains($0) } ?? false)
                style = style.patched(with: lit ? palette.highlight : palette.dimmed)
            }
            let x = region.x + p.x - offset.x, y = region.y + p.y - offset.y
            if p.role == .edge || p.role == .arrow, let first = p.text.unicodeScalars.first,
               UTF8.width(first) == p.text.utf8.count {
                let single: Bool
                if first.value == lastScalar {
                    single = lastNarrow
                } else {
                    single = narrow[first.value] ?? {
                        let ch = Character(first)
                        let yes = DisplayWidth.of(ch) == 1 && !DisplayWidth.isControl(first)
                        narrow[first.value] = yes
                        return yes
                    }()
                    lastScalar = first.value
                    lastNarrow = single
                }
                if single {
                    if region.contains(x: x, y: y) { _ = canvas.set(x: x, y: y, grapheme: p.text, width: 1, style: style) }
                    continue
                }
            }
            canvas.put(p.text, at: x, y: y, style: style, clip: region)
        }
    }

    /// The whole chart as plain text lines (trailing spaces trimmed), followed by its notes (what was left out),
    /// each note cut to `width` columns (default: the chart's width, at least 40).
    public static func text(_ layout: ChartLayout, glyphs: GlyphSet = .unicode, notes: Bool = true,
                            width: Int? = nil) -> [String] {
        var canvas = Canvas(width: layout.width, height: layout.height)
        draw(layout, into: &canvas, region: canvas.bounds, glyphs: glyphs)
        var out = canvas.lines(trimmingTrailingSpaces: true)
        if notes && !layout.notes.isEmpty {
            let limit = width ?? max(40, layout.width)
            out.append(TextFit.truncate(layout.notes.joined(separator: "; "), to: limit, ellipsis: glyphs.ellipsis))
        }
        return out
    }
}
