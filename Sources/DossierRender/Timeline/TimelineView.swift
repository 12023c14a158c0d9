import DossierModel

/// An i2-style timeline ("theme lines"): one lane per entity, events as glyphs at their time, connectors
/// between lanes for calls and transfers (arrowhead at the receiver), spans for events known only to the day
/// or month, counts and a density shade where events crowd, a histogram band of events per column, and a time
/// axis whose ticks adapt to the span, labelled in a stated zone.
///
/// Layout (top to bottom): header line; histogram band; axis with ticks; tick labels; per lane a lane row and a
/// gap row (connectors, event labels); two legend lines when there is room (the glyphs of the event kinds drawn,
/// then counts, shades, spans and connectors).
public struct TimelineView: Widget {
    public var data: TimelineData
    /// The time shown; nil for the data's extent.
    public var range: ClosedRange<Int64>?
    /// Minutes east of UTC for the axis labels.
    public var offsetMinutes: Int
    public var title: String
    public var histogramHeight: Int
    public var showLegend: Bool
    /// Longest event label drawn.
    public var maxLabelWidth: Int

    public init(data: TimelineData, range: ClosedRange<Int64>? = nil, offsetMinutes: Int = 0, title: String = "Timeline",
                histogramHeight: Int = 2, showLegend: Bool = true, maxLabelWidth: Int = 24) {
        self.data = data
        self.range = range
        self.offsetMinutes = offsetMinutes
        self.title = title
        self.histogramHeight = histogramHeight
        self.showLegend = showLegend
        self.maxLabelWidth = maxLabelWidth
    }

    /// Rows needed to show every lane.
    public var preferredHeight: Int { 3 + histogramHeight + 2 * max(1, data.lanes.count) + (showLegend ? 2 : 0) }

    /// The range drawn: the given one, else the data's extent (an hour around a single instant).
    public var effectiveRange: ClosedRange<Int64> {
        if let range { return range }
        guard let x = data.extent else { return 0...3_599_999_999 }
        if x.upperBound - x.lowerBound < 60_000_000 {
            return (x.lowerBound &- 1_800_000_000)...(x.upperBound &+ 1_800_000_000)
        }
        return x
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard area.width >= 10, area.height >= 1 else { return }
        let g = context.glyphs
        let theme = context.theme
        let range = effectiveRange
        // Lane label gutter: up to a quarter of the width.
        let longest = data.lanes.map { DisplayWidth.of($0.label) }.max() ?? 0
        let gutter = max(6, min(longest, area.width / 4))
        let plotX = area.x + gutter + 1
        let columns = area.maxX - plotX
        guard columns >= 4 else { return }
        let axis = TimeAxis(range: range, columns: columns, offsetMinutes: offsetMinutes)

        let fixedRows = 1 + histogramHeight + 2
        let legendRows = showLegend && area.height >= fixedRows + 4 ? 2 : 0
        let laneRoom = max(0, (area.height - fixedRows - legendRows) / 2)
        let lanesShown = min(data.lanes.count, laneRoom)
        let bins = TimelineBins(data: data, range: range, columns: columns, lanes: lanesShown)
        let total = bins.histogram.reduce(0) { $0 + Int($1) }

        canvas.clipped(to: area) { c in
            var y = area.y
            // Header.
            let arrow = g.isASCII ? "->" : "→", dot = g.isASCII ? " | " : " · "
            var header = "\(title)  \(axis.format(range.lowerBound)) \(arrow) \(axis.format(range.upperBound)) \(axis.zoneName)"
            header += dot + TimelineView.grouped(total) + (total == 1 ? " event" : " events")
            let hidden = data.lanes.count - lanesShown + data.lanesLeftOut
            if hidden > 0 { header += dot + "\(hidden) more " + (hidden == 1 ? "lane" : "lanes") + " not shown" }
            c.put(header, in: area.row(0), style: theme.style(.title), ellipsis: g.ellipsis)
            y += 1

            // Histogram band.
            if histogramHeight > 0 {
                let band = Rect(x: plotX, y: y, width: columns, height: histogramHeight)
                Histogram(bins.histogram.map(Double.init)).render(in: band, on: &c, context: context)
                let peak = Int(bins.histogram.max() ?? 0)
                if histogramHeight > 1 {
                    c.put("events", in: Rect(x: area.x, y: y, width: gutter, height: 1), style: theme.style(.muted))
                }
                c.put("max \(TimelineView.grouped(peak))", in: Rect(x: area.x, y: band.maxY - 1, width: gutter, height: 1),
                      style: theme.style(.muted), ellipsis: g.ellipsis)
                y += histogramHeight
            }

            // Axis and tick labels.
            let axisStyle = theme.style(.timelineAxis)
            c.put(axis.zoneName, in: Rect(x: area.x, y: y, width: gutter, height: 1), style: axisStyle)
            c.hline(x: plotX, y: y, length: columns, glyph: g.box.horizontal, style: axisStyle)
            var nextFree = plotX
            for tick in axis.ticks {
                let x = plotX + tick.column
                c.set(x: x, y: y, grapheme: g.junction(up: false, down: true, left: true, right: true), width: 1, style: axisStyle)
                let w = DisplayWidth.of(tick.label)
                if x >= nextFree && x + w <= area.maxX {
                    c.put(tick.label, at: x, y: y + 1, style: axisStyle)
                    nextFree = x + w + 1
                }
            }
            y += 2

            // Lanes.
            let laneTop = y
            for (l, lane) in data.lanes.prefix(lanesShown).enumerated() {
                let row = laneTop + 2 * l
                c.put(lane.label, in: Rect(x: area.x, y: row, width: gutter, height: 1),
                      style: theme.entity(lane.kind).patched(with: CellStyle(bold: true)), ellipsis: g.ellipsis)
                drawLane(l, row: row, plotX: plotX, bins: bins, on: &c, context: context)
            }
            for l in 0..<lanesShown {
                drawGap(l, row: laneTop + 2 * l + 1, plotX: plotX, bins: bins, lanesShown: lanesShown, on: &c,
                        context: context)
            }
            if lanesShown > 0 {
                drawLabels(laneTop: laneTop, plotX: plotX, maxX: area.maxX, bins: bins, lanesShown: lanesShown,
                           on: &c, context: context)
            }
            if data.lanes.isEmpty {
                c.put(total == 0 ? "no events in this range" : "no entities to draw lanes for",
                      in: Rect(x: plotX, y: laneTop, width: columns, height: 1), style: theme.style(.muted))
            }
            if legendRows > 0 {
                let kinds = TimelineEventKind.allCases.filter { bins.kindsDrawn & (1 << UInt16($0.rawValue)) != 0 }
                c.put(TimelineView.kindLegend(kinds, glyphs: g), in: area.row(area.height - 2), style: theme.style(.muted),
                      ellipsis: g.ellipsis)
                let legend = "2-9 events  \(g.shades.joined()) 10+/100+/1000+  "
                    + "\(g.spanStart)\(g.spanFill)\(g.spanEnd) day/month known  \(g.arrowDown) call/payment to"
                c.put(legend, in: area.row(area.height - 1), style: theme.style(.muted), ellipsis: g.ellipsis)
            }
        }
    }

