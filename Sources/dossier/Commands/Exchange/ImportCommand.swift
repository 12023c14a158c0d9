import ArgumentParser
import DossierExchange
import DossierModel
import DossierStore

enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, tsv, ftm, stix, json
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a file into a case: CSV/TSV with an import spec or a quick path, FtM, STIX 2.1 or Dossier JSON.",
        discussion: """
        Rows that fail go to a reject file with file:line and the reason; a run with rejects commits nothing unless \
        --accept-partial. The whole import is one all-or-nothing commit: an interrupted import changes nothing.
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(name: .customLong("case"), help: ArgumentHelp("The case to import into (created if missing).", valueName: "case"))
    var caseName: String?

    @Option(help: "The file's format (default: from its extension).")
    var format: ImportFormat?

    @Option(help: ArgumentHelp("A TOML import specification mapping columns to entities, links and events.", valueName: "spec.toml"))
    var spec: String?

    @Flag(help: "Write a starting import spec guessed from the header and a sample of rows (to -o or stdout), import nothing.")
    var specTemplate = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Where --spec-template writes the spec.", valueName: "file"))
    var output: String?

    @Flag(help: "Quick path: an edge list source,target[,type][,weight]; entities by name.")
    var edges = false

    @Option(help: ArgumentHelp("Entity kind for --edges (default person).", valueName: "kind"))
    var kind: String?

    @Flag(help: "Quick path: call records caller,callee,start,duration[,cell].")
    var calls = false

    @Flag(help: "Quick path: transactions from_account,to_account,date,amount,currency.")
    var transactions = false

    @Flag(help: "Read and report, commit nothing.")
    var dryRun = false

    @Flag(help: "Commit the good rows even when some rows were rejected.")
    var acceptPartial = false

    @Option(help: ArgumentHelp("Where rejected rows go (default: FILE.rejects.csv).", valueName: "file"))
    var rejects: String?

    @Option(help: ArgumentHelp("Who provided the data (source provenance).", valueName: "name"))
    var provider: String?
    @Option(help: ArgumentHelp("The provider's reference.", valueName: "ref"))
    var reference: String?
    @Option(help: ArgumentHelp("When the data was received (ISO 8601).", valueName: "date"))
    var received: String?
    @Option(help: ArgumentHelp("Admiralty grading, e.g. B2.", valueName: "grade"))
    var grading: String?
    @Option(help: ArgumentHelp("Handling code: H0-H3, TLP:AMBER, 3x5x2:P ...", valueName: "code"))
    var handling: String?
    @Option(help: ArgumentHelp("Conditions attached to the handling code.", valueName: "text"))
    var handlingConditions: String?
    @Option(help: ArgumentHelp("Legal basis for holding the data.", valueName: "text"))
    var legalBasis: String?
    @Option(help: ArgumentHelp("Purpose the data may be used for.", valueName: "text"))
    var purpose: String?
    @Option(help: ArgumentHelp("Country for phone numbers written without a calling code (ISO 3166, default GB).", valueName: "cc"))
    var defaultCountry: String?

    func provenance() throws -> ImportProvenance {
        var p = ImportProvenance(provider: provider, reference: reference, legalBasis: legalBasis, purpose: purpose)
        if let r = received { p.received = try parseTime(r, option: "--received") }
        if let g = grading {
            guard let grade = Grading(g) else { throw CLIFailure("--grading \"\(g)\": not an Admiralty grade such as B2", exitCode: 2) }
            p.grading = grade
        }
        if let h = handling {
            guard let code = HandlingCode(h, conditions: handlingConditions ?? "") else {
                throw CLIFailure("--handling \"\(h)\": not a handling code such as H2, TLP:AMBER or 3x5x2:P", exitCode: 2)
            }
            p.handling = code
        }
        return p
    }

    var resolvedFormat: ImportFormat {
        if let format { return format }
        let lower = file.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".ftm.json") || lower.hasSuffix(".ftm") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ijson") { return .ftm }
        if lower.hasSuffix(".stix.json") || lower.hasSuffix(".stix") { return .stix }
        if lower.hasSuffix(".json") { return .json }
        return .csv
    }

    func run() throws {
        if specTemplate {
            do {
                let text = try SpecTemplate.make(path: file)
                if let output {
                    let out = try OutputFile(path: output)
                    try out.write(text)
                    try out.close()
                    print("Wrote \(output)")
                } else {
                    print(text, terminator: "")
                }
            } catch let e as ExchangeError { throw CLIFailure(e.description) }
            return
        }
        guard let caseName, !caseName.isEmpty else { throw CLIFailure("import needs --case CASE", exitCode: 2) }
        let quick = [edges, calls, transactions].filter { $0 }.count
        if quick > 1 { throw CLIFailure("choose one of --edges, --calls, --transactions", exitCode: 2) }
        if quick == 1 && spec != nil { throw CLIFailure("--spec and a quick path (--edges/--calls/--transactions) exclude each other", exitCode: 2) }
        var country = "GB"
        if let c = defaultCountry {
            guard let cc = Country.normalize(c) else { throw CLIFailure("--default-country \"\(c)\": not a country", exitCode: 2) }
            country = cc
        }
        let ws = try global.openWorkspace(dryRun ? .readOnly : .readWrite)
        defer { ws.close() }
        let context = ImportContext(caseName: caseName, analyst: global.analystName, time: .now(), provenance: try provenance(),
                                    defaultCountry: country)
        let rejectPath = rejects ?? file + ".rejects.csv"
        let progress = ProgressLine()
        var result: ImportResult
        // Every format streams into one open transaction as it is read (memory stays flat): CSV/TSV rows their events
        // (and entities no later row adds to), FtM lines their events and relationships, STIX and JSON their links,
        // events and notes. It is committed at the end or abandoned (rejects, an error, Ctrl-C), leaving the
        // workspace as it was.
        var stream: CommitStream?
        if !dryRun {
            do {
                stream = try ws.beginCommitStream(analyst: global.analystName, time: context.time, action: "import \(file)")
            } catch let e as StoreError { throw CLIFailure(e.description) }
        }
        defer { stream?.abandon() }
        do {
            switch resolvedFormat {
            case .csv, .tsv:
                var importSpec: ImportSpec
                var specName = "spec"
                let header = try peekHeader()
                if let spec {
                    importSpec = try ImportSpec.load(path: spec)
                    specName = String(spec.split(separator: "/").last ?? "spec")
                } else if edges {
                    importSpec = QuickSpecs.edges(header: header, kind: EntityKind(rawValue: kind ?? "person"))
                } else if calls {
                    importSpec = QuickSpecs.calls(header: header)
                } else if transactions {
                    importSpec = QuickSpecs.transactions(header: header)
                } else {
                    throw CLIFailure("a CSV import needs --spec SPEC or one of --edges, --calls, --transactions "
                        + "(write a starting spec with: dossier import \(file) --spec-template -o spec.toml)", exitCode: 2)
                }
                if resolvedFormat == .tsv && importSpec.delimiter == nil { importSpec.delimiter = 9 }
                let writer = RejectWriter(path: rejectPath, header: { header })
                result = try CSVImporter.run(path: file, spec: importSpec, specName: specName, reader: ws, context: context,
                                             rejects: writer, progress: progress.update,
                                             stream: stream.map { s in { try s.add(contentsOf: $0) } },
                                             streamEvents: stream.map { s in { try s.add($0) } })
                try writer.close()
            case .ftm:
                let writer = RejectWriter(path: rejectPath, header: { ["line"] })
                // Its calls and payments go with its relationships, in the order their ids were made, rather than as
                // rows of their own: then the store indexes both as it writes them, and keeps nothing per line.
                result = try FtMImporter.run(path: file, reader: ws, context: context, rejects: writer, progress: progress.update,
                                             stream: stream.map { s in { try s.add(contentsOf: $0) } })
                try writer.close()
            case .stix:
                let writer = RejectWriter(path: rejectPath, header: { ["object"] })
                result = try STIXImporter.run(path: file, reader: ws, context: context, rejects: writer, progress: progress.update,
                                              stream: stream.map { s in { try s.add(contentsOf: $0) } })
                try writer.close()
            case .json:
                let writer = RejectWriter(path: rejectPath, header: { ["element"] })
                result = try JSONImporter.run(path: file, reader: ws, context: context, rejects: writer, progress: progress.update,
                                              stream: stream.map { s in { try s.add(contentsOf: $0) } })
                try writer.close()
            }
        } catch let e as ExchangeError {
            progress.finish()
            throw CLIFailure(e.description)
        } catch let e as StoreError {
            progress.finish()
            throw CLIFailure(e.description)
        }
        progress.finish()
        let s = result.summary
        for n in s.notices { writeStandardError("dossier: \(n)\n") }
        for line in s.lines(committing: !dryRun && (s.rejected == 0 || acceptPartial)) { print(line) }
        if s.rejected > 0 {
            for r in s.rejects.prefix(10) { writeStandardError("dossier: rejected \(r)\n") }
            if s.rejected > 10 { writeStandardError("dossier: ... \(s.rejected - 10) more\n") }
            writeStandardError("dossier: rejected rows are in \(rejectPath)\n")
        }
        if dryRun {
            print("dry run: nothing committed")
            return
        }
        if s.rejected > 0 && !acceptPartial {
            throw CLIFailure("nothing committed: \(s.rejected) row\(s.rejected == 1 ? "" : "s") rejected; fix them or pass --accept-partial")
        }
        guard result.shouldCommit(acceptPartial: acceptPartial, dryRun: false) else {
            print("nothing to commit")
            return
        }
        if let stream {
            do {
                stream.action = result.batch.action
                stream.reason = result.batch.reason
                try stream.add(contentsOf: result.takeChanges())
                try stream.finish()
            } catch let e as StoreError { throw CLIFailure(e.description) }
            print("committed \(stream.count) changes")
            return
        }
        try commitOrFail(ws, result.batch)
        print("committed \(result.batch.changes.count) changes")
    }

    /// The header (or column count as positions) for building a quick-path spec.
    func peekHeader() throws -> [String] {
        var options = CSVOptions(delimiter: resolvedFormat == .tsv ? 9 : nil)
        if edges { options.hasHeader = true }
        let reader = try CSVReader(path: file, options: options)
        return reader.header ?? (0..<reader.columnCount).map { "column\($0 + 1)" }
    }
}
