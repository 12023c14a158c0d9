import ArgumentParser
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
            ] + (big ? [importMemoryBySize(fixedPeople: nil), importMemoryBySize(fixedPeople: 20_000)] : []) + [
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

    /// Whether a calls import's memory stays flat (see `memoryBySize`). By default the generator's population grows
    /// with the rows (one person per 50 calls), so the phones the import must tell apart grow too; with `fixedPeople`
    /// the same phones make more and more calls, which isolates what each row costs.
    static func importMemoryBySize(fixedPeople: Int?) -> BenchCase {
        let name = fixedPeople.map { "import memory by size, \($0 / 1000)k people (peak - open)" }
            ?? "import memory by size (peak - open)"
        return memoryBySize(name: name, scale: "1M calls", sizes: [250_000, 500_000, 1_000_000], per: "row") { ctx, n in
            let dir = try exchangeCallsFile(ctx, n, people: fixedPeople)
            return BenchCommand.ImportMemoryChild.Job(format: "csv", file: dir + "/calls.csv", spec: dir + "/calls.toml", count: n)
        }
    }

    /// Whether an import's memory stays flat: the same import (same generator, format and durable commit) at each of
    /// `sizes`, each in a fresh child process (nothing left over from an earlier run) that reports how far its
    /// resident memory rose, beside what merely opening the workspace it made holds resident in another fresh child
    /// (the store's index for that many items). The import's own working memory is the difference (median of two
    /// runs); the value is the working memory at the largest size, the note its growth `per` unit of size (0 when flat).
    static func memoryBySize(name: String, scale: String, sizes: [Int], per unit: String,
                             job: @escaping (BenchContext, Int) throws -> BenchCommand.ImportMemoryChild.Job) -> BenchCase {
        BenchCase(area: "exchange", name: name, scale: scale, unit: .mebibytes, runs: 1) { ctx, run in
            var notes: [String] = []
            var working: [Int: Double] = [:]
            for n in sizes {
                let j = try job(ctx, n)
                let path = ctx.scratch + "/import-memory-\(n)"
                var peaks: [Double] = [], opens: [Double] = []
                for _ in 0..<2 {
                    try? FileManager.default.removeItem(atPath: path)
                    defer { try? FileManager.default.removeItem(atPath: path) }
                    peaks.append(try childMeasure(["import-memory-child", "--format", j.format, "--file", j.file, "--workspace", path,
                                                   "--count", String(j.count)] + (j.spec.map { ["--spec", $0] } ?? [])))
                    opens.append(try childMeasure(["open-memory-child", "--workspace", path]))
                }
                let peak = median(peaks), open = median(opens)
                working[n] = peak - open
                notes.append("\(n / 1000)k (\(fileSizeMiB(j.file)) MiB): peak +\(fixed(peak, 0)), open \(fixed(open, 0)), "
                             + "working \(fixed(peak - open, 0))")
            }
            let small = sizes.first ?? 0, large = sizes.last ?? 0
            let growth = ((working[large] ?? 0) - (working[small] ?? 0)) * 1_048_576 / Double(max(1, large - small))
            run.sample(working[large] ?? 0)
            run.note = notes.joined(separator: "; ") + " MiB; working memory grows \(fixed(growth, 1)) B/\(unit)"
        }
    }

    /// Runs this benchmark binary with `arguments` (one of the memory children below) and reads the MiB it prints.
    static func childMeasure(_ arguments: [String]) throws -> Double {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        child.arguments = arguments
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        guard child.terminationStatus == 0, let mib = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StoreError("\(arguments[0]) failed (status \(child.terminationStatus)): \(text)")
        }
        return mib
    }

    /// What `dossier import FILE --spec SPEC` does: rows stream their events into one open transaction, the rest
    /// (case, source, entities) follows at the end, then one durable commit. Returns the rows imported.
    static func streamedImport(_ file: String, spec: ImportSpec, into ws: Workspace) throws -> Int {
        try importStreamed(into: ws, rejects: "rows") { context, changes, rows in
            try CSVImporter.run(path: file, spec: spec, reader: ws, context: context, stream: changes, streamEvents: rows)
        }.imported
    }

    /// Runs an importer as `dossier import` does: it hands what grows with the file (`changes`, `rows`) to one open
    /// transaction as it reads, the rest of its result follows at the end, then one durable commit. Any reject fails.
    static func importStreamed(into ws: Workspace, rejects unit: String,
                               _ importer: (ImportContext, @escaping ([Change]) throws -> Void,
                                            @escaping (EventRows) throws -> Void) throws -> ImportResult) throws -> ImportSummary {
        let time = TimePoint(unixSeconds: 1_735_689_600)
        let stream = try ws.beginCommitStream(analyst: "bench", time: time, action: "import")
        defer { stream.abandon() }
        var result = try importer(ImportContext(caseName: "bench", analyst: "bench", time: time),
                                  { try stream.add(contentsOf: $0) }, { try stream.add($0) })
        guard result.summary.rejected == 0 else { throw StoreError("\(result.summary.rejected) \(unit) rejected") }
        stream.action = result.batch.action
        stream.reason = result.batch.reason
        try stream.add(contentsOf: result.takeChanges())
        try stream.finish()
        return result.summary
    }

    /// `dossier generate` output with exactly `n` call rows (and one person per 50 calls unless `people` says how
    /// many), made once per scale.
    static func exchangeCallsFile(_ ctx: BenchContext, _ n: Int, people: Int? = nil) throws -> String {
        let label = people.map { "\(n)-\($0)p" } ?? "\(n)"
        return try ctx.shared("exchange-calls-\(label)") { () throws -> String in
            let dir = ctx.scratch + "/generated-\(label)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            _ = try WorldGenerator(people: people ?? max(1000, n / 50), events: n + n / 4, seed: 1).write(to: dir)
            return dir
        }
    }

    static func fileSizeMiB(_ path: String) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return fixed(Double(size) / 1_048_576, 1)
    }
}

