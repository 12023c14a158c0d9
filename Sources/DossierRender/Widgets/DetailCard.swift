/// Label/value rows grouped in sections, as in an entity's detail pane. Long values wrap under themselves.
public struct DetailCard: Widget {
    public struct Section: Sendable {
        public var title: String
        public var rows: [(label: String, value: String)]
        public var valueRoles: [ThemeRole?]
        public init(_ title: String, rows: [(label: String, value: String)], valueRoles: [ThemeRole?] = []) {
            self.title = title
            self.rows = rows
            self.valueRoles = valueRoles
        }
    }

    public var sections: [Section]
    public var scroll: Int

    public init(sections: [Section], scroll: Int = 0) {
        self.sections = sections
        self.scroll = scroll
    }

    /// The card as styled lines for the given width (label column, then wrapped values).
    func layout(width: Int) -> [(text: String, role: ThemeRole, labelWidth: Int)] {
        let longest = sections.flatMap { $0.rows.map { DisplayWidth.of($0.label) } }.max() ?? 0
        let labelWidth = min(longest, max(4, width / 3))
        let valueWidth = max(1, width - labelWidth - 2)
        var out: [(String, ThemeRole, Int)] = []
        for (si, section) in sections.enumerated() {
            if si > 0 { out.append(("", .text, 0)) }
            if !section.title.isEmpty { out.append((section.title, .title, 0)) }
            for (ri, row) in section.rows.enumerated() {
                let role = (ri < section.valueRoles.count ? section.valueRoles[ri] : nil) ?? .text
                let wrapped = TextWrap.wrap(row.value, width: valueWidth)
                for (k, part) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                    let label = k == 0 ? TextFit.pad(row.label, to: labelWidth) : String(repeating: " ", count: labelWidth)
                    out.append((label + "  " + part, role, labelWidth))
                }
            }
        }
        return out
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty else { return }
        let lines = layout(width: area.width)
        for (k, line) in lines.dropFirst(max(0, scroll)).prefix(area.height).enumerated() {
            let y = area.y + k
            if line.labelWidth > 0 {
                let label = TextFit.prefix(line.text, width: line.labelWidth)
                canvas.put(label, at: area.x, y: y, style: context.style(.muted), clip: area)
                let value = String(line.text.dropFirst(label.count + 2))
                canvas.put(value, at: area.x + line.labelWidth + 2, y: y, style: context.style(line.role), clip: area)
            } else {
                canvas.put(line.text, in: area.row(k), style: context.style(line.role), ellipsis: context.glyphs.ellipsis)
            }
        }
    }
}

/// One line of status: left text, optional right text (kept whole when it fits), on the status-line style.
public struct StatusLine: Widget {
    public var left: String
    public var right: String
    public var role: ThemeRole

    public init(left: String, right: String = "", role: ThemeRole = .statusLine) {
        self.left = left
        self.right = right
        self.role = role
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty else { return }
        let style = context.style(role)
        let row = area.row(0)
        canvas.fill(row, style: style)
        var rightWidth = DisplayWidth.of(right)
        if rightWidth + 1 > area.width { rightWidth = 0 }
        if rightWidth > 0 { canvas.put(right, at: row.maxX - rightWidth, y: row.y, style: style, clip: row) }
        let leftArea = row.inset(right: rightWidth > 0 ? rightWidth + 1 : 0)
        canvas.put(left, in: leftArea, style: style, ellipsis: context.glyphs.ellipsis)
    }
}

/// The footer of key hints: "q quit  / search  ? help"; hints that do not fit whole are left out.
public struct KeyHints: Widget {
    public var hints: [(key: String, description: String)]

    public init(_ hints: [(key: String, description: String)]) { self.hints = hints }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        canvas.fill(row, style: context.style(.statusLine))
        var x = row.x
        for (i, hint) in hints.enumerated() {
            let gap = i == 0 ? 0 : 2
            let w = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.description)
            if x + gap + w > row.maxX { break }
            x += gap
            x += canvas.put(hint.key, at: x, y: row.y, style: context.style(.key).patched(with: CellStyle(bg:
                context.style(.statusLine).bg)), clip: row)
            x += 1
            x += canvas.put(hint.description, at: x, y: row.y, style: context.style(.statusLine), clip: row)
        }
    }
}

/// A row of tabs with one active: " Entities │ Timeline │ Chart ".
public struct Tabs: Widget {
    public var titles: [String]
    public var selected: Int

    public init(_ titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var x = row.x
        for (i, title) in titles.enumerated() {
            if i > 0 {
                x += canvas.put(context.glyphs.box.vertical, at: x, y: row.y, style: context.style(.paneBorder), clip: row)
            }
            let active = i == selected
            let text = active && context.theme.styles.isEmpty ? "[\(title)]" : " \(title) "
            x += canvas.put(text, at: x, y: row.y, style: context.style(active ? .tabActive : .tab), clip: row)
            if x >= row.maxX { break }
        }
    }
}
