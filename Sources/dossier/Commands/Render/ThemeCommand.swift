import ArgumentParser
import DossierRender
import Foundation

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "List and inspect colour themes.",
        discussion: """
            Themes are TOML files of semantic roles. Lookup: --theme NAME|PATH, $DOSSIER_THEME, \
            $XDG_CONFIG_HOME/dossier/themes/NAME.toml (default ~/.config), then the themes built into dossier. \
            NO_COLOR forces the monochrome theme. Copy one to start your own: dossier theme show default --toml
            """,
        subcommands: [ThemeListCommand.self, ThemeShowCommand.self]
    )
}

struct ThemeListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List built-in and user themes.")

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        var rows: [(String, String, String)] = []
        for name in Theme.builtInNames {
            let theme = Theme.builtIn(name, capability: .truecolor)
            rows.append((name, "built-in", theme?.description ?? ""))
        }
        if let dir = ThemeCommandSupport.userThemeDirectory(env),
           let files = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for file in files.sorted() where file.hasSuffix(".toml") {
                let path = dir + "/" + file
                switch ThemeLoader.loadFile(path) {
                case .success(let spec): rows.append((String(file.dropLast(5)), path, spec.description))
                case .failure(let e): rows.append((String(file.dropLast(5)), path, "BROKEN: \(e)"))
                }
            }
        }
        let w = rows.map { DisplayWidth.of($0.0) }.max() ?? 4
        let w2 = rows.map { DisplayWidth.of($0.1) }.max() ?? 8
        for r in rows { print(TextFit.pad(r.0, to: w) + "  " + TextFit.pad(r.1, to: w2) + "  " + r.2) }
    }
}

struct ThemeShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a theme's roles resolved for a terminal, or its TOML text.")

    @Argument(help: ArgumentHelp("A theme name or a path to a .toml file (default: the theme in effect).", valueName: "theme"))
    var theme: String?
    @Option(help: ArgumentHelp("Resolve colours for: truecolor, 256, 16, 8, none (default: detected from TERM/COLORTERM).",
                               valueName: "colors"))
    var colors: String?
    @Flag(help: "Print the theme's TOML text (to copy into ~/.config/dossier/themes/ and edit).") var toml = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        var capability = ColorCapability.detect(environment: env)
        if let colors {
            guard let c = ColorCapability(rawValue: colors.lowercased()) else {
                throw CLIFailure("--colors \"\(colors)\": expected truecolor, 256, 16, 8 or none", exitCode: 2)
            }
            capability = c
        }
        let wanted = theme ?? env["DOSSIER_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        // Unlike the loader (which falls back to the default theme), `show` reports a broken or unknown theme.
        let spec: ThemeSpec
        let source: String
        if let path = ThemeCommandSupport.path(for: wanted, env) {
            switch ThemeLoader.loadFile(path) {
            case .success(let s): spec = s
            case .failure(let e): throw CLIFailure(e.description)
            }
            source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        } else if let text = Theme.builtInSource(wanted) {
            do { spec = try ThemeSpec.parse(text, file: "built-in \(wanted)") } catch { throw CLIFailure(error.description) }
            source = text
        } else {
            throw CLIFailure("no theme named \"\(wanted)\" (built-in: \(Theme.builtInNames.joined(separator: ", ")))")
        }
        if toml {
            print(source, terminator: "")
            return
        }
        let resolved = spec.resolved(for: capability)
        print("theme \(spec.name): \(spec.description) (resolved for \(capability.rawValue) colours)")
        let roles = spec.roles.keys.sorted()
        let w = roles.map { $0.rawValue.count }.max() ?? 4
        for role in roles {
            print(TextFit.pad(role.rawValue, to: w) + "  " + ThemeCommandSupport.describe(resolved.style(role)))
        }
    }
}

enum ThemeCommandSupport {
    static func userThemeDirectory(_ env: [String: String]) -> String? {
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/dossier/themes" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.config/dossier/themes" }
        return nil
    }

    /// The file for a path argument, or a user theme of that name if present.
    static func path(for wanted: String, _ env: [String: String]) -> String? {
        if wanted.contains("/") || wanted.hasSuffix(".toml") { return wanted }
        guard let dir = userThemeDirectory(env) else { return nil }
        let p = dir + "/" + wanted + ".toml"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    static func describe(_ s: CellStyle) -> String {
        var parts: [String] = []
        if s.fg != .default { parts.append("fg " + color(s.fg)) }
        if s.bg != .default { parts.append("bg " + color(s.bg)) }
        if s.bold { parts.append("bold") }
        if s.dim { parts.append("dim") }
        if s.underline { parts.append("underline") }
        if s.reverse { parts.append("reverse") }
        return parts.isEmpty ? "plain" : parts.joined(separator: ", ")
    }

    static func color(_ c: TerminalColor) -> String {
        switch c {
        case .default: return "default"
        case .indexed(let i): return "\(i)"
        case .rgb(let r, let g, let b): return ColorValue.rgb(r, g, b).description
        }
    }
}
