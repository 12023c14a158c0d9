import DossierModel

/// A theme resolved for one terminal: every semantic role mapped to a `CellStyle`.
///
/// Get one with `ThemeLoader.load(...)` (honours --theme, DOSSIER_THEME, XDG config, NO_COLOR and the terminal's
/// colours) or use `Theme.default` (the shipped dark theme in 24-bit colour) in tests and tools.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var description: String
    public var capability: ColorCapability
    /// Styles the theme defines; other roles fall back (see `style(_:)`).
    public var styles: [ThemeRole: CellStyle]

    public init(name: String, description: String = "", capability: ColorCapability, styles: [ThemeRole: CellStyle]) {
        self.name = name
        self.description = description
        self.capability = capability
        self.styles = styles
    }

    /// The style for `role`, following the role's fallback chain (entity.X → entity.other → text, ...).
    public func style(_ role: ThemeRole) -> CellStyle {
        var r: ThemeRole? = role
        while let current = r {
            if let s = styles[current] { return s }
            r = current.fallback
        }
        return .plain
    }

    public func entity(_ kind: EntityKind) -> CellStyle { style(.entity(kind)) }
    public func grade(_ reliability: SourceReliability) -> CellStyle { style(.grade(reliability)) }

    /// The shipped "default" theme (dark) in 24-bit colour.
    public static let `default`: Theme = builtIn("default", capability: .truecolor) ?? plain

    /// The shipped "monochrome" theme: bold, reverse and underline only.
    public static let monochrome: Theme = builtIn("monochrome", capability: .none) ?? plain

    /// No styles at all: every role is plain.
    public static let plain = Theme(name: "plain", capability: .none, styles: [:])

    /// Names of the themes built into the binary.
    public static var builtInNames: [String] { BuiltinThemes.names }

    /// A shipped theme resolved for `capability`; nil for an unknown name.
    public static func builtIn(_ name: String, capability: ColorCapability) -> Theme? {
        guard let source = BuiltinThemes.source(named: name) else { return nil }
        return (try? ThemeSpec.parse(source, file: "built-in \(name)"))?.resolved(for: capability)
    }

    /// The TOML text of a shipped theme (for `dossier theme show --toml`, to copy and edit).
    public static func builtInSource(_ name: String) -> String? { BuiltinThemes.source(named: name) }
}
