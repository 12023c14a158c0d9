import ArgumentParser
import DossierModel
import DossierStore
import Foundation

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-bench",
        abstract: "Dossier's benchmarks: generated data, medians over several runs, peak memory.",
        subcommands: [Run.self, ExportCSV.self, CrashChild.self, StreamChild.self, ImportMemoryChild.self,
                      OpenMemoryChild.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run benchmark cases and print a table.")
        @Option(help: "Only cases of this area (store, engine, ...).") var area: String?
        @Option(help: "Only cases whose scale contains this text (e.g. 100k).") var scale: String?
        @Option(help: "Only cases whose name contains this text.") var filter: String?
        @Flag(help: "Print JSON instead of a table.") var json = false
        @Option(help: "Scratch directory (default: a new one under $TMPDIR, removed afterwards).") var scratch: String?

        func run() throws {
            var cases = BenchRegistry.all
            if let area { cases = cases.filter { $0.area == area } }
            if let scale { cases = cases.filter { $0.scale.contains(scale) } }
            if let filter { cases = cases.filter { $0.name.contains(filter) } }
            let dir = scratch ?? (NSTemporaryDirectory() + "/dossier-bench-\(getpid())")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { if scratch == nil { try? FileManager.default.removeItem(atPath: dir) } }
            // Cases of one scale share generated data; run them grouped by scale.
            var results: [BenchResult] = []
            var order: [String] = []
            for c in cases where !order.contains(c.scale) { order.append(c.scale) }
            for s in order {
                let ctx = BenchContext(scratch: dir)
                for c in cases where c.scale == s {
                    var run = BenchRun()
                    try c.body(ctx, &run)
                    let r = BenchResult(area: c.area, name: c.name, scale: c.scale, unit: c.unit, median: median(run.samples),
                                        min: run.samples.min() ?? 0, max: run.samples.max() ?? 0, runs: run.samples.count,
                                        cpuMedian: run.cpuSamples.isEmpty ? nil : median(run.cpuSamples),
                                        target: c.target, peakRSS: Memory.status("VmHWM"), note: run.note)
                    results.append(r)
                    if !json { FileHandle.standardError.write(Data("\(c.area) \(c.scale) \(c.name): \(c.unit.format(r.median))\n".utf8)) }
                }
            }
            print(json ? jsonText(results) : table(results))
        }

        func table(_ results: [BenchResult]) -> String {
            var rows = [["AREA", "SCALE", "OPERATION", "MEDIAN", "MIN", "MAX", "CPU", "RUNS", "TARGET", "PEAK RSS"]]
            for r in results {
                let target = r.target.map { (r.meetsTarget == true ? "ok < " : "MISSED < ") + r.unit.format($0) } ?? ""
                rows.append([r.area, r.scale, r.name + (r.note.isEmpty ? "" : " (\(r.note))"), r.unit.format(r.median),
                             r.unit.format(r.min), r.unit.format(r.max), r.cpuMedian.map { r.unit.format($0) } ?? "",
                             String(r.runs), target, fixed(r.peakRSS, 0) + " MiB"])
            }
            var widths = [Int](repeating: 0, count: rows[0].count)
            for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
            return rows.map { row in
                row.enumerated().map { i, c in i == row.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2) }
                    .joined()
            }.joined(separator: "\n")
        }

        func jsonText(_ results: [BenchResult]) -> String {
            func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            let items = results.map { r in
                "  {\"area\": \(q(r.area)), \"scale\": \(q(r.scale)), \"op\": \(q(r.name)), \"unit\": \(q(r.unit.rawValue)), "
                    + "\"median\": \(r.median), \"min\": \(r.min), \"max\": \(r.max), \"runs\": \(r.runs), "
                    + "\"cpu_median\": \(r.cpuMedian.map { String($0) } ?? "null"), "
                    + "\"target\": \(r.target.map { String($0) } ?? "null"), \"meets_target\": \(r.meetsTarget.map { String($0) } ?? "null"), "
                    + "\"peak_rss_mib\": \(fixed(r.peakRSS, 1)), \"note\": \(q(r.note))}"
            }
            return "[\n" + items.joined(separator: ",\n") + "\n]"
        }
    }

    struct ExportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-csv", abstract: "Write the store cases' generated events as CSV (for peers.py).")
        @Option(help: "Number of events.") var events: Int = 1_000_000
        @Argument(help: "Output file.") var file: String

        func run() throws {
            guard events > 0 else { throw ValidationError("--events must be positive") }
            try StoreBenchData(events: events).writeCSV(to: file)
        }
    }

    /// Opens `path` for writing, waiting up to a second for the previous (killed) child's lock to be released.
    static func openWaitingForTheLock(_ path: String) throws -> Workspace {
        for _ in 0..<200 {
            if let ws = try? Workspace.open(at: path) { return ws }
            usleep(5_000)
        }
        throw StoreError("cannot open \(path)")
    }

    /// Test-only: commits transactions until killed, printing "committed N" after each commit returns.
    /// The store's crash test kills it with SIGKILL at random moments and checks what survived.
    struct CrashChild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "crash-child", shouldDisplay: false)
        @Option var workspace: String
        @Option var first: Int = 1

        func run() throws {
            let ws = try BenchCommand.openWaitingForTheLock(workspace)
            var rng = SeededGenerator(seed: UInt64(first))
            var n = first
            while true {
                var batch = ChangeBatch(analyst: "child", time: TimePoint(unixSeconds: 1_700_000_000), action: "tx \(n)")
                for k in 0..<(n % 3 + 1) {
                    let id = ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + UInt64(n), using: &rng)
                    let pad = String(repeating: "x", count: Int(rng.next() % 20_000))
                    batch.put(.entity(Entity(meta: ItemMeta(id: id, analyst: "child", at: batch.time), kind: .person,
                                             name: "tx-\(n)-\(k)", attributes: [Attribute("pad", pad)])))
                }
                try ws.commit(batch)
                print("committed \(n)")
                fflush(nil)
                n += 1
            }
        }
    }

    /// Hidden: streams transactions of 2,000 entities each (`s-N-0` ... `s-N-1999`, written in chunks of 256) and prints
    /// "streamed N" after the first chunk of each and "committed N" after its commit; the store tests kill it at
    /// random moments (mid-stream included) and check each transaction is there whole or not at all.
    struct StreamChild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stream-child", shouldDisplay: false)
        @Option var workspace: String
        @Option var first: Int = 1

        func run() throws {
            let ws = try BenchCommand.openWaitingForTheLock(workspace)
            var rng = SeededGenerator(seed: UInt64(first))
            var n = first
            let time = TimePoint(unixSeconds: 1_700_000_000)
            while true {
                let stream = try ws.beginCommitStream(analyst: "child", time: time, action: "stream \(n)", chunkSize: 256)
                for k in 0..<2000 {
                    let id = ItemID(millisecondsSinceEpoch: 1_700_000_000_000 + UInt64(n), using: &rng)
                    try stream.put(.entity(Entity(meta: ItemMeta(id: id, analyst: "child", at: time), kind: .person, name: "s-\(n)-\(k)")))
                    if k == 256 {
                        print("streamed \(n)")
                        fflush(nil)
                    }
                }
                try stream.finish()
                print("committed \(n)")
                fflush(nil)
                n += 1
            }
        }
    }
}
