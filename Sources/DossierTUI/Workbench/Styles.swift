import DossierModel
import DossierRender

/// The styles the workbench draws with, derived from a DossierRender `Theme`'s semantic roles (already resolved for the
/// terminal's colour depth), so a theme file changes the whole workbench.
public struct Styles: Sendable, Equatable {
    public var text: CellStyle
    public var muted: CellStyle
    public var border: CellStyle
    public var focusedBorder: CellStyle
    public var title: CellStyle
    public var focusedTitle: CellStyle
    public var header: CellStyle
    public var selection: CellStyle
    /// The selected row of a pane without the focus.
    public var inactiveSelection: CellStyle
    public var match: CellStyle
    public var bar: CellStyle
    public var barKey: CellStyle
    public var error: CellStyle
    public var alert: CellStyle
    public var good: CellStyle
    public var progress: CellStyle
    /// Entities the analyst marked on the link chart (for a path or a connecting network).
    public var marked: CellStyle

    /// Maps the theme's roles onto what the workbench draws. Roles a theme leaves without colour (the monochrome
    /// theme) fall back to attributes so focus, selection and matches still show.
    public init(theme: Theme) {
        let colourless = !theme.styles.values.contains { $0.fg != .default || $0.bg != .default }
        text = theme.style(.text)
        muted = colourless ? CellStyle(dim: true) : theme.style(.muted)
        border = theme.style(.paneBorder)
        focusedBorder = theme.style(.focusedBorder)
        title = theme.style(.title).with(bold: false)
        focusedTitle = theme.style(.focusedBorder).with(bold: true)
        header = theme.style(.header)
        selection = theme.style(.selection)
        let bar = theme.style(.statusLine)
        self.bar = bar
        barKey = CellStyle(fg: theme.style(.key).fg, bg: bar.bg, bold: true, reverse: bar.reverse)
        inactiveSelection = colourless ? CellStyle(underline: true) : CellStyle(bg: bar.bg)
        let warning = theme.style(.warning)
        match = colourless ? CellStyle(bold: true, underline: true) : CellStyle(fg: text.bg, bg: warning.fg, bold: true)
        marked = colourless ? CellStyle(bold: true, underline: true) : CellStyle(fg: text.bg, bg: warning.fg, bold: true)
        error = theme.style(.alert)
        alert = warning
        good = theme.style(.ok)
        progress = colourless ? CellStyle(reverse: true) : CellStyle(fg: theme.style(.focusedBorder).fg, bg: bar.bg)
    }

    /// The built-in themes in 256 colours (headless sessions and tests).
    public static let dark = Styles(theme: Theme.builtIn("default", capability: .palette256) ?? .plain)
    public static let light = Styles(theme: Theme.builtIn("light", capability: .palette256) ?? .plain)
    /// Without colours (NO_COLOR, monochrome terminals) attributes alone show focus and selection.
    public static let monochrome = Styles(theme: .monochrome)

    /// Short names `:theme` and config.toml also accept for the built-in themes.
    static let aliases = ["dark": "default", "mono": "monochrome", "none": "monochrome"]

    /// The built-in theme name an analyst's word stands for ("dark" is "default").
    static func themeName(_ word: String) -> String {
        let lower = word.lowercased()
        return aliases[lower] ?? lower
    }
}

extension ColorDepth {
    /// What DossierRender resolves theme colours against for this depth.
    public var capability: ColorCapability {
        switch self {
        case .none: .none
        case .eight: .ansi8
        case .sixteen: .ansi16
        case .indexed256: .palette256
        case .direct: .truecolor
        }
    }
}
