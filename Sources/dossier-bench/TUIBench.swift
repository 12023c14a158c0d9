import DossierModel
import DossierStore
import DossierTUI

/// The workbench's speed on the 1M-event workspace: a full 200x60 frame of the main layout, and a key press to its
/// new frame (the targets: 5 ms and 50 ms).
extension BenchRegistry {
    static var tuiCases: [BenchCase] {
        let scale = "1M events"
        func workbench(_ ctx: BenchContext) throws -> Workbench {
            try ctx.shared("tui workbench 1M") {
                let path = try storeWorkspace(ctx, 1_000_000)
                let ws = try Workspace.open(at: path, mode: .readOnly)
                let w = Workbench(store: ws, analyst: "bench", width: 200, height: 60)
                // The main layout on the case's event list, built once (in the background in the app).
                w.run("pane.items")
                w.run("items.nextTab")
                w.run("items.nextTab")
                _ = w.render()
                w.settle()
                _ = w.render()
                return w
            }
        }
        return [
            BenchCase(area: "tui", name: "main layout frame 200x60", scale: scale, target: 0.005, runs: 21) { ctx, run in
                let w = try workbench(ctx)
                for _ in 0..<21 { run.time { _ = w.render() } }
                run.note = "items pane on \(w.table.rows.count) events"
            },
            BenchCase(area: "tui", name: "key press to new frame 200x60", scale: scale, target: 0.05, runs: 21) { ctx, run in
                let w = try workbench(ctx)
                let backend = TestBackend(width: 200, height: 60)
                backend.draw(w.render())
                for i in 0..<21 {
                    run.time {
                        w.handle(i % 2 == 0 ? .down : .pageDown)
                        backend.draw(w.render())
                    }
                }
            },
            BenchCase(area: "tui", name: "chart pane key press to new frame 200x60", scale: scale, target: 0.05, runs: 21) { ctx, run in
                let w = try workbench(ctx)
                w.run("pane.chart")
                let backend = TestBackend(width: 200, height: 60)
                backend.draw(w.render())
                w.settle()
                backend.draw(w.render())
                // Moving the selection redraws the cached chart picture; no layout.
                let keys: [Key] = [.char("j"), .char("l"), .char("k"), .char("h")]
                for i in 0..<21 {
                    run.time {
                        w.handle(keys[i % keys.count])
                        backend.draw(w.render())
                    }
                }
                run.note = chartNote(w)
            },
            BenchCase(area: "tui", name: "chart pane pan frame 200x60 (zoomed)", scale: scale, target: 0.005, runs: 21) { ctx, run in
                let w = try workbench(ctx)
                w.run("pane.chart")
                w.run("app.zoom")
                _ = w.render()
                w.settle()
                _ = w.render()
                for i in 0..<21 {
                    run.time {
                        w.run(i % 2 == 0 ? "chart.panRight" : "chart.panLeft")
                        _ = w.render()
                    }
                }
                w.run("app.zoom")
                run.note = chartNote(w)
            },
            BenchCase(area: "tui", name: "chart first layout of the case (background)", scale: scale, target: nil, runs: 1) { ctx, run in
                let path = try storeWorkspace(ctx, 1_000_000)
                let ws = try Workspace.open(at: path, mode: .readOnly)
                defer { ws.close() }
                // 60 columns: only the focused pane is drawn, so only the chart is built.
                let w = Workbench(store: ws, analyst: "bench", width: 60, height: 30)
                w.run("pane.chart")
                run.time {
                    _ = w.render()
                    w.settle()
                }
                run.note = "graph of 1M events, cut down, laid out; " + chartNote(w)
            },
            BenchCase(area: "tui", name: "chart re-layout after hiding an entity", scale: scale, target: nil, runs: 5) { ctx, run in
                let w = try workbench(ctx)
                w.run("pane.chart")
                _ = w.render()
                w.settle()
                for _ in 0..<5 {
                    run.time {
                        w.run("chart.hide")
                        _ = w.render()
                        w.settle()
                        _ = w.render()
                    }
                }
                w.run("chart.showAll")
                _ = w.render()
                w.settle()
                run.note = "graph kept; filter, cut down and lay out (background)"
            },
            BenchCase(area: "tui", name: "event list build (time order)", scale: scale, target: nil, runs: 3) { ctx, run in
                let path = try storeWorkspace(ctx, 1_000_000)
                let ws = try Workspace.open(at: path, mode: .readOnly)
                defer { ws.close() }
                let caseID = ws.cases.first?.meta.id
                for _ in 0..<3 {
                    run.time {
                        _ = ItemTable(reader: ws, tab: .events, caseID: caseID, sortColumn: nil, ascending: true, filter: "")
                    }
                }
            },
        ]
    }
}

/// "42 of 50000 entities shown" for a bench note.
private func chartNote(_ w: Workbench) -> String {
    guard let model = w.mainChart.model else { return "no chart" }
    return "\(model.layout.nodes.count) of \(model.total) entities shown"
}
