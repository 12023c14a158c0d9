import DossierModel
import DossierRender

/// Timeline records for the render cases: `count` calls over 90 days between 12 lanes, every tenth one a transfer
/// drawn as a connector, every hundredth known only to the day (a span), event kinds in turn. Deterministic.
struct RenderBenchData {
    static func timeline(events count: Int, seed: UInt64 = 42) -> TimelineData {
        var rng = SeededGenerator(seed: seed)
        let lanes = (0..<12).map { TimelineData.Lane(id: nil, label: "phone \($0)", kind: .phone) }
        var data = TimelineData(lanes: lanes)
        data.reserveCapacity(count)
        let start: Int64 = 1_704_067_200_000_000
        let span: Int64 = 90 * 86_400_000_000
        for i in 0..<count {
            let t = start + Int64(rng.next() % UInt64(span))
            let lane = Int(rng.next() % 12)
            let to = i % 10 == 0 ? Int(rng.next() % 12) : -1
            let end = i % 100 == 0 ? t + 86_400_000_000 - 1 : t
            let kind = TimelineEventKind(rawValue: UInt8(i % TimelineEventKind.allCases.count)) ?? .other
            data.append(start: t, end: end, lane: lane, toLane: to, kind: kind)
        }
        return data
    }
}

extension BenchRegistry {
    static var renderCases: [BenchCase] {
        [
            BenchCase(area: "render", name: "timeline draw into 200 columns", scale: "1M events", target: 0.1, runs: 5) { ctx, run in
                let data = ctx.shared("render-timeline-1M") { RenderBenchData.timeline(events: 1_000_000) }
                let view = TimelineView(data: data)
                // Lane labels take 8 columns + 1 separator: the plot gets exactly 200 columns.
                let width = 8 + 1 + 200
                for _ in 0..<5 {
                    var canvas = Canvas(width: width, height: view.preferredHeight)
                    run.time { view.render(in: canvas.bounds, on: &canvas, context: .plain) }
                    guard canvas.lines()[0].contains("1,000,000 events") else { throw BenchFailure("timeline lost events") }
                }
            },
        ]
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
