import DossierEngine
import DossierModel
import DossierRender

/// The link chart pane: the selected case's chart (or, in the entity view, the drilled-into entity's neighbourhood),
/// laid out in the background once per change and panned over without laying it out again.
extension Workbench {
    func registerChartCommands() {
        func add(_ spec: CommandSpec, _ action: @escaping CommandRegistry<Workbench>.Action) { registry.register(spec, action) }
        for (id, title, dx, dy) in [("left", "left", -1, 0), ("right", "right", 1, 0), ("up", "up", 0, -1), ("down", "down", 0, 1)] {
            add(CommandSpec("chart.\(id)", "node \(title)", help: "Select the nearest entity \(title == "up" || title == "down" ? "\(title)wards" : "to the \(title)") on the chart.",
                            scope: .chart)) { w, _ in w.moveChartSelection(dx: dx, dy: dy) }
        }
        for (id, title, dx, dy) in [("panLeft", "pan left", -1, 0), ("panRight", "pan right", 1, 0), ("panUp", "pan up", 0, -1),
                                    ("panDown", "pan down", 0, 1)] {
            add(CommandSpec("chart.\(id)", title, help: "Move the view of the chart (\(title.dropFirst(4))) by a quarter of the pane.",
                            scope: .chart)) { w, _ in w.activeChart.panBy(dx: dx, dy: dy) }
        }
        add(CommandSpec("chart.center", "centre", help: "Centre the chart on the selected entity.", scope: .chart)) { w, _ in
            w.activeChart.centreOnSelection()
        }
        add(CommandSpec("chart.zoomIn", "more detail", help: "Zoom in: dots, then short labels, then full labels.",
                        scope: .chart, inFooter: true)) { w, _ in w.stepChartZoom(-1) }
        add(CommandSpec("chart.zoomOut", "less detail", help: "Zoom out: full labels, then short labels, then dots.",
                        scope: .chart)) { w, _ in w.stepChartZoom(1) }
        add(CommandSpec("chart.layout", "layout", help: "Switch the chart's layout (the next one, or the one named).",
                        scope: .chart, inFooter: true, verbs: ["layout"],
                        usage: ChartLayoutStyle.allCases.map(\.rawValue).joined(separator: "|"))) { w, args in
            try w.switchChartLayout(args.first)
        }
        add(CommandSpec("chart.expand", "expand", help: "Add the selected entity's neighbours from every case you can see.",
                        scope: .chart, inFooter: true)) { w, _ in try w.expandChartSelection() }
        add(CommandSpec("chart.hide", "hide", help: "Hide the selected entity from the chart.", scope: .chart,
                        inFooter: true)) { w, _ in try w.hideChartSelection() }
        add(CommandSpec("chart.showAll", "show hidden", help: "Bring back every hidden entity.", scope: .chart,
                        verbs: ["unhide"])) { w, _ in
            let n = w.activeChart.hidden.count
            w.activeChart.hidden = []
            w.say(n == 0 ? "nothing is hidden" : "\(n) hidden \(n == 1 ? "entity" : "entities") back on the chart")
        }
        add(CommandSpec("chart.mark", "mark", help: "Mark or unmark the selected entity (mark two for a path, more for a network).",
                        scope: .chart, inFooter: true)) { w, _ in try w.toggleChartMark() }
        add(CommandSpec("chart.clearMarks", "clear marks", help: "Unmark every entity and clear the path or network shown.",
                        scope: .chart)) { w, _ in
            w.activeChart.marked = []
            w.activeChart.connection = nil
            w.say("marks cleared")
        }
        add(CommandSpec("chart.connect", "connect", help: "Show the path between the two marked entities, or the network connecting several.",
                        scope: .chart, inFooter: true, verbs: ["connect"], usage: "A B…")) { w, args in
            if !args.isEmpty {
                w.activeChart.marked = try args.map { try w.resolveEntity($0) }
            }
            try w.connectMarked()
        }
        add(CommandSpec("chart.select", "select entity", help: "Select an entity on the chart by name or id.", scope: .global,
                        verbs: ["node"], usage: "NAME")) { w, args in
            guard !args.isEmpty else { throw CommandError("node: give an entity name or id") }
            let id = try w.resolveEntity(args.joined(separator: " "))
            if w.sheets.isEmpty { w.focus(.chart) } else { w.sheets[w.sheets.count - 1].showChart() }
            guard w.activeChart.layout?.nodeIndex(of: id) != nil else {
                throw CommandError("\(w.store.item(id)?.displayName ?? args[0]) is not on the chart")
            }
            w.activeChart.selected = id
            w.activeChart.follow = true
        }
    }

