import DossierEngine
import DossierModel
import Synchronization

/// What a background job hands back to the main loop (values only: the workbench applies them on its own thread).
public enum JobOutcome: Sendable {
    case searchMatches(query: String, [ItemID])
    case results(title: String, [ResultLine])
    case entityEvents(ItemID, [ItemID])
    case table(ItemTable)
    case review([ReviewCandidate])
    case timeline(TimelineModel)
    case chart(ChartModel)
    case chartConnection(ChartSource, ChartConnection)
    case failed(String)
}

public enum JobKind: Sendable, Equatable { case search, analysis, drill, table, timeline, chart }

/// The shared state of one background job: progress out, cancellation in, result out.
public final class JobHandle: Sendable {
    public let title: String
    public let kind: JobKind
    /// Progress in thousandths; -1 while unknown.
    let progressValue = Atomic<Int>(-1)
    /// Engine analyses report progress and see cancellation through this.
    public let analysis = AnalysisProgress()
    let outcome = Mutex<JobOutcome?>(nil)
    let finished = Atomic<Bool>(false)

    init(title: String, kind: JobKind) {
        self.title = title
        self.kind = kind
    }

    public var isCancelled: Bool { analysis.isCancelled }
    public func cancel() { analysis.cancel() }
    /// Reports progress as done/total.
    public func progress(_ done: Int, of total: Int) {
        guard total > 0 else { return }
        progressValue.store(min(1000, done * 1000 / total), ordering: .relaxed)
    }
    public var fraction: Double? {
        if analysis.total > 0 { return analysis.fraction }
        let p = progressValue.load(ordering: .relaxed)
        return p < 0 ? nil : Double(p) / 1000
    }
}

/// Runs long work off the main thread so the interface never freezes; one job of each kind at a time (a newer search
/// cancels the older one).
struct JobRunner {
    private(set) var running: [JobHandle] = []

    var active: JobHandle? { running.last }

    /// The latest job Esc stops: an analysis or a search the analyst started.
    var cancellable: JobHandle? { running.last { $0.kind == .analysis || $0.kind == .search } }

    @discardableResult
    mutating func start(_ title: String, kind: JobKind, _ work: @escaping @Sendable (JobHandle) -> JobOutcome?) -> JobHandle {
        cancel(kind: kind)
        let handle = JobHandle(title: title, kind: kind)
        running.append(handle)
        Task.detached(priority: .userInitiated) {
            let result = work(handle)
            if !handle.isCancelled { handle.outcome.withLock { $0 = result } }
            handle.finished.store(true, ordering: .releasing)
        }
        return handle
    }

    mutating func cancel(kind: JobKind) {
        for job in running where job.kind == kind { job.cancel() }
        running.removeAll { $0.kind == kind }
    }

    mutating func cancelAll() {
        for job in running { job.cancel() }
        running.removeAll()
    }

    /// The outcomes of jobs that finished since the last call.
    mutating func collect() -> [JobOutcome] {
        var out: [JobOutcome] = []
        running.removeAll { job in
            guard job.finished.load(ordering: .acquiring) else { return false }
            if let o = job.outcome.withLock({ $0 }) { out.append(o) }
            return true
        }
        return out
    }

    /// Waits until every running job has finished (scripted sessions and tests, which must be deterministic).
    mutating func waitForAll() -> [JobOutcome] {
        while running.contains(where: { !$0.finished.load(ordering: .acquiring) }) {
            sched_yield_portable()
        }
        return collect()
    }
}

#if canImport(Glibc)
import Glibc
func sched_yield_portable() { usleep(200) }
#else
import Darwin
func sched_yield_portable() { usleep(200) }
#endif
