/// Which key runs which command in which scope: the defaults, then the analyst's overrides from config.toml.
public struct KeyMap: Sendable, Equatable {
    private var table: [CommandScope: [Key: String]] = [:]

    public init() {}

    /// Binds `key` to `commandID` in `scope`, replacing whatever that key did there.
    public mutating func bind(_ key: Key, to commandID: String, in scope: CommandScope) {
        table[scope, default: [:]][key] = commandID
    }

    /// Removes every key of `commandID` in `scope` (before a user override gives it new ones).
    public mutating func unbindAll(_ commandID: String, in scope: CommandScope) {
        if let bound = table[scope] { table[scope] = bound.filter { $0.value != commandID } }
    }

    /// The command a key runs: the most specific scope first, then global.
    public func command(for key: Key, in scopes: [CommandScope]) -> String? {
        for scope in scopes {
            if let id = table[scope]?[key] { return id }
        }
        return table[.global]?[key]
    }

    /// The keys bound to a command, in a stable order (shortest spelling first).
    public func keys(for commandID: String, in scope: CommandScope) -> [Key] {
        (table[scope] ?? [:]).filter { $0.value == commandID }.map(\.key)
            .sorted { ($0.description.count, $0.description) < ($1.description.count, $1.description) }
    }
}
