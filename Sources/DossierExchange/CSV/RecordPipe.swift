import Dispatch

/// Reads a delimited file's records on another thread, a few thousand at a time, so that parsing the next rows
/// overlaps with turning the last ones into items. At most `depth` batches wait, so memory stays bounded however large
/// the file. Records come out in file order; a read error comes after the records before it, as from `CSVReader`.
///
/// The reader belongs to the pipe's thread until `close()` returns; only then may the caller touch it again (for its
/// SHA-256, encoding, notices).
final class RecordPipe: @unchecked Sendable {
    struct Batch {
        /// The records as bytes (see `RawRecords`).
        var rows: RawRecords
        /// The file's bytes read when the batch was complete (for the progress line).
        var bytesRead: Int
        /// What ended the file early (an unclosed quote), after `rows`.
        var error: (any Error)?
        /// No batches follow.
        var isLast: Bool
    }

    private let csv: CSVReader
    private let batchSize: Int
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let access = DispatchQueue(label: "dossier.record-pipe")
    private let running = DispatchGroup()
    private var ready: [Batch] = []
    /// Batches the consumer is done with, refilled by the producer (their buffers keep their capacity).
    private var spent: [Batch] = []
    /// Batches made and taken: every `free` the producer waited for is given back on close (a semaphore must not
    /// end below its initial value).
    private var made = 0
    private var taken = 0
    private var cancelled = false
    private var finished = false

    init(_ csv: CSVReader, batchSize: Int = 4096, depth: Int = 4) {
        self.csv = csv
        self.batchSize = batchSize
        free = DispatchSemaphore(value: depth)
        running.enter()
        // Its own serial queue: the producer blocks on `free` while the consumer is behind.
        DispatchQueue(label: "dossier.record-pipe.reader").async { [self] in produce() }
    }

    private func produce() {
        defer { running.leave() }
        while true {
            free.wait()
            var reused: Batch?
            let stop = access.sync { () -> Bool in
                reused = spent.popLast()
                return cancelled
            }
            if stop { return }
            var batch = reused ?? Batch(rows: RawRecords(), bytesRead: 0, error: nil, isLast: false)
            reused = nil
            if batch.rows.isEmpty { batch.rows.reserve(records: batchSize, bytesPerRecord: 64, fieldsPerRecord: 8) }
            batch.rows.removeAll()
            do {
                if try !csv.readRecords(into: &batch.rows, max: batchSize) { batch.isLast = true }
            } catch {
                batch.error = error
                batch.isLast = true
            }
            batch.bytesRead = csv.bytesRead
            let last = batch.isLast
            access.sync { ready.append(batch); made += 1 }
            filled.signal()
            if last { return }
        }
    }

    /// The next batch; nil once the last was taken.
    func next() -> Batch? {
        if finished { return nil }
        filled.wait()
        let batch = access.sync { () -> Batch in
            taken += 1
            return ready.removeFirst()  // at most `depth` wait
        }
        free.signal()
        if batch.isLast { finished = true }
        return batch
    }

    /// Hands a batch the caller has finished with back, to be freed on the reading thread.
    func recycle(_ batch: Batch) {
        access.sync { spent.append(batch) }
    }

    /// Stops the reading thread (when the caller ends early) and waits for it; the reader is the caller's again.
    func close() {
        access.sync { cancelled = true }
        free.signal()
        running.wait()
        // The producer waited once per batch it made and once more if it stopped on `cancelled`; the consumer gave
        // back one per batch taken, and close one: return the rest.
        let owed = access.sync { made - taken }
        for _ in 0..<max(0, owed) { free.signal() }
        access.sync { ready.removeAll(); spent.removeAll() }
    }
}
