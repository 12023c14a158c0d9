import DossierModel
import DossierRender

/// The styles the workbench draws with, taken from the theme's semantic roles.
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

    public static let dark = Styles(
        text: .plain,
        muted: CellStyle(fg: .indexed(245)),
        border: CellStyle(fg: .indexed(240)),
        focusedBorder: CellStyle(fg: .indexed(75), bold: true),
        title: CellStyle(fg: .indexed(250)),
        focusedTitle: CellStyle(fg: .indexed(75), bold: true),
        header: CellStyle(fg: .indexed(250), bold: true, underline: true),
        selection: CellStyle(fg: .indexed(16), bg: .indexed(75)),
        inactiveSelection: CellStyle(bg: .indexed(238)),
        match: CellStyle(fg: .indexed(16), bg: .indexed(220)),
        bar: CellStyle(fg: .indexed(252), bg: .indexed(236)),
        barKey: CellStyle(fg: .indexed(220), bg: .indexed(236), bold: true),
        error: CellStyle(fg: .indexed(196), bold: true),
        alert: CellStyle(fg: .indexed(208)),
        good: CellStyle(fg: .indexed(114)),
        progress: CellStyle(fg: .indexed(75), bg: .indexed(236)))

    public static let light = Styles(
        text: .plain,
        muted: CellStyle(fg: .indexed(243)),
        border: CellStyle(fg: .indexed(248)),
        focusedBorder: CellStyle(fg: .indexed(25), bold: true),
        title: CellStyle(fg: .indexed(238)),
        focusedTitle: CellStyle(fg: .indexed(25), bold: true),
        header: CellStyle(fg: .indexed(236), bold: true, underline: true),
        selection: CellStyle(fg: .indexed(231), bg: .indexed(25)),
        inactiveSelection: CellStyle(bg: .indexed(253)),
        match: CellStyle(fg: .indexed(16), bg: .indexed(221)),
        bar: CellStyle(fg: .indexed(235), bg: .indexed(252)),
        barKey: CellStyle(fg: .indexed(88), bg: .indexed(252), bold: true),
        error: CellStyle(fg: .indexed(160), bold: true),
        alert: CellStyle(fg: .indexed(166)),
        good: CellStyle(fg: .indexed(28)),
        progress: CellStyle(fg: .indexed(25), bg: .indexed(252)))

    /// Without colours (NO_COLOR, monochrome terminals) attributes alone must show focus and selection.
    public static let monochrome = Styles(
        text: .plain, muted: CellStyle(dim: true), border: .plain, focusedBorder: CellStyle(bold: true),
        title: .plain, focusedTitle: CellStyle(bold: true), header: CellStyle(bold: true, underline: true),
        selection: CellStyle(reverse: true), inactiveSelection: CellStyle(underline: true),
        match: CellStyle(bold: true, underline: true), bar: CellStyle(reverse: true),
        barKey: CellStyle(bold: true, reverse: true), error: CellStyle(bold: true), alert: CellStyle(bold: true),
        good: .plain, progress: CellStyle(reverse: true))

    /// The themes `:theme` accepts.
    public static let named: [(String, Styles)] = [("dark", .dark), ("light", .light), ("mono", .monochrome)]

    public static func named(_ name: String) -> Styles? { named.first { $0.0 == name.lowercased() }?.1 }
}
