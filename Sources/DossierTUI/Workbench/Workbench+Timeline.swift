import DossierModel
import DossierRender

/// The timeline pane's data: lanes and records for the render widget, and the case's events in time order for
/// stepping from one to the next.
public struct TimelineModel: Sendable {
    public struct Key: Hashable, Sendable {
        var caseID: ItemID?
        var lanes: [ItemID]
        var version: UInt64
    }
    let key: Key
    public let data: TimelineData
    public let times: [Int64]
    public let ids: [ItemID]

    static func build(_ reader: any ItemReader, key: Key) -> TimelineModel {
        let data = TimelineData.build(from: reader, caseID: key.caseID, entities: key.lanes)
        let events = reader.events(inTime: Int64.min...Int64.max, inCase: key.caseID)
        return TimelineModel(key: key, data: data, times: events.map(\.start.utcMicros), ids: events.map(\.meta.id))
    }
}

extension Workbench {
    func registerTimelineCommands() {
        func add(_ spec: CommandSpec, _ action: @escaping CommandRegistry<Workbench>.Action) { registry.register(spec, action) }
        add(CommandSpec("timeline.panLeft", "earlier", help: "Pan the timeline to earlier times.", scope: .timeline,
                        inFooter: true)) { w, _ in w.panTimeline(-1) }
        add(CommandSpec("timeline.panRight", "later", help: "Pan the timeline to later times.", scope: .timeline)) { w, _ in
            w.panTimeline(1)
        }
        add(CommandSpec("timeline.zoomIn", "zoom in", help: "Show a shorter span of time.", scope: .timeline,
                        inFooter: true)) { w, _ in w.zoomTimeline(0.5) }
        add(CommandSpec("timeline.zoomOut", "zoom out", help: "Show a longer span of time.", scope: .timeline)) { w, _ in
            w.zoomTimeline(2)
        }
        add(CommandSpec("timeline.fit", "fit", help: "Show every event of the case.", scope: .timeline)) { w, _ in
            w.timelineRange = nil
        }
        add(CommandSpec("timeline.nextEvent", "next event", help: "Select the next event (its card shows in the detail pane).",
                        scope: .timeline, inFooter: true)) { w, _ in w.stepEvent(1) }
        add(CommandSpec("timeline.previousEvent", "previous event", help: "Select the previous event.",
                        scope: .timeline)) { w, _ in w.stepEvent(-1) }
        add(CommandSpec("timeline.lanes", "lanes", help: "Choose the timeline's lanes (entities); none for the most active.",
                        scope: .global, verbs: ["lanes"], usage: "A B C…")) { w, args in
            w.timelineLanes = try args.map { try w.resolveEntity($0) }
            w.say(args.isEmpty ? "lanes: the most active entities" : "lanes: \(args.joined(separator: ", "))")
        }
        add(CommandSpec("timeline.laneOfSelection", "add lane", help: "Add the selected entity as a timeline lane.",
                        scope: .items)) { w, _ in
            guard let e = w.selectedItem?.entity else { throw CommandError("select an entity to add it as a lane") }
            if !w.timelineLanes.contains(e.meta.id) { w.timelineLanes.append(e.meta.id) }
            w.say("lanes: " + w.timelineLanes.map { w.store.item($0)?.displayName ?? $0.description }.joined(separator: ", "))
        }
    }

    var wantedTimelineKey: TimelineModel.Key {
        TimelineModel.Key(caseID: selectedCase?.meta.id, lanes: timelineLanes, version: store.version)
    }

    /// The timeline for the selected case, built in the background; the previous one stays while it is rebuilt.
    var timeline: TimelineModel? {
        let key = wantedTimelineKey
        if let t = timelineModel, t.key == key { return t }
        if pendingTimelineKey != key {
            pendingTimelineKey = key
            let store = self.store
            jobs.start("timeline", kind: .timeline) { job in
                let model = TimelineModel.build(store, key: key)
                return job.isCancelled ? nil : .timeline(model)
            }
        }
        if let t = timelineModel, t.key.caseID == key.caseID { return t }
        return nil
    }

