/// What widgets draw with: the theme's styles and the glyph set.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var glyphs: GlyphSet

    public init(theme: Theme = .default, glyphs: GlyphSet = .unicode) {
        self.theme = theme
        self.glyphs = glyphs
    }

    /// Plain styles and Unicode glyphs: what golden tests and text output use.
    public static let plain = RenderContext(theme: .plain, glyphs: .unicode)
    /// Plain styles and ASCII glyphs.
    public static let ascii = RenderContext(theme: .plain, glyphs: .ascii)

    public func style(_ role: ThemeRole) -> CellStyle { theme.style(role) }
}

/// A value that draws itself into a region of a canvas (ratatui-style): build it, render it, throw it away.
/// Widgets never draw outside `area`.
public protocol Widget {
    func render(in area: Rect, on canvas: inout Canvas, context: RenderContext)
}

extension Widget {
    /// Renders the widget alone on a fresh canvas of the given size (handy for tests and CLI output).
    public func rendered(width: Int, height: Int, context: RenderContext = .plain) -> Canvas {
        var c = Canvas(width: width, height: height)
        render(in: c.bounds, on: &c, context: context)
        return c
    }
}

/// A bordered pane with a title around another widget.
public struct Pane<Content: Widget>: Widget {
    public var title: String
    public var focused: Bool
    public var content: Content

    public init(title: String, focused: Bool = false, content: Content) {
        self.title = title
        self.focused = focused
        self.content = content
    }

    public func render(in area: Rect, on canvas: inout Canvas, context: RenderContext) {
        canvas.clipped(to: area) { c in
            c.fill(area, style: context.style(.text))
            c.box(area, glyphs: context.glyphs, style: context.style(focused ? .focusedBorder : .paneBorder),
                  focused: focused, title: title.isEmpty ? nil : " \(title) ", titleStyle: context.style(.title))
            content.render(in: area.inset(by: 1), on: &c, context: context)
        }
    }
}
