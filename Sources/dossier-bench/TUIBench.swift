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
