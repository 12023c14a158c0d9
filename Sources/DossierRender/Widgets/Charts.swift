/// A one-row sparkline: each value a bar of eight heights (▁▂▃▄▅▆▇█, or ASCII . : | #), scaled to the maximum.
/// With more values than columns, values are summed into equal column bins.
public struct Sparkline: Widget {
    public var values: [Double]
    public var role: ThemeRole

    public init(_ values: [Double], role: ThemeRole = .timelineHistogram) {
        self.values = values
        self.role = role
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty, !values.isEmpty else { return }
        let binned = Bins.sum(values, into: min(area.width, values.count))
        let top = binned.max() ?? 0
        let bars = context.glyphs.bars
        for (i, v) in binned.enumerated() {
            guard v > 0, top > 0 else { continue }
            let level = min(bars.count - 1, Int((v / top * Double(bars.count)).rounded(.up)) - 1)
            canvas.set(x: area.x + i, y: area.y, grapheme: bars[max(0, level)], width: 1, style: context.style(role))
        }
    }
}

/// A vertical bar histogram filling the area: one column per bin, heights in eighths of a row, optional
/// bin labels under the bars are left to the caller.
public struct Histogram: Widget {
    public var counts: [Double]
    public var role: ThemeRole

    public init(_ counts: [Double], role: ThemeRole = .timelineHistogram) {
        self.counts = counts
        self.role = role
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty, !counts.isEmpty else { return }
        let binned = Bins.sum(counts, into: min(area.width, counts.count))
        let top = binned.max() ?? 0
        guard top > 0 else { return }
        let bars = context.glyphs.bars
        let eighths = area.height * 8
        let style = context.style(role)
        for (i, v) in binned.enumerated() where v > 0 {
            // At least one eighth for any non-zero bin, so a single event is never invisible.
            let h = max(1, Int((v / top * Double(eighths)).rounded()))
            let full = h / 8, rest = h % 8
            for r in 0..<full { canvas.set(x: area.x + i, y: area.maxY - 1 - r, grapheme: bars[7], width: 1, style: style) }
            if rest > 0, full < area.height {
                canvas.set(x: area.x + i, y: area.maxY - 1 - full, grapheme: bars[rest - 1], width: 1, style: style)
            }
        }
    }
}

/// A dense series plotted with braille dots (2x4 dots per cell); ASCII glyph sets plot "*" per cell instead.
/// Values are scaled between their minimum and maximum; consecutive points are joined vertically.
public struct BraillePlot: Widget {
    public var values: [Double]
    public var role: ThemeRole

    public init(_ values: [Double], role: ThemeRole = .timelineHistogram) {
        self.values = values
        self.role = role
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty, !values.isEmpty else { return }
        let braille = context.glyphs.hasBraille
        let dotsX = braille ? 2 : 1, dotsY = braille ? 4 : 1
        let w = area.width * dotsX, h = area.height * dotsY
        let series = Bins.mean(values, into: min(w, values.count))
        let lo = series.min() ?? 0, hi = series.max() ?? 0
        var grid = Array(repeating: false, count: w * h)
        func dotY(_ v: Double) -> Int {
            guard hi > lo else { return h - 1 }
            return (h - 1) - Int(((v - lo) / (hi - lo) * Double(h - 1)).rounded())
        }
        var previous: Int?
        for (i, v) in series.enumerated() {
            let x = series.count == 1 ? 0 : i * (w - 1) / (series.count - 1)
            let y = dotY(v)
            let from = previous.map { min($0, y) } ?? y, to = previous.map { max($0, y) } ?? y
            for yy in from...to { grid[yy * w + x] = true }
            previous = y
        }
        let style = context.style(role)
        // Braille dot bits: column 0 rows 0-3 = 0x01 0x02 0x04 0x40; column 1 = 0x08 0x10 0x20 0x80.
        let bit: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        for cy in 0..<area.height {
            for cx in 0..<area.width {
                var mask: UInt32 = 0
                for dx in 0..<dotsX {
                    for dy in 0..<dotsY where grid[(cy * dotsY + dy) * w + cx * dotsX + dx] {
                        mask |= braille ? bit[dx][dy] : 1
                    }
                }
                guard mask != 0 else { continue }
                let g = braille ? String(Character(Unicode.Scalar(0x2800 + mask) ?? " ")) : "*"
                canvas.set(x: area.x + cx, y: area.y + cy, grapheme: g, width: 1, style: style)
            }
        }
    }
}

/// Equal-width binning of a series into n bins.
enum Bins {
    static func sum(_ values: [Double], into n: Int) -> [Double] {
        guard n > 0 else { return [] }
        if n == values.count { return values }
        var out = Array(repeating: 0.0, count: n)
        for (i, v) in values.enumerated() { out[i * n / values.count] += v }
        return out
    }

    static func mean(_ values: [Double], into n: Int) -> [Double] {
        guard n > 0 else { return [] }
        if n == values.count { return values }
        var sum = Array(repeating: 0.0, count: n), count = Array(repeating: 0, count: n)
        for (i, v) in values.enumerated() {
            sum[i * n / values.count] += v
            count[i * n / values.count] += 1
        }
        return zip(sum, count).map { $1 == 0 ? 0 : $0 / Double($1) }
    }
}
