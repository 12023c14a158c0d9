import DossierModel
import DossierRender
import Testing
@testable import DossierTUI

/// The link chart pane driven by command ids, as a scripted session would.
@Suite struct ChartPaneTests {
    static func chart(_ script: String, width: Int = 120, height: Int = 40,
                      store: MemoryStore = MemoryStore(Fixture.items(), name: "/cases/lantern")) throws -> Workbench {
        let w = Workbench(store: store, analyst: "alice", width: width, height: height,
                          now: { Fixture.at("2024-03-02T12:00:00Z") })
        _ = try Replay.run("case.select trafficking\npane.chart\n" + script, on: w)
        return w
    }

    @Test func markingTwoEntitiesShowsThePathBetweenThem() throws {
        let w = try Self.chart(":node Ivan Petrov\nkey m\n:node \"GB82 WEST 1234 5698 7654 32\"\nkey m\nkey p")
        #expect(w.mainChart.marked == [Fixture.ivan, Fixture.account])
        #expect(w.mainChart.connection?.nodes == [Fixture.ivan, Fixture.wang, Fixture.account])
        #expect(w.mainChart.connection?.edges == [ChartPair(Fixture.ivan, Fixture.wang), ChartPair(Fixture.wang, Fixture.account)])
        #expect(w.status == "path Ivan Petrov – GB82 WEST 1234 5698 7654 32: 2 hops")
        // The path's entities and links are drawn in the theme's chart.focus role; the rest is dimmed.
        let canvas = w.render()
        let lines = canvas.lines()
        let wangRow = try #require(lines.firstIndex { $0.contains("☺ 王小明") })
        let wangX = DisplayWidth.of(String(lines[wangRow].prefix { $0 != "王" }))
        let focus = w.theme.style(.chartFocus)
        #expect(canvas[wangX, wangRow].style.fg == focus.fg && canvas[wangX, wangRow].style.bold)
        let phoneRow = try #require(lines.firstIndex { $0.contains("☎ +44 7700 900123") })
        let phoneX = DisplayWidth.of(String(lines[phoneRow].prefix { $0 != "☎" }))
        #expect(canvas[phoneX + 2, phoneRow].style.dim)
        // The two marks are numbered on their boxes.
        #expect(lines.contains { $0.contains("┌1────────────┐") })
        #expect(lines.contains { $0.contains("┌2───────────────────┐") })
    }

    @Test func severalMarksShowTheirConnectingNetwork() throws {
        let w = try Self.chart(":connect \"+44 7700 900123\" 王小明 \"GB82 WEST 1234 5698 7654 32\"")
        #expect(w.mainChart.connection?.nodes.sorted() == [Fixture.wang, Fixture.ivan, Fixture.phone, Fixture.account].sorted())
        #expect(w.mainChart.connection?.edges.count == 3)
        #expect(w.status == "network of 3: 4 entities, 3 links")
        _ = try Replay.run("key M", on: w)
        #expect(w.mainChart.marked.isEmpty && w.mainChart.connection == nil)
    }

    @Test func aPathThroughTheObjectOfASaleIsFound() throws {
        // A sale joins seller and buyer, and the painting sold to both, in the engine's graph as on the chart.
        var items = Fixture.items()
        let painting = Fixture.id(70), sale = Fixture.id(71)
        items.put(.entity(Entity(meta: Fixture.meta(painting), kind: .artifact, name: "山水画")))
        items.put(.event(Event(meta: Fixture.meta(sale), kind: .transaction, start: Fixture.at("2024-02-13T10:00:00Z"),
                               participants: [Participant(Fixture.ivan, role: .payer), Participant(Fixture.wang, role: .payee),
                                              Participant(painting, role: .subject)])))
        let w = try Self.chart(":connect 山水画 \"+44 7700 900123\"", store: MemoryStore(items, name: "/cases/lantern"))
        #expect(w.status == "path 山水画 – +44 7700 900123: 2 hops")
        #expect(w.mainChart.connection?.nodes == [painting, Fixture.ivan, Fixture.phone])
    }

