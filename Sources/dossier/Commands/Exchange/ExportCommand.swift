import ArgumentParser
import DossierExchange
import DossierModel
import DossierStore
#if canImport(Glibc)
import Glibc
#endif

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case ftm, graphml, csv, json
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export items as FtM JSON lines, GraphML, CSV (one file per item kind) or Dossier JSON.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The format.")
    var format: ExportFormat

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case's items.", valueName: "case"))
    var caseName: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file (a directory for csv; default: stdout, or . for csv).", valueName: "path"))
    var output: String?

    func run() throws {
        let ws = try global.openWorkspace(.readOnly)
        defer { ws.close() }
        let caseID = try caseName.map { try Trust.open(ws.requireCase($0), ws, how: "export").meta.id }
        let scope = ExportScope(reader: Trust.visible(ws), caseID: caseID)  // trust: restricted cases stay out
        try Trust.recordExport(ws, format: format.rawValue, to: output, caseID: caseID)  // trust: audited before writing
        let report: ExportReport
        do {
            switch format {
            case .csv:
                let dir = output ?? "."
                if mkdir(dir, 0o755) != 0 && errno != EEXIST { throw CLIFailure("cannot create directory \(dir)") }
                report = try CSVExporter.write(scope, toDirectory: dir)
            case .ftm, .graphml, .json:
                let out = try OutputFile(path: output ?? "/dev/stdout")
                switch format {
                case .ftm: report = try FtMExporter.write(scope, to: out)
                case .graphml: report = try GraphMLExporter.write(scope, to: out)
                default: report = try JSONExporter.write(scope, to: out)
                }
                try out.close()
            }
        } catch let e as ExchangeError {
            throw CLIFailure(e.description)
        }
        // The data may be on stdout: the report goes to stderr then.
        for line in report.lines {
            if output == nil && format != .csv { writeStandardError("dossier: \(line)\n") } else { print(line) }
        }
    }
}
