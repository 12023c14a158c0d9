/// One pass over a timeline's records into per-column counts: the histogram, point counts per lane and column,
/// span coverage (via a difference array, O(1) per span), connector cells between lanes, and the first record
/// starting in each cell (for labels). Cost is O(records + lanes x columns); no per-event strings are made.
struct TimelineBins {
    let columns: Int
    let laneCount: Int
    /// Events per column (records marked `counted`, at their start column).
    var histogram: [Int32]
    /// Point events per (lane, column), including connector ends on the destination lane.
    var points: [Int32]
    /// Kind (`TimelineEventKind` raw value) of the last point event in each (lane, column): the glyph of a single one.
    var pointKind: [UInt8]
    /// Bit per `TimelineEventKind` drawn on a lane in the range (for the legend).
    var kindsDrawn: UInt16 = 0
    /// Records starting per (lane, column), and the first of them (for labels).
    var starts: [Int32]
    var firstRecord: [Int32]
    /// Spans covering each (lane, column).
    var spans: [Int32]
    /// Bit 1: a span starts here, bit 2: a span ends here.
    var spanEdges: [UInt8]
    /// Gap row below lane g (between lanes g and g+1), per column: bit 1 line, 2 arrow down, 4 arrow up.
    var gaps: [UInt8]
    /// A connector passes through this lane's row (lane, column).
    var crossings: [Bool]
    /// Records drawn on lanes inside the range.
    var drawnRecords = 0

    static let line: UInt8 = 1, arrowDown: UInt8 = 2, arrowUp: UInt8 = 4

    init(data: TimelineData, range: ClosedRange<Int64>, columns: Int, lanes laneCount: Int) {
        self.columns = columns
        self.laneCount = laneCount
        let cells = max(0, laneCount * columns)
        histogram = Array(repeating: 0, count: columns)
        points = Array(repeating: 0, count: cells)
        pointKind = Array(repeating: 0, count: cells)
        starts = Array(repeating: 0, count: cells)
        firstRecord = Array(repeating: -1, count: cells)
        spanEdges = Array(repeating: 0, count: cells)
        gaps = Array(repeating: 0, count: cells)
        crossings = Array(repeating: false, count: cells)
        spans = Array(repeating: 0, count: cells)
        var spanDiff = Array(repeating: Int32(0), count: laneCount * (columns + 1))
        let origin = range.lowerBound, last = range.upperBound
        let scale = Double(columns) / (Double(range.upperBound) - Double(range.lowerBound) + 1)
        let n = data.count
        data.start.withUnsafeBufferPointer { startP in
        data.end.withUnsafeBufferPointer { endP in
        data.lane.withUnsafeBufferPointer { laneP in
        data.toLane.withUnsafeBufferPointer { toP in
        data.counted.withUnsafeBufferPointer { countedP in
        data.kind.withUnsafeBufferPointer { kindP in
            for i in 0..<n {
                let s = startP[i], e = endP[i]
                if e < origin || s > last { continue }
                let c0 = s < origin ? -1 : min(columns - 1, Int((Double(s) - Double(origin)) * scale))
                let c1 = e > last ? columns : min(columns - 1, Int((Double(e) - Double(origin)) * scale))
                let hc = max(0, c0)
                if countedP[i] { histogram[hc] &+= 1 }
                let l = Int(laneP[i])
                guard l >= 0 && l < laneCount else { continue }
                drawnRecords += 1
                let cell = l * columns + hc
                starts[cell] &+= 1
                if firstRecord[cell] < 0 { firstRecord[cell] = Int32(i) }
                let to = Int(toP[i])
                if c0 < 0 || c1 > c0 {
                    // A span: it covers more than one column (or reaches outside the range).
                    let a = max(0, c0), b = min(columns - 1, c1)
                    spanDiff[l * (columns + 1) + a] &+= 1
                    spanDiff[l * (columns + 1) + b + 1] &-= 1
                    if c0 >= 0 { spanEdges[l * columns + a] |= 1 }
                    if c1 < columns { spanEdges[l * columns + b] |= 2 }
                } else {
                    points[cell] &+= 1
                    pointKind[cell] = kindP[i]
                    kindsDrawn |= 1 << UInt16(kindP[i] & 15)
                }
                if to >= 0 && to < laneCount && to != l {
                    let lo = min(l, to), hi = max(l, to)
                    for g in lo..<hi { gaps[g * columns + hc] |= TimelineBins.line }
                    if hi - lo > 1 { for k in (lo + 1)..<hi { crossings[k * columns + hc] = true } }
                    if to > l {
                        gaps[(to - 1) * columns + hc] |= TimelineBins.arrowDown
                    } else {
                        gaps[to * columns + hc] |= TimelineBins.arrowUp
                    }
                    points[to * columns + hc] &+= 1
                    pointKind[to * columns + hc] = kindP[i]
                    kindsDrawn |= 1 << UInt16(kindP[i] & 15)
                }
            }
        }}}}}}
        for l in 0..<laneCount {
            var run: Int32 = 0
            for c in 0..<columns {
                run &+= spanDiff[l * (columns + 1) + c]
                spans[l * columns + c] = run
            }
        }
    }
}
