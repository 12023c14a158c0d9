import DossierExchange
import DossierModel
import DossierStore
import Foundation

/// Import of generated call records with the calls spec: parse, normalise phones, deduplicate, build items and
/// commit durably into a fresh workspace, end to end.
extension BenchRegistry {
    static var exchangeCases: [BenchCase] {
        [100_000, 1_000_000].flatMap { n -> [BenchCase] in
            let big = n == 1_000_000
            let scale = big ? "1M calls" : "100k calls"
            return [
                BenchCase(area: "exchange", name: "import calls CSV with spec", scale: scale, target: big ? 2.0 : nil, runs: 3) { ctx, run in
                    let dir = try exchangeCallsFile(ctx, n)
                    let spec = try ImportSpec.load(path: dir + "/calls.toml")
                    for r in 0..<3 {
                        let path = ctx.scratch + "/import-\(n)-\(r)"
                        let ws = try Workspace.create(at: path)
                        var rows = 0
                        try run.time { rows = try streamedImport(dir + "/calls.csv", spec: spec, into: ws) }
                        guard rows == n else { throw StoreError("imported \(rows) of \(n) rows") }
                        ws.close()
                        try? FileManager.default.removeItem(atPath: path)
                    }
                    run.note = "file \(fileSizeMiB(dir + "/calls.csv")) MiB"
                },
            ] + (big ? [importMemoryBySize] : []) + [
                BenchCase(area: "exchange", name: "parse CSV only", scale: scale, runs: 3) { ctx, run in
                    let dir = try exchangeCallsFile(ctx, n)
                    for _ in 0..<3 {
                        try run.time {
                            let reader = try CSVReader(path: dir + "/calls.csv")
                            var fields = 0
                            while let row = try reader.next() { fields += row.fields.count }
                            guard fields == n * 5 else { throw StoreError("read \(fields) fields") }
                        }
                    }
                },
            ]
        } + ftmCases
    }

    /// Whether an import's memory stays flat: the same import (same generator, spec and durable commit) of 250k, 500k
    /// and 1M rows, each measured from a trimmed heap with the peak reset, beside what merely opening the workspace it
    /// made holds resident (the store's index for that many items). The import's own working memory is the difference;
    /// the value is its growth per row from 250k to 1M (0 when flat).
    static var importMemoryBySize: BenchCase {
        BenchCase(area: "exchange", name: "import memory by size (peak - open)", scale: "1M calls", unit: .mebibytes,
                  runs: 1) { ctx, run in
            var notes: [String] = []
            var working: [Int: Double] = [:]
            for n in [250_000, 500_000, 1_000_000] {
                let dir = try exchangeCallsFile(ctx, n)
                let spec = try ImportSpec.load(path: dir + "/calls.toml")
                let path = ctx.scratch + "/import-memory-\(n)"
                defer { try? FileManager.default.removeItem(atPath: path) }
                let ws = try Workspace.create(at: path)
                let before = Memory.settledRSS()
                guard try streamedImport(dir + "/calls.csv", spec: spec, into: ws) == n else { throw StoreError("rows lost") }
                ws.close()
                let peak = Memory.status("VmHWM") - before
                let base = Memory.settledRSS()
                let opened = try Workspace.open(at: path, mode: .readOnly)
                let open = Memory.status("VmRSS") - base
                opened.close()
                working[n] = peak - open
                notes.append("\(n / 1000)k: peak +\(fixed(peak, 0)), open \(fixed(open, 0)), working \(fixed(peak - open, 0))")
            }
            let perRow = ((working[1_000_000] ?? 0) - (working[250_000] ?? 0)) * 1_048_576 / 750_000
            run.sample(working[1_000_000] ?? 0)
            run.note = notes.joined(separator: "; ") + " MiB; working memory grows \(fixed(perRow, 1)) B/row"
        }
    }

    /// What `dossier import FILE --spec SPEC` does: rows stream their events into one open transaction, the rest
    /// (case, source, entities) follows at the end, then one durable commit. Returns the rows imported.
    static func streamedImport(_ file: String, spec: ImportSpec, into ws: Workspace) throws -> Int {
        let time = TimePoint(unixSeconds: 1_735_689_600)
        let stream = try ws.beginCommitStream(analyst: "bench", time: time, action: "import")
        defer { stream.abandon() }
        let result = try CSVImporter.run(path: file, spec: spec, reader: ws,
                                         context: ImportContext(caseName: "bench", analyst: "bench", time: time),
                                         streamEvents: { try stream.add($0) })
        guard result.summary.rejected == 0 else { throw StoreError("\(result.summary.rejected) rows rejected") }
        stream.action = result.batch.action
        stream.reason = result.batch.reason
        try stream.add(contentsOf: result.batch.changes)
        try stream.finish()
        return result.summary.imported
    }

    /// `dossier generate` output with exactly `n` call rows, made once per scale.
    static func exchangeCallsFile(_ ctx: BenchContext, _ n: Int) throws -> String {
        try ctx.shared("exchange-calls-\(n)") { () throws -> String in
            let dir = ctx.scratch + "/generated-\(n)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            _ = try WorldGenerator(people: max(1000, n / 50), events: n + n / 4, seed: 1).write(to: dir)
            return dir
        }
    }

    static func fileSizeMiB(_ path: String) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return fixed(Double(size) / 1_048_576, 1)
    }
}
