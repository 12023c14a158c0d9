import DossierRender

/// Where everything goes on a screen of a given size. Pure, so layouts are tested at every size.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public var titleBar: Rect
    public var body: Rect
    public var statusLine: Rect
    public var footer: Rect
    public var panes: [PaneID: Rect]

    public var tooSmall: Bool { panes.isEmpty && body.isEmpty }

    /// Lays out `available` panes on a `width` x `height` screen. Narrow or zoomed screens show only the focused
    /// pane; short screens keep the top row and show a lower pane in place of the items when it has the focus.
    public static func compute(width: Int, height: Int, available: [PaneID], focus: PaneID, zoomed: Bool) -> Layout {
        guard width >= minimumWidth, height >= minimumHeight else {
            return Layout(titleBar: .zero, body: .zero, statusLine: .zero, footer: .zero, panes: [:])
        }
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        let (titleBar, rest) = screen.splitTop(1)
        let (middle, footer) = rest.splitBottom(1)
        let (body, statusLine) = middle.splitBottom(1)
        var layout = Layout(titleBar: titleBar, body: body, statusLine: statusLine, footer: footer, panes: [:])
        if zoomed || width < 70 {
            layout.panes[focus] = body
            return layout
        }
        let top: [PaneID] = [.cases, .items, .detail].filter(available.contains)
        let lower: [PaneID] = [.timeline, .chart, .results].filter(available.contains)
        var topRow = body
        var lowerRow = Rect.zero
        if !lower.isEmpty && body.height >= 18 {
            let split = body.splitTop(max(8, body.height * 11 / 20))
            topRow = split.top
            lowerRow = split.rest
        }
        var topPanes = top
        if lowerRow.isEmpty, lower.contains(focus), let i = topPanes.firstIndex(of: .items) {
            topPanes[i] = focus  // a short screen shows a lower pane where the items were
        }
        let casesWidth = min(30, max(14, width / 5))
        let detailWidth = min(60, max(24, width * 8 / 25))
        var x = topRow.x
        for pane in topPanes {
            let w: Int
            switch pane {
            case .cases: w = casesWidth
            case .detail: w = topRow.maxX - x
            default: w = topPanes.contains(.detail) ? topRow.maxX - x - detailWidth : topRow.maxX - x
            }
            layout.panes[pane] = Rect(x: x, y: topRow.y, width: w, height: topRow.height)
            x += w
        }
        if !lowerRow.isEmpty {
            let share = lowerRow.width / lower.count
            var lx = lowerRow.x
            for (i, pane) in lower.enumerated() {
                let w = i == lower.count - 1 ? lowerRow.maxX - lx : share
                layout.panes[pane] = Rect(x: lx, y: lowerRow.y, width: w, height: lowerRow.height)
                lx += w
            }
        }
        return layout
    }
}
