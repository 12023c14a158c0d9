import DossierModel

/// The link chart layouts.
public enum ChartLayoutStyle: String, CaseIterable, Sendable {
    /// Layered top to bottom (Sugiyama): sources at the top, links flowing down.
    case hierarchical
    /// Force-directed (seeded, deterministic), snapped to the character grid.
    case force
    /// Nodes on a circle, ordered to keep neighbours close.
    case circular
    /// A peacock around the focus entity: rings by distance in hops.
    case radial
    /// One block per group (case or community), each laid out on its own.
    case grouped
}

/// How much of each node is drawn (the TUI's zoom levels).
public enum ChartZoom: String, CaseIterable, Sendable {
    /// Boxes with the kind glyph and the label up to `ChartLayoutOptions.fullLabelWidth` columns.
    case full
    /// Boxes with labels cut to `ChartLayoutOptions.shortLabelWidth` columns.
    case short
    /// One cell per node: its kind glyph, no box.
    case dots
}

/// What to lay out and how.
public struct ChartLayoutOptions: Hashable, Sendable {
    public var style: ChartLayoutStyle
    public var zoom: ChartZoom
    public var fullLabelWidth: Int
    public var shortLabelWidth: Int
    /// The radial layout's centre; kept when a chart is summarised. Defaults to the node of highest degree.
    public var focus: ItemID?
    /// Seed of the force-directed layout (same seed, same graph: same chart).
    public var seed: UInt64
    /// Whether links carry their labels ("called ×3") where there is room.
    public var edgeLabels: Bool
    /// ASCII-only text: "x3" counts and "~" ellipsis (the glyphs themselves are chosen when drawing).
    public var ascii: Bool

    public init(style: ChartLayoutStyle = .hierarchical, zoom: ChartZoom = .full, fullLabelWidth: Int = 18,
                shortLabelWidth: Int = 8, focus: ItemID? = nil, seed: UInt64 = 1, edgeLabels: Bool = true,
                ascii: Bool = false) {
        self.style = style
        self.zoom = zoom
        self.fullLabelWidth = max(1, fullLabelWidth)
        self.shortLabelWidth = max(1, shortLabelWidth)
        self.focus = focus
        self.seed = seed
        self.edgeLabels = edgeLabels
        self.ascii = ascii
    }
}

/// The area a chart must fit: `height` nil means as tall as needed.
public struct ChartSize: Hashable, Sendable {
    public var width: Int
    public var height: Int?
    public init(width: Int, height: Int? = nil) {
        self.width = max(0, width)
        self.height = height.map { max(0, $0) }
    }
}

/// A cell of the chart grid.
public struct ChartPoint: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public var description: String { "(\(x),\(y))" }
}

/// A node placed on the grid.
public struct PlacedNode: Hashable, Sendable {
    public var id: ItemID
    public var kind: EntityKind
    /// The box (or, at zoom `.dots`, the single cell).
    public var rect: Rect
    /// The label as drawn (already truncated to fit the box).
    public var text: String
    public var isDot: Bool { rect.width == 1 && rect.height == 1 }
}

/// Text placed on the grid (edge labels, group titles).
public struct PlacedText: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var text: String
}

/// A routed edge: an orthogonal polyline from a cell on the source's box border to a cell on the target's box
/// border (the node cell itself at zoom `.dots`), listing both ends and every bend.
public struct RoutedEdge: Hashable, Sendable {
    /// Index into `ChartLayout.graph.edges`.
    public var edge: Int
    /// Node indices (into `ChartLayout.nodes`) of the polyline's first and last point.
    public var from: Int
    public var to: Int
    public var points: [ChartPoint]
    /// Arrowheads at the end (`.forward`) or both ends (`.both`).
    public var arrow: ChartArrow
    public var label: PlacedText?
    /// No clean route was found: this one still never enters a box but may run along other links; it is drawn
    /// dotted and counted in `ChartLayout.unroutedEdges`.
    public var fallback = false

