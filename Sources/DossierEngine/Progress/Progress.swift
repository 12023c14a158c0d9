#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutual-exclusion lock over pthreads (no Foundation in the engine).
final class EngineLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

/// Thrown by an analysis whose `AnalysisProgress` was cancelled.
public struct AnalysisCancelled: Error, Equatable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "analysis cancelled" }
}

/// Progress reporting and cancellation for long analyses: the TUI (or a test) holds one, an analysis polls it.
///
/// Thread-safe; every analysis takes one as an optional last argument and calls `check()` in its loops,
/// so a cancelled analysis stops within one unit of work and throws `AnalysisCancelled`.
public final class AnalysisProgress: @unchecked Sendable {
    private let lock = EngineLock()
    private var _cancelled = false
    private var _phase = ""
    private var _done = 0
    private var _total = 0

    public init() {}

    public func cancel() { lock.withLock { _cancelled = true } }
    public var isCancelled: Bool { lock.withLock { _cancelled } }

    /// Starts a named phase of `total` units ("betweenness", "indexing").
    public func begin(_ phase: String, total: Int) {
        lock.withLock { _phase = phase; _total = max(0, total); _done = 0 }
    }

    public func advance(by units: Int = 1) { lock.withLock { _done = min(_total, _done + units) } }

    public var phase: String { lock.withLock { _phase } }
    public var completed: Int { lock.withLock { _done } }
    public var total: Int { lock.withLock { _total } }
    /// 0...1 within the current phase (0 when the phase has no known size).
    public var fraction: Double { lock.withLock { _total == 0 ? 0 : Double(_done) / Double(_total) } }

    /// Throws `AnalysisCancelled` once `cancel()` has been called.
    public func check() throws { if isCancelled { throw AnalysisCancelled() } }
}

extension Optional where Wrapped == AnalysisProgress {
    @inline(__always) func check() throws { if let p = self { try p.check() } }
    @inline(__always) func advance(by units: Int = 1) { self?.advance(by: units) }
    @inline(__always) func begin(_ phase: String, total: Int) { self?.begin(phase, total: total) }
}