    // MARK: State

    /// The chart of what is on screen: the entity view's when one is open, else the main layout's.
    var activeChart: ChartPaneState {
        get { sheets.last?.chart ?? mainChart }
        set {
            if sheets.isEmpty { mainChart = newValue } else { sheets[sheets.count - 1].chart = newValue }
        }
    }

    var activeChartSource: ChartSource {
        if let sheet = sheets.last { return ChartSource(caseID: sheet.caseID, focus: sheet.entity) }
        return ChartSource(caseID: selectedCase?.meta.id, focus: nil)
    }

    /// The chart state for the main layout, started afresh when another case is selected.
    func syncMainChart() {
        let source = ChartSource(caseID: selectedCase?.meta.id, focus: nil)
        if mainChartSource != source {
            var fresh = ChartPaneState()
            fresh.style = mainChart.style
            fresh.zoom = mainChart.zoom
            mainChart = fresh
            mainChartSource = source
        }
    }

    /// The layout key for a chart of `source` drawn in a viewport of `width` x `height`.
    func chartKey(_ state: ChartPaneState, source: ChartSource, width: Int, height: Int) -> ChartKey {
        let connection = state.connection
        // Pins only matter when the chart is cut down: then they keep marked entities on it.
        let large = (state.model?.total ?? 0) + (connection?.nodes.count ?? 0) > ChartModel.maxNodes
        let pinned = large ? state.marked + (connection?.nodes ?? []) + state.expanded : []
        return ChartKey(graph: .init(source: source, expanded: state.expanded, version: store.version),
                        hidden: state.hidden, pinned: pinned, extraNodes: connection?.nodes ?? [],
                        extraEdges: connection?.edges ?? [], style: state.style, zoom: state.zoom,
                        size: ChartSize(width: max(width, 120), height: max(height, 40)), ascii: glyphs.isASCII)
    }

    /// Makes sure the chart for `key` exists or is being built; the previous chart stays on screen meanwhile.
    func requestChart(_ key: ChartKey, state: inout ChartPaneState) {
        if state.model?.key == key { return }
        // A pending layout still running is left alone; one cancelled (Esc) is started again.
        if state.pendingKey == key && jobs.running.contains(where: { $0.kind == .chart }) { return }
        state.pendingKey = key
        let store = self.store
        let cached = state.model.flatMap { $0.key.graph == key.graph ? $0.graph : nil }
        let title = key.graph.source.focus.flatMap { store.item($0)?.displayName }.map { "chart of \($0)" } ?? "link chart"
        jobs.start(title, kind: .chart) { job in
            ChartModel.build(store, key: key, cached: cached, job: job).map { .chart($0) }
        }
    }

    func applyChart(_ model: ChartModel) {
        func take(_ state: inout ChartPaneState) {
            guard state.pendingKey == model.key else { return }
            state.pendingKey = nil
            state.model = model
            state.follow = true
            chartDrawing = nil
        }
        if model.key.graph.source.focus == nil {
            take(&mainChart)
        } else {
            for i in sheets.indices where sheets[i].entity == model.key.graph.source.focus { take(&sheets[i].chart) }
        }
    }

    // MARK: Actions

    func moveChartSelection(dx: Int, dy: Int) {
        var state = activeChart
        guard state.layout != nil else { return }
        if !state.moveSelection(dx: dx, dy: dy) { say("no entity further \(dx < 0 ? "left" : dx > 0 ? "right" : dy < 0 ? "up" : "down")") }
        activeChart = state
        detailTop = 0
    }

