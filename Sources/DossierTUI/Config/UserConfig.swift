import TOMLKit

/// The analyst's own settings from `$XDG_CONFIG_HOME/dossier/config.toml` (else `~/.config/dossier/config.toml`):
///
///     theme = "light"
///     [keys]
///     "timeline.zoomIn" = ["+", "="]
///     "app.quit" = "ctrl-q"
public struct UserConfig: Sendable, Equatable {
    public var theme: String?
    /// Command id → the keys that replace its default keys.
    public var keys: [String: [Key]]

    public init(theme: String? = nil, keys: [String: [Key]] = [:]) {
        self.theme = theme
        self.keys = keys
    }

    /// Where the config file lives for this environment; nil when neither XDG_CONFIG_HOME nor HOME is set.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/dossier/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/dossier/config.toml" }
        return nil
    }

    /// Parses the file's text; `knownCommands` lets a misspelt command id fail with its name instead of doing nothing.
    public static func parse(_ text: String, file: String, knownCommands: Set<String>) throws -> UserConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: error.description)
        }
        var config = UserConfig()
        for key in table.keys where key != "theme" && key != "keys" {
            throw ConfigError(file: file, line: nil, message: "unknown setting \"\(key)\" (known: theme, [keys])")
        }
        if let value = table["theme"] {
            guard let name = value.string else { throw ConfigError(file: file, line: nil, message: "theme must be a string") }
            config.theme = name
        }
        if let value = table["keys"] {
            guard let keys = value.table else { throw ConfigError(file: file, line: nil, message: "[keys] must be a table") }
            for id in keys.keys.sorted() {
                guard knownCommands.contains(id) else {
                    throw ConfigError(file: file, line: nil, message: "[keys] \"\(id)\": no such command (see ? in the workbench)")
                }
                var specs: [String] = []
                if let one = keys[id]?.string {
                    specs = [one]
                } else if let many = keys[id]?.array {
                    for element in many {
                        guard let s = element.string else {
                            throw ConfigError(file: file, line: nil, message: "[keys] \"\(id)\": keys must be strings")
                        }
                        specs.append(s)
                    }
                } else {
                    throw ConfigError(file: file, line: nil, message: "[keys] \"\(id)\": give a key or a list of keys")
                }
                var parsed: [Key] = []
                for spec in specs {
                    guard let key = Key(spec: spec) else {
                        throw ConfigError(file: file, line: nil, message: "[keys] \"\(id)\": \"\(spec)\" is not a key")
                    }
                    parsed.append(key)
                }
                config.keys[id] = parsed
            }
        }
        return config
    }
}

/// A config file that cannot be used, naming the file, the line where known, and what is wrong.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
