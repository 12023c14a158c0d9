import DossierRender

extension Workbench {
    /// Switches the theme live (`:theme light`): a built-in name or a user theme file, resolved for this terminal.
    /// Under NO_COLOR (or on a terminal without colours) the workbench stays monochrome and says why.
    func switchTheme(_ word: String) throws {
        if capability == .none {
            let reason = environment["NO_COLOR"].map { !$0.isEmpty } == true ? "NO_COLOR is set" : "the terminal has no colours"
            throw CommandError("\(reason): staying monochrome")
        }
        var env = environment
        env["DOSSIER_THEME"] = nil
        let loaded = ThemeLoader.load(requested: Styles.themeName(word), environment: env, capability: capability)
        guard loaded.warnings.isEmpty else {
            throw CommandError("no theme \(word) (built-in: dark, \(Theme.builtInNames.joined(separator: ", ")))")
        }
        applyTheme(loaded.theme)
        say("theme \(themeName) (\(loaded.origin), \(capability.label))")
    }

    func applyTheme(_ theme: Theme) {
        self.theme = theme
        themeName = theme.name
        styles = Styles(theme: theme)
        chartDrawing = nil  // the chart is drawn again in the new colours
    }
}

extension ColorCapability {
    /// How the status line names a colour depth.
    var label: String {
        switch self {
        case .none: "no colours"
        case .ansi8: "8 colours"
        case .ansi16: "16 colours"
        case .palette256: "256 colours"
        case .truecolor: "true colour"
        }
    }
}
