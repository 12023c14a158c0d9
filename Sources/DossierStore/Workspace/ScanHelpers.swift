#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// The threads that help a calling thread decode a large time-range scan: one per core besides the caller's,
/// started on first use and kept for the life of the process.
///
/// Why our own threads rather than `DispatchQueue.global().async` for every scan: a helper that has to be woken
/// for each scan often starts late (the scheduler wakes it, sometimes on the caller's own core, only after part
/// of the work is done), so that on an otherwise idle machine the calling thread decoded most of a scan alone and
/// one scan took up to twice as long as the next. Here a helper that has finished a scan keeps looking for the next
/// one for `awakeWindow` (yielding its core to anything else that wants it) before it goes to sleep, so scans that
/// follow each other (a timeline being drawn, a list being paged, the benchmark's runs) find it running on its
/// own core. A helper that starts late is harmless either way: the calling thread decodes every chunk no helper
/// has claimed (see `ScanJob`).
/// Work a helper thread can take: `ScanJob` (and, in the tests, probes).
protocol ScanHelperJob: AnyObject, Sendable {
    func run()
}

final class ScanHelpers: Sendable {
    static let shared = ScanHelpers(count: RecordReader.cores - 1)

    /// How long a helper keeps looking for work after its last scan before it sleeps.
    static let awakeWindowNanoseconds: UInt64 = 3_000_000

    private let workers: [ScanWorker]
    var count: Int { workers.count }

    init(count: Int) {
        workers = (0..<max(0, count)).compactMap { _ in ScanWorker.start() }
    }

    /// Hands `job` to every helper (each claims chunks of it until none is left).
    func post(_ job: any ScanHelperJob) {
        for w in workers { w.post(job) }
    }
}

/// One helper thread and its queue of scans to help with.
final class ScanWorker: Sendable {
    private let jobs = Mutex<[any ScanHelperJob]>([])
    /// Jobs posted so far: the thread polls this while it is awake.
    private let posted = Atomic<Int>(0)
    /// Whether the thread is asleep on `wake` (or about to be); whoever sets it back to false signals `wake`.
    private let asleep = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    private init() {}

    /// A worker with its thread running; nil when the system refuses a new thread (scans then run without it).
    static func start() -> ScanWorker? {
        let worker = ScanWorker()
        let context = Unmanaged.passRetained(worker).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let made = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<ScanWorker>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard made == 0 else {
            Unmanaged<ScanWorker>.fromOpaque(context).release()
            return nil
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return worker
    }

    func post(_ job: any ScanHelperJob) {
        jobs.withLock { $0.append(job) }
        posted.add(1, ordering: .sequentiallyConsistent)
        // Pairs with the sequentially consistent store and load in `run`: either the thread sees this job before
        // it sleeps, or this sees it asleep and wakes it (an extra signal only makes it look once more).
        if asleep.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
    }

    private func run() {
        var seen = 0
        var idleSince = ScanWorker.now()
        while true {
            let count = posted.load(ordering: .acquiring)
            if count != seen {
                seen = count
                let taken = jobs.withLock { queue -> [any ScanHelperJob] in
                    let all = queue
                    queue.removeAll(keepingCapacity: true)
                    return all
                }
                for job in taken { job.run() }
                idleSince = ScanWorker.now()
                continue
            }
            if ScanWorker.now() &- idleSince < ScanHelpers.awakeWindowNanoseconds {
                sched_yield()
                continue
            }
            asleep.store(true, ordering: .sequentiallyConsistent)
            if posted.load(ordering: .sequentiallyConsistent) != seen {
                asleep.store(false, ordering: .relaxed)
                continue
            }
            wake.wait()
        }
    }

    private static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