    func stepChartZoom(_ step: Int) {
        let all = ChartZoom.allCases
        let i = all.firstIndex(of: activeChart.zoom) ?? 0
        let next = min(max(0, i + step), all.count - 1)
        activeChart.zoom = all[next]
        say("chart: " + Workbench.zoomLabel(all[next]))
    }

    static func zoomLabel(_ zoom: ChartZoom) -> String {
        switch zoom {
        case .full: "full labels"
        case .short: "short labels"
        case .dots: "dots"
        }
    }

    func switchChartLayout(_ name: String?) throws {
        let all = ChartLayoutStyle.allCases
        if let name {
            guard let style = ChartLayoutStyle(rawValue: name.lowercased()) else {
                throw CommandError("layout: no layout \(name) (\(all.map(\.rawValue).joined(separator: ", ")))")
            }
            activeChart.style = style
        } else {
            let i = all.firstIndex(of: activeChart.style) ?? 0
            activeChart.style = all[(i + 1) % all.count]
        }
        activeChart.pan = ChartPoint(x: 0, y: 0)
        say("chart layout: \(activeChart.style.rawValue)")
    }

    private func selectedChartEntity() throws -> ItemID {
        guard let id = activeChart.selected, activeChart.layout?.nodeIndex(of: id) != nil else {
            throw CommandError("select an entity on the chart first")
        }
        return id
    }

    func expandChartSelection() throws {
        let id = try selectedChartEntity()
        guard !activeChart.expanded.contains(id) else {
            throw CommandError("\(store.item(id)?.displayName ?? id.description) is already expanded")
        }
        activeChart.expanded.append(id)
        say("expanding \(store.item(id)?.displayName ?? id.description)")
    }

    func hideChartSelection() throws {
        let id = try selectedChartEntity()
        var state = activeChart
        // The selection moves to a neighbour on screen before the entity goes.
        if !(state.moveSelection(dx: 1, dy: 0) || state.moveSelection(dx: -1, dy: 0) || state.moveSelection(dx: 0, dy: 1)
            || state.moveSelection(dx: 0, dy: -1)) {
            state.selected = nil
        }
        state.hidden.insert(id)
        state.marked.removeAll { $0 == id }
        activeChart = state
        say("hid \(store.item(id)?.displayName ?? id.description) (X shows hidden entities)")
    }

    func toggleChartMark() throws {
        let id = try selectedChartEntity()
        let name = store.item(id)?.displayName ?? id.description
        if let i = activeChart.marked.firstIndex(of: id) {
            activeChart.marked.remove(at: i)
            say("unmarked \(name)")
        } else {
            activeChart.marked.append(id)
            let n = activeChart.marked.count
            say("marked \(name) (\(n) marked\(n >= 2 ? ": p connects them" : ""))")
        }
    }

    /// Finds the path between two marked entities, or the connecting network of several, with the engine: within the
    /// chart's case first, then across every case the analyst can see, then over the links the chart draws (which
    /// also joins the objects of an event, such as a painting sold, to its parties).
    func connectMarked() throws {
        let members = activeChart.marked
        guard members.count >= 2 else { throw CommandError("mark two entities for a path, or more for a network (m marks)") }
        let store = self.store
        let source = activeChartSource
        let drawn = activeChart.model?.graph
        let scopes: [ItemID?] = source.caseID == nil ? [nil] : [source.caseID, nil]
        func name(_ id: ItemID) -> String { store.item(id)?.displayName ?? id.description }
        let names = members.map(name)
        jobs.start(members.count == 2 ? "path" : "connecting network", kind: .analysis) { job in
            do {
                for scope in scopes {
                    let view = try GraphView.build(from: store, options: GraphOptions(caseID: scope), progress: job.analysis)
                    let across = scope == nil && source.caseID != nil ? " (across cases)" : ""
                    if let found = try Workbench.connect(members, names: names, in: view, note: across, final: false,
                                                         progress: job.analysis) {
                        return .chartConnection(source, found)
                    }
                }
                if let drawn, let found = try Workbench.connect(members, names: names, in: Workbench.graphView(of: drawn),
                                                                note: " (over the chart's links)", final: true,
                                                                progress: job.analysis) {
                    return .chartConnection(source, found)
                }
                return .failed(members.count == 2 ? "no path between \(names[0]) and \(names[1])"
                    : "\(names.joined(separator: ", ")) are not connected")
            } catch is AnalysisCancelled {
                return nil
            } catch {
                return .failed("connect: \(error)")
            }
        }
    }