    @Test func aWideChartIsLaidOutOnAWiderSheetRatherThanLeavingEntitiesOut() throws {
        // Twelve people around one hub make a hierarchy layer far wider than the pane: the pane pans, so every entity
        // must be on the chart and none "left out".
        var items = Fixture.items()
        let hub = Fixture.id(80)
        items.put(.entity(Entity(meta: Fixture.meta(hub), kind: .organization, name: "Hub Logistics Ltd")))
        for n in 0..<12 {
            let person = Fixture.id(81 + UInt64(n))
            items.put(.entity(Entity(meta: Fixture.meta(person), kind: .person, name: "Courier number \(n + 1)")))
            items.put(.link(Link(meta: Fixture.meta(Fixture.id(100 + UInt64(n))), type: .employedBy, from: person, to: hub,
                                 directed: true)))
        }
        let w = try Self.chart("app.zoom", width: 80, height: 24, store: MemoryStore(items, name: "/cases/lantern"))
        let layout = try #require(w.mainChart.layout)
        #expect(layout.omitted.isEmpty)
        #expect(layout.nodes.count == w.mainChart.model?.total)
        #expect(layout.width > 120)
        #expect(!w.render().lines().contains { $0.contains("left out") })
    }

    @Test func oneMarkIsNotEnoughToConnect() throws {
        let w = try Self.chart("key m\nkey p")
        #expect(w.status == "mark two entities for a path, or more for a network (m marks)")
        #expect(w.statusIsError)
    }

    @Test func arrowKeysMoveBetweenNodesAndEnterDrillsIn() throws {
        let w = try Self.chart("")
        #expect(w.mainChart.selected == Fixture.ivan)  // the first node of the layout
        _ = try Replay.run("key j", on: w)
        #expect(w.mainChart.selected == Fixture.wang)
        #expect(w.selectedItem?.id == Fixture.wang)  // the detail pane shows the selected entity
        _ = try Replay.run("key j", on: w)
        #expect(w.mainChart.selected == Fixture.account)
        _ = try Replay.run("key k\nkey h", on: w)
        #expect(w.mainChart.selected == Fixture.phone)
        _ = try Replay.run("key h", on: w)
        #expect(w.status == "no entity further left")
        _ = try Replay.run("key enter", on: w)
        #expect(w.sheets.map(\.entity) == [Fixture.phone])
        #expect(w.breadcrumb == ["Dossier", "trafficking", "+44 7700 900123"])
        // The entity view has the neighbourhood chart as its third section; its keys are the chart's.
        _ = try Replay.run("key tab\nkey tab", on: w)
        #expect(w.activeScopes == [.chart, .entity])
        #expect(w.sheets[0].chart.layout?.nodes.map(\.id).sorted() == [Fixture.ivan, Fixture.phone].sorted())
        _ = try Replay.run("key esc", on: w)
        #expect(w.sheets.isEmpty && w.focus == .chart)
    }

    @Test func panningNeverLaysTheChartOutAgain() throws {
        let w = try Self.chart("app.zoom\nchart.zoomOut\nchart.zoomOut\nchart.zoomIn", width: 40, height: 12)
        let layout = try #require(w.mainChart.layout)
        #expect(w.mainChart.zoom == .short)
        _ = w.render()
        #expect(!w.isBusy)
        for step in ["chart.panRight", "chart.panDown", "chart.panLeft", "chart.center", "chart.down"] {
            w.run(step)
            _ = w.render()
            #expect(!w.isBusy, "\(step) started a layout")
        }
        #expect(w.mainChart.layout?.nodes == layout.nodes)
        // Panning moves the view by a quarter of the pane, kept inside the chart.
        let before = w.mainChart.pan
        w.run("chart.panRight")
        _ = w.render()
        #expect(w.mainChart.pan.x == min(before.x + 38 / 4, max(0, layout.width - 38)))
        // A new zoom level does lay it out again, in the background.
        w.run("chart.zoomOut")
        _ = w.render()
        #expect(w.isBusy)
        w.settle()
        #expect(w.mainChart.layout?.nodes.allSatisfy(\.isDot) == true)
    }