    /// Every cell of the polyline in order, ends included.
    public var cells: [ChartPoint] {
        guard var current = points.first else { return [] }
        var out = [current]
        for p in points.dropFirst() {
            let dx = (p.x > current.x ? 1 : (p.x < current.x ? -1 : 0))
            let dy = (p.y > current.y ? 1 : (p.y < current.y ? -1 : 0))
            while current != p {
                current = ChartPoint(x: current.x + dx, y: current.y + dy)
                out.append(current)
            }
        }
        return out
    }

    /// Number of bends (interior polyline points).
    public var bends: Int { max(0, points.count - 2) }
}

/// Measures of a laid-out chart (`dossier chart --stats`).
public struct ChartStats: Hashable, Sendable {
    public var nodes: Int
    public var omittedNodes: Int
    /// Links routed cleanly.
    public var edges: Int
    /// Links without a clean route (drawn dotted where a path exists, see `dottedEdges`).
    public var unroutedEdges: Int
    /// Links drawn on a dotted fallback path.
    public var dottedEdges: Int
    /// Cells where a horizontal segment of one link crosses a vertical segment of another.
    public var crossings: Int
    public var bends: Int
    public var width: Int
    public var height: Int
}

/// A laid-out chart: what `ChartRenderer` draws and the TUI pans over. Coordinates start at (0, 0).
public struct ChartLayout: Sendable {
    /// The graph drawn (after summarising: only the nodes shown).
    public var graph: ChartGraph
    public var style: ChartLayoutStyle
    public var width: Int
    public var height: Int
    /// In the order of `graph.nodes`.
    public var nodes: [PlacedNode]
    /// Routed edges, in edge order. Edges without a clean route are drawn on a fallback path (`fallback`, dotted);
    /// both those and any that could not be drawn at all are counted in `unroutedEdges`.
    public var edges: [RoutedEdge]
    /// Group names above their blocks (grouped layout).
    public var titles: [PlacedText]
    /// Nodes of the input left out so the chart fits (lowest degree first), in input order.
    public var omitted: [ItemID]
    public var unroutedEdges: Int

    /// Node index of an id.
    public func nodeIndex(of id: ItemID) -> Int? { graph.index(of: id) }

    public var stats: ChartStats {
        let dotted = edges.filter(\.fallback).count
        return ChartStats(nodes: nodes.count, omittedNodes: omitted.count, edges: edges.count - dotted,
                          unroutedEdges: unroutedEdges, dottedEdges: dotted,
                          crossings: ChartGeometry.crossings(edges), bends: edges.reduce(0) { $0 + $1.bends },
                          width: width, height: height)
    }

    /// One-line notes for a footer: what was left out and why.
    public var notes: [String] {
        var out: [String] = []
        if !omitted.isEmpty {
            out.append("\(omitted.count) of \(omitted.count + nodes.count) entities left out (fewest links)")
        }
        if unroutedEdges > 0 {
            let dotted = edges.filter(\.fallback).count
            if dotted > 0 { out.append("\(dotted) links drawn dotted (no clean route)") }
            if unroutedEdges > dotted { out.append("\(unroutedEdges - dotted) links not drawn (no room)") }
        }
        return out
    }
}

/// Geometry over routed edges, shared by the statistics, the renderer and the tests.
enum ChartGeometry {
    /// Counts cells where one edge runs horizontally and another vertically through the cell (neither ending there).
    /// Fallback edges are drawn dotted, never as crossings, and are not counted.
    static func crossings(_ edges: [RoutedEdge]) -> Int {
        var maxX = 0, maxY = 0
        for e in edges where !e.fallback { for p in e.points { maxX = max(maxX, p.x); maxY = max(maxY, p.y) } }
        let w = maxX + 1
        var horizontal = [Int32](repeating: -1, count: w * (maxY + 1))
        var vertical = horizontal
        for (i, e) in edges.enumerated() where !e.fallback {
            let cells = e.cells
            guard cells.count > 2 else { continue }
            for k in 1..<(cells.count - 1) {
                let a = cells[k - 1], c = cells[k + 1], p = cells[k]
                if a.y == c.y { horizontal[p.y * w + p.x] = Int32(i) } else if a.x == c.x { vertical[p.y * w + p.x] = Int32(i) }
            }
        }
        var n = 0
        for c in horizontal.indices where horizontal[c] >= 0 && vertical[c] >= 0 && horizontal[c] != vertical[c] { n += 1 }
        return n
    }
}