    /// The path (two members) or connecting network (more) in one graph; nil when the members are not all in it or not
    /// connected (a network with unconnected pairs is kept only when `final`, saying how many pairs are missing).
    static func connect(_ members: [ItemID], names: [String], in view: GraphView, note: String, final: Bool,
                        progress: AnalysisProgress) throws -> ChartConnection? {
        let graph = view.graph(directed: false, weighted: false)
        let nodes = members.compactMap { view.node($0) }
        guard nodes.count == members.count else { return nil }
        if members.count == 2 {
            guard let path = Paths.shortestPath(graph, from: nodes[0], to: nodes[1]) else { return nil }
            let ids = path.map { view.ids[$0] }
            let hops = path.count - 1
            return ChartConnection(title: "path \(names[0]) – \(names[1]): \(hops) \(hops == 1 ? "hop" : "hops")\(note)",
                                   nodes: ids, edges: zip(ids, ids.dropFirst()).map { ChartPair($0, $1) })
        }
        let net = try ConnectingNetwork.find(graph, members: nodes, progress: progress)
        let missing = net.unconnected.count
        if missing > 0 && (!final || net.edges.isEmpty) { return nil }
        let title = "network of \(members.count): \(net.nodes.count) entities, \(net.edges.count) links\(note)"
            + (missing > 0 ? "; \(missing) pairs not connected" : "")
        return ChartConnection(title: title, nodes: net.nodes.map { view.ids[$0] },
                               edges: net.edges.map { ChartPair(view.ids[$0.from], view.ids[$0.to]) })
    }

    /// The chart's own graph as an engine graph (every drawn link joins both ways).
    static func graphView(of chart: ChartGraph) -> GraphView {
        let ends = chart.endpoints
        return GraphView(ids: chart.nodes.map(\.id), names: chart.nodes.map(\.label), kinds: chart.nodes.map(\.kind.rawValue),
                         edges: EdgeList(ends), directedFlags: [Bool](repeating: false, count: ends.count))
    }

    func applyConnection(_ source: ChartSource, _ connection: ChartConnection) {
        func take(_ state: inout ChartPaneState) {
            state.connection = connection
            for id in connection.nodes { state.hidden.remove(id) }
        }
        if source.focus == nil {
            guard mainChartSource == source else { return }
            take(&mainChart)
        } else {
            for i in sheets.indices where sheets[i].entity == source.focus { take(&sheets[i].chart) }
        }
        say(connection.title)
    }

    // MARK: Drawing