    private func drawLane(_ l: Int, row: Int, plotX: Int, bins: TimelineBins, on c: inout Canvas,
                          context: RenderContext) {
        let g = context.glyphs, theme = context.theme
        let rule = theme.style(.timelineLaneRule), event = theme.style(.timelineEvent)
        let span = theme.style(.timelineSpan), density = theme.style(.timelineDensity)
        let connector = theme.style(.timelineConnector)
        let cols = bins.columns
        for col in 0..<cols {
            let i = l * cols + col
            let n = Int(bins.points[i])
            let glyph: String
            var style = rule
            if n == 1 {
                glyph = (TimelineEventKind(rawValue: bins.pointKind[i]) ?? .other).glyph(g); style = event
            } else if n > 1 && n < 10 {
                glyph = String(n); style = event
            } else if n >= 10 {
                glyph = g.shades[n < 100 ? 0 : n < 1000 ? 1 : 2]; style = density
            } else if bins.spans[i] > 0 {
                let edges = bins.spanEdges[i]
                glyph = edges & 1 != 0 ? g.spanStart : edges & 2 != 0 ? g.spanEnd : g.spanFill
                style = span
            } else if bins.crossings[i] {
                glyph = g.junction(up: true, down: true, left: true, right: true); style = connector
            } else {
                glyph = g.box.horizontal
            }
            c.set(x: plotX + col, y: row, grapheme: glyph, width: 1, style: style)
        }
    }

    private func drawGap(_ l: Int, row: Int, plotX: Int, bins: TimelineBins, lanesShown: Int, on c: inout Canvas,
                         context: RenderContext) {
        let g = context.glyphs
        let style = context.theme.style(.timelineConnector)
        let cols = bins.columns
        for col in 0..<cols {
            let bits = bins.gaps[l * cols + col]
            guard bits != 0 else { continue }
            let down = bits & TimelineBins.arrowDown != 0, up = bits & TimelineBins.arrowUp != 0
            let glyph = down && !up ? g.arrowDown : up && !down ? g.arrowUp : g.box.vertical
            c.set(x: plotX + col, y: row, grapheme: glyph, width: 1, style: style)
        }
    }

    /// Labels go in the gap row under their lane, left to right, where the cells are free.
    private func drawLabels(laneTop: Int, plotX: Int, maxX: Int, bins: TimelineBins, lanesShown: Int,
                            on c: inout Canvas, context: RenderContext) {
        let style = context.theme.style(.timelineLabel)
        let cols = bins.columns
        for l in 0..<lanesShown {
            let row = laneTop + 2 * l + 1
            var nextFree = 0
            for col in 0..<cols {
                let i = l * cols + col
                guard bins.starts[i] == 1, col + 1 >= nextFree else { continue }
                let record = Int(bins.firstRecord[i])
                let li = Int(data.labelIndex[record])
                guard li >= 0 else { continue }
                // Room: free gap cells from the column after the event up to the next connector or label.
                // Leave a space after an arrowhead drawn under the event itself.
                let startCol = bins.gaps[i] == 0 ? col + 1 : col + 2
                guard startCol >= nextFree else { continue }
                var end = startCol
                while end < cols && end - startCol < maxLabelWidth && bins.gaps[l * cols + end] == 0 {
                    end += 1
                }
                let room = end - startCol
                guard room >= 4 else { continue }
                let text = TextFit.truncate(data.labels[li], to: room, ellipsis: context.glyphs.ellipsis)
                let used = c.put(text, at: plotX + startCol, y: row, style: style, clip: Rect(x: plotX, y: row, width: maxX - plotX, height: 1))
                nextFree = startCol + used + 1
            }
        }
    }

    /// "☎ call  ✉ message  ● event": the kinds drawn, in `TimelineEventKind` order with `.other` last; every kind
    /// when none is drawn yet, so the line always explains the glyphs.
    static func kindLegend(_ drawn: [TimelineEventKind], glyphs: GlyphSet) -> String {
        let shown = drawn.isEmpty ? TimelineEventKind.allCases : drawn
        let ordered = shown.filter { $0 != .other } + shown.filter { $0 == .other }
        return ordered.map { "\($0.glyph(glyphs)) \($0.name)" }.joined(separator: "  ")
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}