extension BenchCommand {
    /// Imports one file into a new workspace as the bench's import cases do and prints how far resident memory rose
    /// above where it stood once the process was up (MiB).
    struct ImportMemoryChild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import-memory-child", shouldDisplay: false)
        /// What a child imports: the file, its format (csv with its spec, ftm, stix) and how many rows, interval
        /// lines or objects the import must report.
        struct Job {
            var format: String
            var file: String
            var spec: String?
            var count: Int
        }

        @Option var format: String
        @Option var file: String
        @Option var spec: String?
        @Option var workspace: String
        @Option var count: Int

        func run() throws {
            let spec = try self.spec.map { try ImportSpec.load(path: $0) }
            let ws = try Workspace.create(at: workspace)
            let before = Memory.settledRSS()
            let made: Int
            switch format {
            case "csv":
                guard let spec else { throw StoreError("a CSV import needs --spec") }
                made = try BenchRegistry.streamedImport(file, spec: spec, into: ws)
            case "ftm": made = try BenchRegistry.ftmImport(file, into: ws)
            case "stix": made = try BenchRegistry.stixImport(file, into: ws) + BenchRegistry.stixMarkings
            default: throw StoreError("unknown format \(format)")
            }
            guard made == count else { throw StoreError("imported \(made) of \(count)") }
            ws.close()
            print(fixed(Memory.status("VmHWM") - before, 2))
        }
    }

    /// Opens a workspace read-only and prints the resident memory that added (MiB): what the store holds for it.
    struct OpenMemoryChild: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open-memory-child", shouldDisplay: false)
        @Option var workspace: String

        func run() throws {
            let before = Memory.settledRSS()
            let ws = try Workspace.open(at: workspace, mode: .readOnly)
            print(fixed(Memory.status("VmRSS") - before, 2))
            ws.close()
        }
    }
}
