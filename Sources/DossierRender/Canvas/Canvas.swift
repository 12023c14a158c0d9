/// # Canvas: Dossier's terminal-free drawing surface
///
/// Everything Dossier draws (TUI panes, link charts, timelines, text reports) is drawn into a `Canvas`, a
/// `width` x `height` grid of `Cell`s. A terminal backend (DossierTUI) flushes cells to ncurses; the CLI
/// prints `lines()`; tests compare `lines()` with golden screens. Nothing here touches a terminal.
///
/// ```swift
/// var canvas = Canvas(width: 20, height: 3)
/// canvas.box(Rect(x: 0, y: 0, width: 20, height: 3), glyphs: .unicode, title: "Calls")
/// let used = canvas.put("李小龍 📞", at: 1, y: 1, style: theme.style(.text))   // returns 8 columns
/// canvas.lines()   // ["┌Calls─────────────┐", "│李小龍 📞         │", "└──────────────────┘"]
/// ```
///
/// Rules every helper can rely on:
/// - Coordinates are columns/rows from the top-left (0, 0). Drawing outside the canvas or outside the current
///   `clip` rectangle is silently dropped, so callers need not pre-clip. `clipped(to:_:)` narrows the clip for
///   a block of drawing (e.g. a pane's interior); `put(..., clip:)` narrows it for one call.
/// - Width is measured per grapheme cluster with `DisplayWidth` (our own Unicode tables, locale-independent).
///   A wide grapheme (CJK, emoji) takes two cells: the left cell holds it with `width == 2`, the right one is a
///   continuation cell (`width == 0`). A wide grapheme that does not fit entirely inside the clip is not drawn
///   (never split); overwriting either half of a wide grapheme blanks the other half.
/// - Control characters in text are drawn as "?" (tab/newline as a space), so untrusted data cannot emit
///   terminal escape sequences.
/// - `put` returns how many columns the text advanced, stopping at the clip's right edge: `x += canvas.put(...)`.
/// - `GlyphSet` (.unicode / .ascii) supplies every line, box, arrow and bar character; `Theme` maps semantic
///   roles (`.paneBorder`, `.text`, `.selection`, entity kinds, grades, ...) to `CellStyle`s.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells: cell (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]
    /// Drawing is limited to this rectangle (always inside `bounds`).
    public private(set) var clip: Rect

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
        self.clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Runs `body` with drawing limited to `rect` (intersected with the current clip), then restores the clip.
    public mutating func clipped(to rect: Rect, _ body: (inout Canvas) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    // MARK: Cells

    /// Sets one cell (narrow or wide) if it lies inside the clip, keeping wide graphemes whole.
    /// Returns false when nothing was written.
    @discardableResult
    public mutating func set(x: Int, y: Int, grapheme: String, width w: Int, style: CellStyle) -> Bool {
        return set(x: x, y: y, grapheme: grapheme, width: w, style: style, within: clip)
    }

    private mutating func set(x: Int, y: Int, grapheme: String, width w: Int, style: CellStyle, within area: Rect) -> Bool {
        let span = w == 2 ? 2 : 1
        guard area.contains(x: x, y: y), area.contains(x: x + span - 1, y: y) else { return false }
        let row = y * width
        clearWideNeighbours(x: x, row: row)
        if span == 2 { clearWideNeighbours(x: x + 1, row: row) }
        cells[row + x] = Cell(grapheme, width: UInt8(span), style: style)
        if span == 2 { cells[row + x + 1] = .continuation(style: style) }
        return true
    }

    /// Before cell x is overwritten: blank the other half of any wide grapheme it belongs to.
    private mutating func clearWideNeighbours(x: Int, row: Int) {
        let c = cells[row + x]
        if c.width == 0, x > 0 {
            let left = cells[row + x - 1]
            cells[row + x - 1] = Cell(" ", width: 1, style: left.style)
        } else if c.width == 2, x + 1 < width {
            cells[row + x + 1] = Cell(" ", width: 1, style: c.style)
        }
    }

    /// Restyles the cells of `rect` (e.g. a selection bar) without changing their text.
    public mutating func restyle(_ rect: Rect, _ transform: (CellStyle) -> CellStyle) {
        let r = rect.intersection(clip)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    // MARK: Text

    /// Draws `text` on row `y` starting at column `x`, clipped to `clip` (if given) and the canvas's clip.
    /// Returns the columns advanced: the text's width, or less when it reached the clip's right edge.
    @discardableResult
    public mutating func put(_ text: String, at x: Int, y: Int, style: CellStyle = .plain, clip extra: Rect? = nil) -> Int {
        let area = extra.map { clip.intersection($0) } ?? clip
        let rowVisible = y >= area.y && y < area.maxY
        var cx = x
        var lastDrawn = -1  // column of the last grapheme drawn by this call, for attaching stray marks
        for ch in text {
            var g = String(ch)
            var w = DisplayWidth.of(ch)
            if let first = ch.unicodeScalars.first, DisplayWidth.isControl(first) {
                g = (first == "\t" || first == "\n" || first == "\r") ? " " : "?"
                w = 1
            }
            if w == 0 {
                // A lone combining mark or joiner: it belongs to the grapheme before it, if we drew one.
                if rowVisible, lastDrawn >= 0 { cells[y * width + lastDrawn].grapheme += g }
                continue
            }
            if cx + w > area.maxX { break }
            if rowVisible, cx >= area.x {
                if set(x: cx, y: y, grapheme: g, width: w, style: style, within: area) { lastDrawn = cx }
            }
            cx += w
        }
        return cx - x
    }

    /// Draws `text` fitted into `rect`'s first row: truncated with `ellipsis` when too long, aligned as asked.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, in rect: Rect, style: CellStyle = .plain, align: Alignment = .left,
                             ellipsis: String = "…") -> Int {
        guard !rect.isEmpty else { return 0 }
        let t = TextFit.truncate(text, to: rect.width, ellipsis: ellipsis)
        let w = DisplayWidth.of(t)
        let x: Int
        switch align {
        case .left: x = rect.x
        case .right: x = rect.maxX - w
        case .center: x = rect.x + (rect.width - w) / 2
        }
        return put(t, at: x, y: rect.y, style: style, clip: rect)
    }

    public enum Alignment: Sendable { case left, center, right }

    // MARK: Areas and lines

    /// Fills `rect` with one grapheme (a space by default).
    public mutating func fill(_ rect: Rect, with grapheme: String = " ", style: CellStyle = .plain) {
        let r = rect.intersection(clip)
        guard !r.isEmpty else { return }
        let w = max(1, grapheme.isEmpty ? 1 : DisplayWidth.of(grapheme))
        let g = grapheme.isEmpty ? " " : grapheme
        for y in r.y..<r.maxY {
            var x = r.x
            while x + w <= r.maxX {
                set(x: x, y: y, grapheme: g, width: w, style: style)
                x += w
            }
        }
    }

    /// A horizontal run of `glyph` from (x, y), `length` cells long.
    public mutating func hline(x: Int, y: Int, length: Int, glyph: String, style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length { set(x: x + i, y: y, grapheme: glyph, width: 1, style: style) }
    }

    /// A vertical run of `glyph` from (x, y), `length` cells high.
    public mutating func vline(x: Int, y: Int, length: Int, glyph: String, style: CellStyle = .plain) {
        guard length > 0 else { return }
        for i in 0..<length { set(x: x, y: y + i, grapheme: glyph, width: 1, style: style) }
    }

    /// Draws a box around `rect`'s edge (its interior is `rect.inset(by: 1)`), with an optional title in the
    /// top edge after the corner, truncated to fit. Rectangles smaller than 2x2 draw nothing.
    public mutating func box(_ rect: Rect, glyphs: GlyphSet, style: CellStyle = .plain, focused: Bool = false,
                             title: String? = nil, titleStyle: CellStyle? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let b = focused ? glyphs.focusedBox : glyphs.box
        hline(x: rect.x + 1, y: rect.y, length: rect.width - 2, glyph: b.horizontal, style: style)
        hline(x: rect.x + 1, y: rect.maxY - 1, length: rect.width - 2, glyph: b.horizontal, style: style)
        vline(x: rect.x, y: rect.y + 1, length: rect.height - 2, glyph: b.vertical, style: style)
        vline(x: rect.maxX - 1, y: rect.y + 1, length: rect.height - 2, glyph: b.vertical, style: style)
        set(x: rect.x, y: rect.y, grapheme: b.topLeft, width: 1, style: style)
        set(x: rect.maxX - 1, y: rect.y, grapheme: b.topRight, width: 1, style: style)
        set(x: rect.x, y: rect.maxY - 1, grapheme: b.bottomLeft, width: 1, style: style)
        set(x: rect.maxX - 1, y: rect.maxY - 1, grapheme: b.bottomRight, width: 1, style: style)
        if let title, !title.isEmpty, rect.width > 2 {
            put(title, in: Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1),
                style: titleStyle ?? style, ellipsis: glyphs.ellipsis)
        }
    }

    /// Copies `other` onto this canvas with its top-left at (x, y), respecting the clip.
    public mutating func draw(_ other: Canvas, at x: Int, y: Int) {
        for oy in 0..<other.height {
            var ox = 0
            while ox < other.width {
                let c = other.cells[oy * other.width + ox]
                if c.isContinuation { ox += 1; continue }
                set(x: x + ox, y: y + oy, grapheme: c.grapheme, width: Int(c.width), style: c.style)
                ox += max(1, Int(c.width))
            }
        }
    }

    // MARK: Output

    /// The canvas as plain text, one string per row, continuation cells skipped (so each row has `width`
    /// display columns). With `trimmingTrailingSpaces`, spaces at the end of each row are removed.
    public func lines(trimmingTrailingSpaces: Bool = false) -> [String] {
        var out: [String] = []
        out.reserveCapacity(height)
        for y in 0..<height {
            var s = ""
            for x in 0..<width {
                let c = cells[y * width + x]
                if !c.isContinuation { s += c.grapheme }
            }
            if trimmingTrailingSpaces {
                while s.last == " " { s.removeLast() }
            }
            out.append(s)
        }
        return out
    }

    /// `lines(trimmingTrailingSpaces:)` joined with newlines (with a final newline when non-empty).
    public func text(trimmingTrailingSpaces: Bool = true) -> String {
        let l = lines(trimmingTrailingSpaces: trimmingTrailingSpaces)
        return l.isEmpty ? "" : l.joined(separator: "\n") + "\n"
    }
}
