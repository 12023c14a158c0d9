/// Word wrapping by display width. Breaks at spaces; CJK and other wide characters may break anywhere
/// (as in CJK typesetting); a word longer than the line is split between grapheme clusters.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += wrapParagraph(paragraph, width: width)
        }
        return out
    }

    private static func wrapParagraph(_ text: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var pendingSpace = false

        func flush() {
            lines.append(line)
            line = ""
            lineWidth = 0
            pendingSpace = false
        }
        func place(_ token: String, _ w: Int) {
            let gap = pendingSpace && lineWidth > 0 ? 1 : 0
            if lineWidth + gap + w <= width {
                if gap == 1 { line += " " }
                line += token
                lineWidth += gap + w
                pendingSpace = false
                return
            }
            if lineWidth > 0 { flush() }
            if w <= width {
                line = token
                lineWidth = w
                pendingSpace = false
                return
            }
            // Longer than a whole line: split between graphemes.
            for c in token {
                let cw = DisplayWidth.of(c)
                if lineWidth + cw > width { flush() }
                line.append(c)
                lineWidth += cw
            }
        }

        var word = ""
        var wordWidth = 0
        for c in text {
            if c == " " || c == "\t" {
                if !word.isEmpty { place(word, wordWidth); word = ""; wordWidth = 0 }
                pendingSpace = true
                continue
            }
            let w = DisplayWidth.of(c)
            if w == 2 {
                // Lines may break before any wide (CJK) character; narrow punctuation after it stays with it.
                if !word.isEmpty { place(word, wordWidth) }
                word = String(c)
                wordWidth = 2
                continue
            }
            word.append(c)
            wordWidth += w
        }
        if !word.isEmpty { place(word, wordWidth) }
        lines.append(line)
        return lines
    }
}

/// Wrapped text in an area; lines past the bottom are cut, the last visible one ends with an ellipsis.
public struct Paragraph: Widget {
    public var text: String
    public var role: ThemeRole
    /// Lines to skip at the top (scrolling).
    public var scroll: Int

    public init(_ text: String, role: ThemeRole = .text, scroll: Int = 0) {
        self.text = text
        self.role = role
        self.scroll = scroll
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        guard !area.isEmpty else { return }
        let lines = TextWrap.wrap(text, width: area.width)
        let visible = Array(lines.dropFirst(max(0, scroll)))
        for (i, line) in visible.prefix(area.height).enumerated() {
            var l = line
            if i == area.height - 1, visible.count > area.height {
                let e = context.glyphs.ellipsis
                l = TextFit.prefix(line, width: area.width - DisplayWidth.of(e)) + e
            }
            canvas.put(l, at: area.x, y: area.y + i, style: context.style(role), clip: area)
        }
    }
}
