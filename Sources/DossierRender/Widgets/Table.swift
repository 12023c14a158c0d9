/// A table with a header, column widths, truncation with an ellipsis, a sort indicator and a selected row.
public struct Table: Widget {
    public struct Column: Sendable {
        public enum Width: Sendable {
            /// Exactly n columns.
            case fixed(Int)
            /// As wide as the widest cell or header, at most `max`.
            case fit(max: Int)
            /// A share (by weight) of the space left after fixed and fit columns, at least `min`.
            case flex(min: Int, weight: Int)
        }
        public var title: String
        public var width: Width
        public var alignRight: Bool

        public init(_ title: String, width: Width = .fit(max: 40), alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    public enum SortOrder: Sendable { case ascending, descending }

    public var columns: [Column]
    public var rows: [[String]]
    public var showHeader: Bool
    public var sort: (column: Int, order: SortOrder)?
    public var selected: Int?
    /// First row shown; adjusted so the selected row is visible.
    public var offset: Int
    /// Optional per-row style role (e.g. an entity kind or a grade) for unselected rows.
    public var rowRoles: [ThemeRole?]

    public init(columns: [Column], rows: [[String]], showHeader: Bool = true, sort: (column: Int, order: SortOrder)? = nil,
                selected: Int? = nil, offset: Int = 0, rowRoles: [ThemeRole?] = []) {
        self.columns = columns
        self.rows = rows
        self.showHeader = showHeader
        self.sort = sort
        self.selected = selected
        self.offset = offset
        self.rowRoles = rowRoles
    }

    /// Column widths for a total width, one space between columns.
    public func columnWidths(total: Int, glyphs: GlyphSet = .unicode) -> [Int] {
        let n = columns.count
        guard n > 0 else { return [] }
        var widths = Array(repeating: 0, count: n)
        var flexWeight = 0
        for (i, col) in columns.enumerated() {
            switch col.width {
            case .fixed(let w): widths[i] = max(0, w)
            case .fit(let maxW):
                var w = DisplayWidth.of(col.title) + (sort?.column == i ? 1 + DisplayWidth.of(glyphs.sortAscending) : 0)
                for row in rows where i < row.count { w = max(w, DisplayWidth.of(row[i])) }
                widths[i] = min(w, max(1, maxW))
            case .flex(let minW, let weight):
                widths[i] = max(0, minW)
                flexWeight += max(1, weight)
            }
        }
        var spare = total - (n - 1) - widths.reduce(0, +)
        if spare > 0, flexWeight > 0 {
            let share = spare
            var given = 0
            var lastFlex = -1
            for (i, col) in columns.enumerated() {
                if case .flex(_, let weight) = col.width {
                    let add = share * max(1, weight) / flexWeight
                    widths[i] += add
                    given += add
                    lastFlex = i
                }
            }
            if lastFlex >= 0 { widths[lastFlex] += share - given }
            spare = 0
        }
        // Too narrow: shrink the widest columns first, never below 1.
        while spare < 0, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 {
            widths[widest] -= 1
            spare += 1
        }
        return widths
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let g = context.glyphs
        // With a selection, a gutter for the selection marker keeps it visible even without colours.
        let gutter = selected == nil ? 0 : DisplayWidth.of(g.selectionMarker)
        let widths = columnWidths(total: area.width - gutter, glyphs: g)
        var y = area.y
        if showHeader {
            let style = context.style(.header)
            canvas.fill(area.row(0), style: style)
            var x = area.x + gutter
            for (i, col) in columns.enumerated() {
                var title = col.title
                if let sort, sort.column == i {
                    let mark = sort.order == .ascending ? g.sortAscending : g.sortDescending
                    title = TextFit.truncate(title, to: widths[i] - 1 - DisplayWidth.of(mark), ellipsis: g.ellipsis)
                        + " " + mark
                }
                canvas.put(TextFit.pad(title, to: widths[i], alignRight: col.alignRight, ellipsis: g.ellipsis),
                           at: x, y: y, style: style, clip: area)
                x += widths[i] + 1
            }
            y += 1
        }
        let bodyHeight = area.maxY - y
        guard bodyHeight > 0 else { return }
        var first = max(0, min(offset, rows.count - 1))
        if let sel = selected {
            if sel < first { first = sel }
            if sel >= first + bodyHeight { first = sel - bodyHeight + 1 }
        }
        for (k, rowIndex) in (first..<rows.count).prefix(bodyHeight).enumerated() {
            let row = rows[rowIndex]
            let isSelected = rowIndex == selected
            let role = isSelected ? ThemeRole.selection : (rowIndex < rowRoles.count ? rowRoles[rowIndex] : nil) ?? .text
            let style = context.style(role)
            let rowRect = Rect(x: area.x, y: y + k, width: area.width, height: 1)
            canvas.fill(rowRect, style: style)
            if isSelected { canvas.put(g.selectionMarker, at: area.x, y: y + k, style: style, clip: area) }
            var x = area.x + gutter
            for (i, col) in columns.enumerated() {
                let cell = i < row.count ? row[i] : ""
                canvas.put(TextFit.pad(cell, to: widths[i], alignRight: col.alignRight, ellipsis: g.ellipsis),
                           at: x, y: y + k, style: style, clip: area)
                x += widths[i] + 1
            }
        }
    }
}

/// A scrolling list with a selected item.
public struct ListView: Widget {
    public var items: [String]
    public var selected: Int?
    public var offset: Int
    public var itemRoles: [ThemeRole?]

    public init(items: [String], selected: Int? = nil, offset: Int = 0, itemRoles: [ThemeRole?] = []) {
        self.items = items
        self.selected = selected
        self.offset = offset
        self.itemRoles = itemRoles
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty, !items.isEmpty else { return }
        let g = context.glyphs
        let markerWidth = DisplayWidth.of(g.selectionMarker)
        var first = max(0, min(offset, items.count - 1))
        if let sel = selected {
            if sel < first { first = sel }
            if sel >= first + area.height { first = sel - area.height + 1 }
        }
        for (k, i) in (first..<items.count).prefix(area.height).enumerated() {
            let isSelected = i == selected
            let role = isSelected ? ThemeRole.selection : (i < itemRoles.count ? itemRoles[i] : nil) ?? .text
            let style = context.style(role)
            let row = area.row(k)
            canvas.fill(row, style: style)
            if isSelected { canvas.put(g.selectionMarker, at: area.x, y: row.y, style: style, clip: area) }
            canvas.put(items[i], in: row.inset(left: markerWidth + 1), style: style, ellipsis: g.ellipsis)
        }
    }
}
