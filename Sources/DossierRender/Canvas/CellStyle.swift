/// A terminal colour as the renderer asks for it; the terminal layer maps it to what the terminal supports.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case `default`
    /// An xterm palette index: 0-7 the basic colours, 8-15 bright, 16-231 the 6x6x6 cube, 232-255 greys.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// How a cell is drawn: colours and attributes.
public struct CellStyle: Hashable, Sendable {
    public var fg: TerminalColor
    public var bg: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(fg: TerminalColor = .default, bg: TerminalColor = .default, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    /// Default colours, no attributes.
    public static let plain = CellStyle()

    public var isPlain: Bool { self == .plain }

    /// This style with `top`'s non-default parts laid over it (colours replace, attributes add).
    public func patched(with top: CellStyle) -> CellStyle {
        CellStyle(fg: top.fg == .default ? fg : top.fg, bg: top.bg == .default ? bg : top.bg,
                  bold: bold || top.bold, dim: dim || top.dim, underline: underline || top.underline,
                  reverse: reverse || top.reverse)
    }

    public func with(bold: Bool? = nil, dim: Bool? = nil, underline: Bool? = nil, reverse: Bool? = nil) -> CellStyle {
        var s = self
        if let bold { s.bold = bold }
        if let dim { s.dim = dim }
        if let underline { s.underline = underline }
        if let reverse { s.reverse = reverse }
        return s
    }
}