    func drawChartPane(_ canvas: inout Canvas, _ rect: Rect, focused: Bool, title: String) {
        let source = activeChartSource
        var state = activeChart
        let count = state.layout.map { " (\($0.nodes.count))" } ?? ""
        let inner = paneBox(&canvas, rect, title: " \(title)\(count) ", focused: focused)
        defer { activeChart = state }
        guard inner.width >= 4, inner.height >= 2 else { return }
        let infoRow = inner.height >= 4
        let viewport = infoRow ? Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1) : inner
        state.viewport = (viewport.width, viewport.height)
        requestChart(chartKey(state, source: source, width: viewport.width, height: viewport.height), state: &state)
        guard let model = state.model else {
            canvas.put("laying out the link chart…", in: inner.splitTop(1).top, style: styles.muted, ellipsis: glyphs.ellipsis)
            return
        }
        let layout = model.layout
        if layout.nodes.isEmpty {
            let why = model.total == 0 ? (source.focus == nil ? "no entities in this case" : "no links") : "every entity is hidden (X shows them)"
            canvas.put(why, in: inner.splitTop(1).top, style: styles.muted, ellipsis: glyphs.ellipsis)
            return
        }
        state.settleSelection(focus: source.focus)
        if state.follow {
            state.scrollToSelection()
            state.follow = false
        }
        state.clampPan()
        let picture = chartPicture(state, model: model)
        // Only the visible window is copied: panning costs a blit, never a layout.
        for y in 0..<viewport.height {
            let py = state.pan.y + y
            guard py >= 0, py < picture.height else { continue }
            var x = 0
            while x < viewport.width {
                let cell = picture[state.pan.x + x, py]
                if cell.isContinuation || (cell.width == 2 && x == viewport.width - 1) {
                    canvas.set(x: viewport.x + x, y: viewport.y + y, grapheme: " ", width: 1, style: cell.style)
                    x += 1
                    continue
                }
                canvas.set(x: viewport.x + x, y: viewport.y + y, grapheme: cell.grapheme, width: Int(cell.width), style: cell.style)
                x += max(1, Int(cell.width))
            }
        }
        if infoRow {
            let r = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
            canvas.put(chartInfo(state, model: model), in: r, style: styles.muted, ellipsis: glyphs.ellipsis)
        }
    }

    /// One line under the chart: layout and zoom, marks, what is hidden or left out, the path shown.
    func chartInfo(_ state: ChartPaneState, model: ChartModel) -> String {
        var parts = [state.style.rawValue, Workbench.zoomLabel(state.zoom)]
        if !state.marked.isEmpty { parts.append("\(state.marked.count) marked") }
        if !state.hidden.isEmpty { parts.append("\(state.hidden.count) hidden") }
        let left = model.cut + model.layout.omitted.count
        if left > 0 { parts.append("\(left) of \(model.total) left out") }
        if let c = state.connection { parts.append(c.title) }
        return parts.joined(separator: " · ")
    }

    /// The whole chart drawn once in the theme's colours with the selection, marks and path on it; redrawn only when
    /// one of those changes, so a frame just copies the visible part.
    func chartPicture(_ state: ChartPaneState, model: ChartModel) -> Canvas {
        let key = ChartDrawingKey(chart: model.key, selected: state.selected, marked: state.marked,
                                  connection: state.connection?.nodes ?? [], theme: theme.name, ascii: glyphs.isASCII)
        if let (k, picture) = chartDrawing, k == key { return picture }
        let layout = model.layout
        var picture = Canvas(width: layout.width, height: layout.height, fill: Cell(" ", style: styles.text))
        var highlight = ChartHighlight()
        if let c = state.connection {
            let pairs = Set(c.edges)
            highlight.nodes = Set(c.nodes.compactMap { layout.nodeIndex(of: $0) })
            for (i, e) in layout.edges.enumerated() where pairs.contains(ChartPair(layout.nodes[e.from].id, layout.nodes[e.to].id)) {
                highlight.edges.insert(i)
            }
        }
        let palette = ChartPalette(theme: theme)
        ChartRenderer.draw(layout, into: &picture, region: picture.bounds, glyphs: glyphs, palette: palette, highlight: highlight)
        for (k, id) in state.marked.enumerated() {
            guard let i = layout.nodeIndex(of: id) else { continue }
            let r = layout.nodes[i].rect
            picture.restyle(r) { $0.patched(with: styles.marked) }
            if r.width >= 3 { picture.put("\(k + 1)", at: r.x + 1, y: r.y, style: styles.marked) }
        }
        if let i = state.selectedIndex {
            picture.restyle(layout.nodes[i].rect) { $0.patched(with: styles.selection) }
        }
        chartDrawing = (key, picture)
        return picture
    }
}

/// What the cached chart picture depends on.
struct ChartDrawingKey: Equatable {
    var chart: ChartKey
    var selected: ItemID?
    var marked: [ItemID]
    var connection: [ItemID]
    var theme: String
    var ascii: Bool
}
