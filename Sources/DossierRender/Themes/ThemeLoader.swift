import Foundation

/// Finds and loads the theme to use. Lookup order:
/// 1. `NO_COLOR` set and non-empty: the built-in monochrome theme, whatever else is asked for;
/// 2. the requested name or path (`--theme NAME|PATH`), else `DOSSIER_THEME`, else "default";
/// 3. a PATH (contains "/" or ends in ".toml") is read as is; a NAME is looked up in
///    `$XDG_CONFIG_HOME/dossier/themes/NAME.toml` (XDG_CONFIG_HOME defaults to ~/.config), then among the
///    themes built into the binary.
/// A theme that cannot be read or parsed is reported in `warnings` (with file, line and key) and the built-in
/// default theme is used instead; loading never fails.
public enum ThemeLoader {
    public struct Result: Sendable {
        public var theme: Theme
        /// Where the theme came from: a file path, or "built-in NAME".
        public var origin: String
        /// Problems met on the way (a broken file, an unknown name); show them to the user.
        public var warnings: [String]
    }

    public static func load(requested: String?, environment env: [String: String],
                            capability: ColorCapability? = nil) -> Result {
        let cap = capability ?? ColorCapability.detect(environment: env)
        if let noColor = env["NO_COLOR"], !noColor.isEmpty {
            return Result(theme: Theme.monochrome, origin: "built-in monochrome (NO_COLOR is set)", warnings: [])
        }
        let wanted = [requested, env["DOSSIER_THEME"]].compactMap { $0 }.first { !$0.isEmpty } ?? "default"
        var warnings: [String] = []
        if let path = candidatePath(for: wanted, environment: env) {
            switch loadFile(path) {
            case .success(let spec):
                return Result(theme: spec.resolved(for: cap), origin: path, warnings: [])
            case .failure(let error):
                warnings.append("\(error); using the default theme")
                return Result(theme: builtIn("default", cap), origin: "built-in default", warnings: warnings)
            }
        }
        if let theme = Theme.builtIn(wanted, capability: cap) {
            return Result(theme: theme, origin: "built-in \(wanted)", warnings: [])
        }
        warnings.append("no theme named \"\(wanted)\" (built-in: \(Theme.builtInNames.joined(separator: ", "))); "
            + "using the default theme")
        return Result(theme: builtIn("default", cap), origin: "built-in default", warnings: warnings)
    }

    /// The file to read for `wanted`: itself when it is a path, else the user's theme file if it exists.
    static func candidatePath(for wanted: String, environment env: [String: String]) -> String? {
        if wanted.contains("/") || wanted.hasSuffix(".toml") { return wanted }
        let base: String
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else if let home = env["HOME"], !home.isEmpty {
            base = home + "/.config"
        } else {
            return nil
        }
        let path = base + "/dossier/themes/" + wanted + ".toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    public static func loadFile(_ path: String) -> Swift.Result<ThemeSpec, ThemeError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ThemeError(file: path, line: nil, key: nil, message: "cannot read the file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ThemeError(file: path, line: nil, key: nil, message: "not UTF-8 text"))
        }
        do {
            return .success(try ThemeSpec.parse(text, file: path))
        } catch {
            return .failure(error)
        }
    }

    private static func builtIn(_ name: String, _ cap: ColorCapability) -> Theme {
        Theme.builtIn(name, capability: cap) ?? .plain
    }
}