    func panTimeline(_ direction: Int) {
        guard let t = timeline else { return }
        let view = TimelineView(data: t.data, range: timelineRange)
        let r = view.effectiveRange
        let step = max(1, (r.upperBound - r.lowerBound) / 4) * Int64(direction)
        timelineRange = (r.lowerBound &+ step)...(r.upperBound &+ step)
    }

    func zoomTimeline(_ factor: Double) {
        guard let t = timeline else { return }
        let r = TimelineView(data: t.data, range: timelineRange).effectiveRange
        let center: Int64
        if let i = timelineSelected, t.times.indices.contains(i) { center = t.times[i] } else {
            center = r.lowerBound / 2 + r.upperBound / 2
        }
        let half = max(30_000_000, Int64(Double(r.upperBound - r.lowerBound) * factor / 2))
        timelineRange = (center &- half)...(center &+ half)
    }

    func stepEvent(_ step: Int) {
        guard let t = timeline, !t.ids.isEmpty else { return }
        let next = timelineSelected.map { $0 + step } ?? (step > 0 ? 0 : t.ids.count - 1)
        timelineSelected = min(max(0, next), t.ids.count - 1)
        let time = t.times[timelineSelected!]
        let r = TimelineView(data: t.data, range: timelineRange).effectiveRange
        if !r.contains(time) {
            let half = (r.upperBound - r.lowerBound) / 2
            timelineRange = (time &- half)...(time &+ half)
        }
        detailTop = 0
    }

    var selectedTimelineEvent: ItemID? {
        guard let t = timelineModel, let i = timelineSelected, t.ids.indices.contains(i) else { return nil }
        return t.ids[i]
    }

    func drawTimeline(_ canvas: inout Canvas, _ rect: Rect, focused: Bool) {
        let inner = paneBox(&canvas, rect, title: " 4 Timeline ", focused: focused)
        guard let t = timeline else {
            canvas.put("building the timeline…", in: inner.splitTop(1).top, style: styles.muted)
            return
        }
        if t.ids.isEmpty {
            canvas.put("no events in this case", in: inner.splitTop(1).top, style: styles.muted)
            return
        }
        let view = TimelineView(data: t.data, range: timelineRange, title: "", histogramHeight: inner.height >= 14 ? 2 : 1,
                                showLegend: false)
        // Binning a large case's events takes longer than a frame may: the plot is drawn once per change and copied.
        let key = TimelineDrawingKey(model: t.key, range: timelineRange, width: inner.width, height: inner.height,
                                     theme: theme, ascii: glyphs.isASCII)
        let plot: Canvas
        if let (k, cached) = timelineDrawing, k == key {
            plot = cached
        } else {
            var fresh = Canvas(width: inner.width, height: inner.height, fill: Cell(" ", style: styles.text))
            view.render(in: fresh.bounds, on: &fresh, context: RenderContext(theme: theme, glyphs: glyphs))
            timelineDrawing = (key, fresh)
            plot = fresh
        }
        canvas.draw(plot, at: inner.x, y: inner.y)
        // The selected event: its column, highlighted down the plot (the widget's gutter rule: a quarter at most).
        if let i = timelineSelected, t.times.indices.contains(i) {
            let longest = t.data.lanes.map { DisplayWidth.of($0.label) }.max() ?? 0
            let gutter = max(6, min(longest, inner.width / 4))
            let plotX = inner.x + gutter + 1
            let columns = inner.maxX - plotX
            if columns >= 4 {
                let axis = TimeAxis(range: view.effectiveRange, columns: columns, offsetMinutes: 0)
                let column = axis.column(of: t.times[i])
                if column >= 0 && column < columns {
                    canvas.restyle(Rect(x: plotX + column, y: inner.y + 1, width: 1, height: inner.height - 1)) {
                        $0.patched(with: focused ? styles.selection : styles.inactiveSelection)
                    }
                }
            }
        }
    }
}

/// What the cached timeline plot depends on (the selected event is highlighted on top of it).
struct TimelineDrawingKey: Equatable {
    var model: TimelineModel.Key
    var range: ClosedRange<Int64>?
    var width: Int
    var height: Int
    var theme: Theme
    var ascii: Bool
}
