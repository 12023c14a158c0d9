import ArgumentParser
import DossierModel
import DossierRender
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

/// `dossier chart`: a link chart of a case, a neighbourhood or the whole workspace, as plain text.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw a link chart as plain text (for a report or a terminal).",
        discussion: """
            Entities are boxes marked with a glyph for their kind; links and events between two entities are drawn \
            once, with their count. A chart larger than --width/--height is summarised: the entities with the fewest \
            links are left out and a last line says how many.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "Only this case (name or id).") var caseName: String?
    @Option(help: ArgumentHelp("Centre on this entity (id, id prefix or exact name).", valueName: "id|name"))
    var focus: String?
    @Option(help: "With --focus: how many hops to include.") var depth: Int = 1
    @Option(help: "hierarchical, force, circular, radial or grouped.") var layout: String = "hierarchical"
    @Option(name: .customLong("group-by"), help: "For --layout grouped: case or community.") var groupBy: String = "case"
    @Option(help: "Columns available (default: $COLUMNS, else 120).") var width: Int?
    @Option(help: "Rows available (default: as many as needed).") var height: Int?
    @Option(help: "full, short (labels cut to 8 columns) or dots (one cell per entity).") var zoom: String = "full"
    @Option(help: "Seed of the force-directed layout.") var seed: UInt64 = 1
    @Flag(help: "Only ASCII characters (+ - | > v).") var ascii = false
    @Flag(help: "Print crossings, bends, size, and entity and link counts (routed, unrouted and drawn dotted) after the chart (two lines).")
    var stats = false

    func run() throws {
        guard let style = ChartLayoutStyle(rawValue: layout.lowercased()) else {
            throw CLIFailure("--layout \"\(layout)\": expected hierarchical, force, circular, radial or grouped", exitCode: 2)
        }
        guard let zoomLevel = ChartZoom(rawValue: zoom.lowercased()) else {
            throw CLIFailure("--zoom \"\(zoom)\": expected full, short or dots", exitCode: 2)
        }
        guard ["case", "community"].contains(groupBy.lowercased()) else {
            throw CLIFailure("--group-by \"\(groupBy)\": expected case or community", exitCode: 2)
        }
        let columns = width ?? ChartCommand.terminalColumns() ?? 120
        guard (20...100_000).contains(columns) else { throw CLIFailure("--width \(columns): expected 20 to 100000", exitCode: 2) }
        if let h = height, !(5...100_000).contains(h) { throw CLIFailure("--height \(h): expected 5 to 100000", exitCode: 2) }
        guard (0...50).contains(depth) else { throw CLIFailure("--depth \(depth): expected 0 to 50", exitCode: 2) }

        let ws = try global.openWorkspace(.readOnly)
        defer { ws.close() }
        let caseID = try caseName.map { try ws.requireCase($0).meta.id }
        var focusID: ItemID?
        if let focus {
            let id = try ws.require(focus, what: "entity")
            guard ws.entity(id) != nil else { throw CLIFailure("\"\(focus)\" is not an entity") }
            focusID = id
        }
        var graph = ChartGraphBuilder(reader: ws).build(caseID: caseID, focus: focusID, depth: depth)
        if style == .grouped && groupBy.lowercased() == "community" { graph = graph.groupedByCommunity(seed: seed) }
        if graph.nodes.isEmpty {
            print(caseName != nil ? "No entities in case \(caseName!)." : "No entities to chart.")
            return
        }
        let options = ChartLayoutOptions(style: style, zoom: zoomLevel, focus: focusID, seed: seed, ascii: ascii)
        let statsRows = stats ? 2 : 0
        let chartLayout = ChartLayoutEngine.layout(graph, options: options,
                                                   size: ChartSize(width: columns, height: height.map { $0 - statsRows }))
        for line in ChartRenderer.text(chartLayout, glyphs: ascii ? .ascii : .unicode, width: columns) { print(line) }
        if stats {
            let s = chartLayout.stats
            print("crossings \(s.crossings), bends \(s.bends), size \(s.width)x\(s.height)")
            print("entities \(s.nodes) shown, \(s.omittedNodes) left out; links \(s.edges) routed, \(s.unroutedEdges) unrouted"
                  + " (\(s.dottedEdges) drawn dotted)")
        }
    }

    static func terminalColumns() -> Int? {
        guard let env = getenv("COLUMNS"), let s = String(validatingCString: env), let n = Int(s), n > 0 else { return nil }
        return n
    }
}