    @Test func hideAndShowEntities() throws {
        let w = try Self.chart(":node \"+44 7700 900123\"\nkey x")
        #expect(w.mainChart.hidden == [Fixture.phone])
        #expect(w.mainChart.layout?.nodes.map(\.id).contains(Fixture.phone) == false)
        #expect(w.mainChart.layout?.nodes.count == 3)
        #expect(w.render().lines().contains { $0.contains("hierarchical · full labels · 1 hidden") })
        _ = try Replay.run("key X", on: w)
        #expect(w.mainChart.layout?.nodes.count == 4)
        #expect(w.status == "1 hidden entity back on the chart")
    }

    @Test func layoutsCycleAndCanBeNamed() throws {
        let w = try Self.chart("key v")
        #expect(w.mainChart.style == .force)
        _ = try Replay.run(":layout circular", on: w)
        #expect(w.mainChart.style == .circular)
        #expect(w.mainChart.layout?.style == .circular)
        _ = try Replay.run(":layout spiral", on: w)
        #expect(w.status == "layout: no layout spiral (hierarchical, force, circular, radial, grouped)")
    }

    @Test func expandingBringsInNeighboursFromOtherCases() throws {
        var items = Fixture.items()
        let broker = Fixture.id(60), deal = Fixture.id(61)
        items.put(.entity(Entity(meta: Fixture.meta(broker, cases: [Fixture.otherCaseID]), kind: .organization,
                                 name: "東方貿易")))
        items.put(.link(Link(meta: Fixture.meta(deal, cases: [Fixture.otherCaseID]), type: .associate, from: broker,
                             to: Fixture.wang)))
        let w = try Self.chart(":node 王小明\nkey e", store: MemoryStore(items, name: "/cases/lantern"))
        #expect(w.mainChart.expanded == [Fixture.wang])
        #expect(w.mainChart.layout?.nodes.map(\.id).contains(broker) == true)
        #expect(w.mainChart.layout?.nodes.count == 5)
        _ = try Replay.run("key e", on: w)
        #expect(w.status == "王小明 is already expanded")
    }

    @Test func anotherCaseStartsAFreshChart() throws {
        let w = try Self.chart("key m\nkey x")
        #expect(!w.mainChart.hidden.isEmpty)
        _ = try Replay.run("case.select fraud\npane.chart", on: w)
        #expect(w.mainChart.hidden.isEmpty && w.mainChart.marked.isEmpty)
        #expect(w.render().lines().contains { $0.contains("no entities in this case") })
    }

    @Test func chartCommandsAreInHelpFooterAndPalette() throws {
        let w = try Self.chart("")
        let hints = w.footerHints().map(\.1)
        #expect(Array(hints.prefix(6)) == ["more detail", "layout", "expand", "hide", "mark", "connect"])
        #expect(w.helpLines().contains { $0.0 == "Link chart pane" && $0.2 })
        #expect(w.helpLines().contains { $0.0 == "m space" && $0.1.hasPrefix("Mark or unmark the selected entity") })
        #expect(w.registry.matching("connect").map(\.id) == ["chart.connect"])
    }
}

@Suite struct ChartPaneRecoveryTests {
    @Test func escLeavesTheLayoutRunningAndACancelledOneStartsAgain() throws {
        // At 60 columns only the focused pane is drawn: the chart is laid out when it gets the focus.
        let (w, _) = Fixture.workbench(width: 60, height: 20)
        _ = try Replay.run("case.select trafficking", on: w)
        #expect(w.mainChart.layout == nil)
        w.run("pane.chart")
        _ = w.render()  // starts the layout in the background
        #expect(w.isBusy)
        w.run("app.back")  // Esc stops analyses, not the panes' own building
        #expect(w.isBusy)
        w.cancelJobs()
        #expect(!w.isBusy)
        _ = w.render()
        w.settle()
        #expect(w.mainChart.layout?.nodes.count == 4)
    }

    @Test func escStillCancelsAnAnalysis() throws {
        let (w, _) = Fixture.workbench(width: 60, height: 20)
        w.runLine("centrality degree")
        w.run("app.back")
        #expect(w.status == "cancelled degree centrality")
        w.settle()
        #expect(w.results.isEmpty)
    }
}
