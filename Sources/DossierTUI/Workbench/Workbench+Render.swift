import DossierModel
import DossierRender

extension Workbench {
    /// Draws the whole screen.
    public func render() -> Canvas {
        syncMainChart()
        // The theme's text role carries the background every pane is drawn on.
        var canvas = Canvas(width: width, height: height, fill: Cell(" ", style: styles.text))
        let layout = Layout.compute(width: width, height: height, available: panes, focus: focus, zoomed: zoomed)
        if layout.tooSmall {
            drawTooSmall(&canvas)
            return canvas
        }
        drawTitleBar(&canvas, layout.titleBar)
        if let c = selectedCase, !c.restrictedTo.isEmpty {
            do { try store.caseShown(c, to: analyst) } catch { say("could not audit opening \(c.name): \(error)") }
        }
        if case .help(let top) = mode {
            drawHelp(&canvas, layout.body, top: top)
        } else if let review {
            drawReview(&canvas, review, layout.body)
        } else if let sheet = sheets.last {
            drawEntitySheet(&canvas, sheet, layout.body)
        } else {
            for (pane, rect) in layout.panes.sorted(by: { $0.key < $1.key }) { drawPane(&canvas, pane, rect) }
        }
        if case .palette(let field, let cursor) = mode { drawPalette(&canvas, layout.body, field, cursor) }
        drawStatusLine(&canvas, layout.statusLine)
        drawFooter(&canvas, layout.footer)
        return canvas
    }

    private func drawTooSmall(_ canvas: inout Canvas) {
        let lines = ["terminal too small", "\(width)x\(height), needs \(Layout.minimumWidth)x\(Layout.minimumHeight)"]
        let y0 = max(0, height / 2 - 1)
        for (i, line) in lines.enumerated() {
            canvas.put(line, in: Rect(x: 0, y: y0 + i, width: width, height: 1), style: i == 0 ? styles.error : styles.text,
                       align: .center, ellipsis: glyphs.ellipsis)
        }
    }

    /// Where the analyst is: workspace, case, pane or the drill-down path.
    public var breadcrumb: [String] {
        var parts = ["Dossier"]
        if let c = selectedCase { parts.append(c.name) }
        if let review {
            parts.append("Resolve \(min(review.index + 1, review.candidates.count))/\(review.candidates.count)")
        } else if sheets.isEmpty {
            parts.append(focus == .items ? "\(focus.title) (\(tab.rawValue))" : focus.title)
        } else {
            parts += sheets.map(\.title)
        }
        return parts
    }

