import DossierModel

/// A cache of expensive analysis results (graphs, search indexes, centrality scores) keyed by what was asked
/// and the reader's `version`: when committed data changes the version moves on and every older entry is dropped.
public final class ResultCache: @unchecked Sendable {
    private let lock = EngineLock()
    private var version: UInt64?
    private var entries: [String: any Sendable] = [:]

    public init() {}

    /// The cached value for `key` at `version`, computing and storing it when absent.
    public func value<T: Sendable>(_ key: String, version: UInt64, compute: () throws -> T) rethrows -> T {
        if let hit: T = lookup(key, version: version) { return hit }
        let value = try compute()
        lock.withLock {
            if self.version != version { entries.removeAll(); self.version = version }
            entries[key] = value
        }
        return value
    }

    public func lookup<T: Sendable>(_ key: String, version: UInt64) -> T? {
        lock.withLock {
            guard self.version == version else { return nil }
            return entries[key] as? T
        }
    }

    public var count: Int { lock.withLock { entries.count } }

    public func removeAll() { lock.withLock { entries.removeAll(); version = nil } }

    /// One process-wide cache shared by the CLI and the TUI.
    public static let shared = ResultCache()
}
