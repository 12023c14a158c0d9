import ArgumentParser
import DossierModel
import DossierRender
import DossierStore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a case report: summary, key entities, links, timeline, and every statement with its source, "
            + "grading and handling.",
        discussion: "Markdown reads as plain text in a terminal; HTML has the same content for a browser."
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case"), help: "The case to report on.") var caseName: String
    @Option(help: ArgumentHelp("md or html (default: from the -o file's extension, else md).", valueName: "format"))
    var format: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp("Width of the drawings in columns (40-400).", valueName: "n")) var width = 100
    @Flag(help: "ASCII-only drawings.") var ascii = false

    func run() throws {
        guard (40...400).contains(width) else { throw CLIFailure("--width \(width): must be 40-400", exitCode: 2) }
        var fmt = ReportFormat.markdown
        if let format {
            guard let f = ReportFormat(rawValue: format.lowercased() == "markdown" ? "md" : format.lowercased()) else {
                throw CLIFailure("--format \"\(format)\": expected md or html", exitCode: 2)
            }
            fmt = f
        } else if let output, output.lowercased().hasSuffix(".html") || output.lowercased().hasSuffix(".htm") {
            fmt = .html
        }
        let ws = try global.openWorkspace(.readOnly)
        defer { ws.close() }
        let c = try ws.requireCase(caseName)
        let report = CaseReport(reader: ws, caseItem: c, generatedAt: .now(), generatedBy: global.analystName, width: width,
                                glyphs: ascii ? .ascii : .unicode)
        let text = ReportWriter.write(report.document(), as: fmt)
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CLIFailure("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            print(text, terminator: "")
        }
    }
}