    private func drawTitleBar(_ canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect, style: styles.bar)
        let separator = glyphs.isASCII ? " > " : " › "
        let right = " \(analyst) · \(store.displayName)\(store.isReadOnly ? " (read-only)" : "") "
        let rightWidth = min(DisplayWidth.of(right), rect.width / 2)
        canvas.put(" " + breadcrumb.joined(separator: separator), in: Rect(x: rect.x, y: rect.y, width: rect.width - rightWidth, height: 1),
                   style: styles.bar.with(bold: true), ellipsis: glyphs.ellipsis)
        canvas.put(right, in: Rect(x: rect.maxX - rightWidth, y: rect.y, width: rightWidth, height: 1), style: styles.bar,
                   align: .right, ellipsis: glyphs.ellipsis)
    }

    func paneBox(_ canvas: inout Canvas, _ rect: Rect, title: String, focused: Bool) -> Rect {
        canvas.box(rect, glyphs: glyphs, style: focused ? styles.focusedBorder : styles.border, focused: focused,
                   title: title, titleStyle: focused ? styles.focusedTitle : styles.title)
        return rect.inset(by: 1)
    }

    private func drawPane(_ canvas: inout Canvas, _ pane: PaneID, _ rect: Rect) {
        let focused = pane == focus
        switch pane {
        case .cases:
            let inner = paneBox(&canvas, rect, title: " 1 Cases (\(caseList.count)) ", focused: focused)
            drawCases(&canvas, inner, focused: focused)
        case .items:
            let t = table
            let inner = paneBox(&canvas, rect, title: " 2 Items (\(t.rows.count) \(tab.rawValue)) ", focused: focused)
            drawItems(&canvas, inner, table: t, focused: focused)
        case .detail:
            let item = selectedItem
            let inner = paneBox(&canvas, rect, title: " 3 Detail ", focused: focused)
            if let item { drawCard(&canvas, inner, item: item, top: detailTop) } else {
                canvas.put("nothing selected", in: inner.splitTop(1).top, style: styles.muted)
            }
        case .results:
            let inner = paneBox(&canvas, rect, title: " 6 \(resultsTitle) ", focused: focused)
            drawResults(&canvas, inner, focused: focused)
        case .timeline:
            drawTimeline(&canvas, rect, focused: focused)
        case .chart:
            drawChartPane(&canvas, rect, focused: focused, title: "5 Link chart")
        }
    }

    // MARK: Lists

    /// Draws rows `0..<count` of a list with the cursor's selection highlighted; `row` draws one row's text.
    func drawList(_ canvas: inout Canvas, _ rect: Rect, count: Int, cursor: inout ListCursor, focused: Bool,
                  row: (Int, Rect, inout Canvas) -> Void) {
        guard !rect.isEmpty else { return }
        cursor.clamp(count: count)
        cursor.scroll(rows: rect.height)
        for line in 0..<rect.height {
            let index = cursor.top + line
            guard index < count else { break }
            let r = Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1)
            row(index, r, &canvas)
            if index == cursor.selected {
                let style = focused ? styles.selection : styles.inactiveSelection
                canvas.restyle(r) { $0.patched(with: style) }
            }
        }
    }

    private func drawCases(_ canvas: inout Canvas, _ rect: Rect, focused: Bool) {
        if caseList.isEmpty {
            canvas.put("no cases yet", in: rect.splitTop(1).top, style: styles.muted)
            return
        }
        var cursor = caseCursor
        let list = caseList
        drawList(&canvas, rect, count: list.count, cursor: &cursor, focused: focused) { i, r, c in
            let marks = (list[i].meta.flagged ? "!" : "") + (list[i].status == "open" ? "" : " (\(list[i].status))")
            c.put(list[i].name + marks, in: r, style: styles.text, ellipsis: glyphs.ellipsis)
        }
        caseCursor = cursor
    }

    /// Column widths for `width` cells: the widest text column stretches or shrinks; columns that do not fit are dropped.
    static func columnWidths(_ columns: [ItemColumn], width: Int) -> [Int] {
        var widths = columns.map(\.width)
        guard !widths.isEmpty else { return [] }
        let flex = widths.indices.max { widths[$0] < widths[$1] } ?? 0
        let flexMinimum = min(widths[flex], 12)
        func others() -> Int { widths.indices.filter { $0 != flex }.reduce(0) { $0 + widths[$1] } + widths.count - 1 }
        while widths.count - 1 > flex, others() + flexMinimum > width { widths.removeLast() }
        widths[flex] = max(1, width - others())
        return widths
    }

    private func drawItems(_ canvas: inout Canvas, _ rect: Rect, table t: ItemTable, focused: Bool) {
        guard rect.height >= 3 else { return }
        // Tab strip with counts.
        let caseID = selectedCase?.meta.id
        var x = rect.x
        let counts = ItemTab.allCases.map { itemCount($0.kind, inCase: caseID) }
        let long = zip(ItemTab.allCases, counts).map { " \($0.rawValue) \($1) " }
        let short = zip(ItemTab.allCases, counts).map { " \($0.rawValue.prefix(3)) \($1) " }
        let labels = long.reduce(0) { $0 + DisplayWidth.of($1) } <= rect.width ? long : short
        for (i, each) in ItemTab.allCases.enumerated() {
            let label = labels[i]
            let style = each == tab ? styles.focusedTitle.with(reverse: true) : styles.muted
            x += canvas.put(label, at: x, y: rect.y, style: style, clip: rect)
        }
        if !filter.isEmpty {
            canvas.put(" filter: \(filter)", at: x, y: rect.y, style: styles.alert, clip: rect)
        }
        // Header.
        let columns = ItemColumn.columns(for: tab)
        let widths = Workbench.columnWidths(columns, width: rect.width)
        var hx = rect.x
        for (i, w) in widths.enumerated() {
            var title = columns[i].title
            if i == t.sortColumn { title += ascending ? glyphs.sortAscending : glyphs.sortDescending }
            canvas.put(title, in: Rect(x: hx, y: rect.y + 1, width: w, height: 1), style: styles.header, ellipsis: glyphs.ellipsis)
            hx += w + 1
        }
        let body = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 2)
        if t.isLoading {
            canvas.put("loading \(itemCount(tab.kind, inCase: caseID)) \(tab.rawValue)…", in: body.splitTop(1).top,
                       style: styles.muted, ellipsis: glyphs.ellipsis)
            return
        }
        if t.rows.isEmpty {
            canvas.put(filter.isEmpty ? "no \(tab.rawValue) in this case" : "no \(tab.rawValue) match \"\(filter)\"",
                       in: body.splitTop(1).top, style: styles.muted)
            return
        }
        var cursor = itemCursor
        let matchSet = Set(matches)
        drawList(&canvas, body, count: t.rows.count, cursor: &cursor, focused: focused) { i, r, c in
            guard let item = store.item(t.rows[i]) else { return }
            var cx = r.x
            for (k, w) in widths.enumerated() {
                let text = columns[k].value(item, store)
                let style = k == 1 && matchSet.contains(item.id) ? styles.match : styles.text
                c.put(text, in: Rect(x: cx, y: r.y, width: w, height: 1), style: style, ellipsis: glyphs.ellipsis)
                cx += w + 1
            }
        }
        itemCursor = cursor
    }

    private func drawResults(_ canvas: inout Canvas, _ rect: Rect, focused: Bool) {
        var cursor = resultsCursor
        let lines = results
        if lines.isEmpty {
            canvas.put("no results", in: rect.splitTop(1).top, style: styles.muted)
            return
        }
        drawList(&canvas, rect, count: lines.count, cursor: &cursor, focused: focused) { i, r, c in
            c.put(lines[i].text, in: r, style: styles.text, ellipsis: glyphs.ellipsis)
        }
        resultsCursor = cursor
    }

    // MARK: Detail card

    func cardLines(for item: Item) -> [CardLine] {
        if let (id, version, lines) = cardCache, id == item.id, version == store.version { return lines }
        let lines = ItemCard.lines(for: item, reader: store)
        cardCache = (item.id, store.version, lines)
        return lines
    }

    /// The card as display rows: long text wraps, fields keep their label column.
    func cardRows(_ lines: [CardLine], width: Int) -> [(String, String, CardLine.Kind)] {
        var rows: [(String, String, CardLine.Kind)] = []
        let longest = lines.filter { $0.kind == .field }.map { DisplayWidth.of($0.label) }.max() ?? 6
        let labelWidth = min(longest, 11, max(8, width / 3))
        for line in lines {
            switch line.kind {
            case .heading: rows.append((line.label, "", .heading))
            case .field:
                let label = TextFit.pad(line.label, to: labelWidth, ellipsis: glyphs.ellipsis)
                let pieces = WordWrap.lines(line.value, width: max(1, width - labelWidth - 1), maxLines: 8)
                for (i, piece) in pieces.enumerated() {
                    rows.append((i == 0 ? label : String(repeating: " ", count: labelWidth), piece, .field))
                }
            case .text:
                for piece in WordWrap.lines(line.value, width: max(1, width), maxLines: 40) { rows.append(("", piece, .text)) }
            }
        }
        return rows
    }

    func drawCard(_ canvas: inout Canvas, _ rect: Rect, item: Item, top: Int) {
        let rows = cardRows(cardLines(for: item), width: rect.width)
        let start = min(top, max(0, rows.count - rect.height))
        for i in 0..<rect.height {
            let index = start + i
            guard index < rows.count else { break }
            let (label, value, kind) = rows[index]
            let r = Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1)
            switch kind {
            case .heading:
                canvas.put(label, in: r, style: styles.header, ellipsis: glyphs.ellipsis)
            case .field:
                let used = canvas.put(label + " ", at: r.x, y: r.y, style: styles.muted, clip: r)
                canvas.put(value, at: r.x + used, y: r.y, style: styles.text, clip: r)
            case .text:
                canvas.put(value, in: r, style: styles.text, ellipsis: glyphs.ellipsis)
            }
        }
    }

    // MARK: Entity view

    private func drawEntitySheet(_ canvas: inout Canvas, _ sheet: EntitySheet, _ body: Rect) {
        guard let entity = store.item(sheet.entity) else { return }
        let narrow = body.width < 80
        let cardWidth = narrow ? 0 : min(50, body.width * 2 / 5)
        if cardWidth > 0 {
            let inner = paneBox(&canvas, Rect(x: body.x, y: body.y, width: cardWidth, height: body.height),
                                title: " \(entity.subkind) ", focused: false)
            drawCard(&canvas, inner, item: entity, top: 0)
        }
        let right = Rect(x: body.x + cardWidth, y: body.y, width: body.width - cardWidth, height: body.height)
        // The neighbourhood chart on top; contacts and events share the lower half.
        let (chartRect, lists) = right.splitTop(right.height / 2)
        let (top, bottom) = lists.splitTop(lists.height / 2)
        var s = sheet
        let contactsFocused = sheet.section == .contacts
        let ci = paneBox(&canvas, top, title: " Contacts and flows (\(sheet.contacts.count)) ", focused: contactsFocused)
        if sheet.contacts.isEmpty {
            canvas.put(sheet.eventsLoaded ? "no contacts" : "scanning events…", in: ci.splitTop(1).top, style: styles.muted)
        } else {
            drawList(&canvas, ci, count: sheet.contacts.count, cursor: &s.contactCursor, focused: contactsFocused) { i, r, c in
                let contact = sheet.contacts[i]
                let nameWidth = min(24, r.width / 2)
                c.put(contact.name, in: Rect(x: r.x, y: r.y, width: nameWidth, height: 1), style: styles.text,
                      ellipsis: glyphs.ellipsis)
                c.put(contact.kind, in: Rect(x: r.x + nameWidth + 1, y: r.y, width: 12, height: 1), style: styles.muted,
                      ellipsis: glyphs.ellipsis)
                c.put(contact.flows, in: Rect(x: r.x + nameWidth + 14, y: r.y, width: max(0, r.width - nameWidth - 14), height: 1),
                      style: styles.text, ellipsis: glyphs.ellipsis)
            }
        }
        let eventsTitle = sheet.eventsLoaded ? " Events (\(sheet.events.count)) " : " Events (scanning) "
        let eventsFocused = sheet.section == .events
        let ei = paneBox(&canvas, bottom, title: eventsTitle, focused: eventsFocused)
        if sheet.events.isEmpty {
            canvas.put(sheet.eventsLoaded ? "no events" : "scanning events…", in: ei.splitTop(1).top, style: styles.muted)
        } else {
            let store = self.store
            drawList(&canvas, ei, count: sheet.events.count, cursor: &s.eventCursor, focused: eventsFocused) { i, r, c in
                guard let e = store.item(sheet.events[i])?.event else { return }
                let line = "\(compactTime(e.start))  \(e.kind.rawValue)  \(eventSummary(e, store))\(e.amount.map { "  \($0)" } ?? "")"
                c.put(line, in: r, style: styles.text, ellipsis: glyphs.ellipsis)
            }
        }
        sheets[sheets.count - 1] = s
        drawChartPane(&canvas, chartRect, focused: sheet.section == .chart, title: "Neighbourhood")
    }

    // MARK: Entity-resolution review

    private func drawReview(_ canvas: inout Canvas, _ sheet: ReviewSheet, _ body: Rect) {
        guard let c = sheet.current, let a = store.item(c.a), let b = store.item(c.b) else { return }
        let (head, rest) = body.splitTop(4)
        let inner = paneBox(&canvas, head, title: " Candidate \(sheet.index + 1) of \(sheet.candidates.count) ", focused: true)
        canvas.put("\(c.strength) · score \(formatScore(c.score)) · \(c.kind)", in: inner.splitTop(1).top, style: styles.header)
        let agreed = c.agreed.isEmpty ? "" : "agree: " + c.agreed.joined(separator: ", ")
        let disagreed = c.disagreed.isEmpty ? "" : "  differ: " + c.disagreed.joined(separator: ", ")
        canvas.put(agreed + disagreed, in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1), style: styles.text,
                   ellipsis: glyphs.ellipsis)
        let half = rest.width / 2
        let left = paneBox(&canvas, Rect(x: rest.x, y: rest.y, width: half, height: rest.height), title: " A ", focused: false)
        drawCard(&canvas, left, item: a, top: 0)
        let right = paneBox(&canvas, Rect(x: rest.x + half, y: rest.y, width: rest.width - half, height: rest.height),
                            title: " B ", focused: false)
        drawCard(&canvas, right, item: b, top: 0)
    }

    // MARK: Overlays

    /// The help screen's lines, generated from the registry and the key map.
    public func helpLines() -> [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        for scope in CommandScope.allCases {
            let specs = registry.specs.filter { $0.scope == scope }
            guard !specs.isEmpty else { continue }
            out.append((scope.title, "", true))
            for spec in specs {
                let keys = keymap.keys(for: spec.id, in: spec.scope).map { glyphs.isASCII ? $0.asciiLabel : $0.description }
                let verbs = spec.verbs.isEmpty ? "" : "  :\(spec.verbs[0])\(spec.usage.isEmpty ? "" : " " + spec.usage)"
                out.append((keys.joined(separator: " "), "\(spec.help)  [\(spec.id)]\(verbs)", false))
            }
        }
        return out
    }

    private func drawHelp(_ canvas: inout Canvas, _ body: Rect, top: Int) {
        let inner = paneBox(&canvas, body, title: " Help: keys and commands (any other key closes) ", focused: true)
        let lines = helpLines()
        let start = min(top, max(0, lines.count - inner.height))
        for i in 0..<inner.height {
            let index = start + i
            guard index < lines.count else { break }
            let (keys, text, heading) = lines[index]
            let r = Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1)
            if heading {
                canvas.put(keys, in: r, style: styles.header)
            } else {
                canvas.put(keys, in: Rect(x: r.x + 1, y: r.y, width: 14, height: 1), style: styles.barKey.with(reverse: false),
                           ellipsis: glyphs.ellipsis)
                canvas.put(text, in: Rect(x: r.x + 16, y: r.y, width: max(0, r.width - 16), height: 1), style: styles.text,
                           ellipsis: glyphs.ellipsis)
            }
        }
    }

    private func drawPalette(_ canvas: inout Canvas, _ body: Rect, _ field: TextField, _ cursor: ListCursor) {
        let w = min(body.width - 2, 70), h = min(body.height, 14)
        let rect = Rect(x: body.x + (body.width - w) / 2, y: body.y + 1, width: w, height: h)
        canvas.fill(rect)
        let inner = paneBox(&canvas, rect, title: " Command palette ", focused: true)
        canvas.put("> " + field.text + (glyphs.isASCII ? "_" : "▏"), in: inner.splitTop(1).top, style: styles.text)
        let found = registry.matching(field.text)
        var c = cursor
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        drawList(&canvas, list, count: found.count, cursor: &c, focused: true) { i, r, cv in
            let spec = found[i]
            let keys = keymap.keys(for: spec.id, in: spec.scope).first.map { glyphs.isASCII ? $0.asciiLabel : $0.description } ?? ""
            cv.put(spec.title, in: Rect(x: r.x, y: r.y, width: 18, height: 1), style: styles.text, ellipsis: glyphs.ellipsis)
            cv.put(spec.id, in: Rect(x: r.x + 19, y: r.y, width: max(0, r.width - 29), height: 1), style: styles.muted,
                   ellipsis: glyphs.ellipsis)
            cv.put(keys, in: Rect(x: r.maxX - 9, y: r.y, width: 9, height: 1), style: styles.muted, align: .right)
        }
    }

    private func drawStatusLine(_ canvas: inout Canvas, _ rect: Rect) {
        let cursor = glyphs.isASCII ? "_" : "▏"
        switch mode {
        case .commandLine(let f):
            canvas.put(":" + f.text + cursor, in: rect, style: styles.text)
            return
        case .search(let f):
            let count = f.text.isEmpty ? "" : (jobs.active?.kind == .search ? "  searching…" : "  \(matches.count) \(matches.count == 1 ? "match" : "matches")")
            canvas.put("/" + f.text + cursor + count, in: rect, style: styles.text)
            return
        case .filter(let f):
            canvas.put("filter: " + f.text + cursor, in: rect, style: styles.text)
            return
        case .prompt(let p, let f):
            canvas.put("\(p.label): " + f.text + cursor, in: rect, style: styles.text)
            return
        default:
            break
        }
        if let job = jobs.active {
            let label = " \(job.title) "
            let used = canvas.put(label, at: rect.x, y: rect.y, style: styles.text, clip: rect)
            let barWidth = max(0, min(30, rect.width - used - 20))
            let fraction = job.fraction
            let filled = fraction.map { Int(Double(barWidth) * $0) } ?? 0
            var x = rect.x + used
            x += canvas.put(String(repeating: glyphs.fullBlock, count: filled), at: x, y: rect.y, style: styles.progress, clip: rect)
            x += canvas.put(String(repeating: glyphs.shades[0], count: barWidth - filled), at: x, y: rect.y, style: styles.muted, clip: rect)
            let percent = fraction.map { " \(Int($0 * 100))%" } ?? " …"
            canvas.put(percent + (job === jobs.cancellable ? "  esc cancels" : ""), at: x, y: rect.y, style: styles.muted, clip: rect)
            return
        }
        canvas.put(status, in: rect, style: statusIsError ? styles.error : styles.text, ellipsis: glyphs.ellipsis)
    }

    /// The footer's key hints: the focused scope's commands first, then the global ones, from the registry.
    public func footerHints() -> [(String, String)] {
        var out: [(String, String)] = []
        for scope in activeScopes + [.global] {
            for spec in registry.specs where spec.scope == scope && spec.inFooter {
                // "back" only when there is somewhere to go back from.
                if spec.id == "app.back" && sheets.isEmpty && !zoomed && jobs.cancellable == nil { continue }
                // A key a more specific scope took over does not run this command here.
                guard let key = keymap.keys(for: spec.id, in: spec.scope)
                    .first(where: { keymap.command(for: $0, in: activeScopes) == spec.id }) else { continue }
                if out.contains(where: { $0.1 == spec.title }) { continue }
                out.append((glyphs.isASCII ? key.asciiLabel : key.label, spec.title))
            }
        }
        return out
    }

    private func drawFooter(_ canvas: inout Canvas, _ rect: Rect) {
        canvas.fill(rect, style: styles.bar)
        var x = rect.x
        for (key, title) in footerHints() {
            let need = DisplayWidth.of(key) + DisplayWidth.of(title) + 3
            if x + need > rect.maxX { break }
            x += canvas.put(" " + key, at: x, y: rect.y, style: styles.barKey, clip: rect)
            x += canvas.put(" " + title + " ", at: x, y: rect.y, style: styles.bar, clip: rect)
        }
    }
}
